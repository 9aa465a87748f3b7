/**
 * The version a stand-in reports: the SDK package's plug-in version (package.json `pulumi.version`,
 * which the engine asks for) with build metadata saying it is the stand-in.
 */
export function pluginVersion(pkg: "gcp" | "alicloud" | "random"): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manifest = require(`@pulumi/${pkg}/package.json`) as { version: string; pulumi?: { version?: string } };
  return `${manifest.pulumi?.version ?? manifest.version}+rehearsal`;
}
