/**
 * Cloud Service Mesh release lines and asmcli's revision names. Pure.
 * asmcli names a revision `asm-<major><minor><point>-<rev>` after the release it installs
 * (GoogleCloudPlatform/anthos-service-mesh-packages, asmcli/lib/util.sh `REVISION_LABEL`).
 */

/** The lines Cloud Service Mesh supports (the last three minors; docs.cloud.google.com/service-mesh/versions). */
export const SUPPORTED_ASM_LINES = ["1.29", "1.30", "1.31"] as const;

/** The line asmcli downloads when none is configured. */
export const DEFAULT_ASM_LINE = "1.29";

/** An ASM release as asmcli prints it, without its `+config<n>` suffix: `1.29.0-asm.1`. */
export const ASM_RELEASE = /^(\d+)\.(\d+)\.(\d+)-asm\.(\d+)$/;

/** asmcli's revision name for a release: `1.29.0-asm.1` → `asm-1290-1`; undefined when it is no release. */
export function asmRevision(release: string): string | undefined {
  const m = ASM_RELEASE.exec(release);
  return m ? `asm-${m[1]}${m[2]}${m[3]}-${m[4]}` : undefined;
}

/** The release line (`1.29`) a revision named by asmcli belongs to; undefined for any other name. */
export function revisionLine(revision: string): string | undefined {
  // Minors are two digits since 1.10; the point release takes the digits that follow.
  const m = /^asm-1(\d{2})\d+-\d+$/.exec(revision);
  return m ? `1.${Number(m[1])}` : undefined;
}

/** True when `line` (`1.<minor>`) is one Cloud Service Mesh supports. */
export function isSupportedLine(line: string): boolean {
  return (SUPPORTED_ASM_LINES as readonly string[]).includes(line);
}
