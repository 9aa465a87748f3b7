/**
 * The rehearsal's mesh tools as its runner uses them (tests/rehearsal/mesh/README.md): the environment that
 * puts the asmcli, istioctl and kubectl stand-ins first, the injection webhook server of a run, and the check
 * that no pod runs a proxy whose control plane is gone. The Istio model behind them is Python, shared with the
 * script-test fake (tests/fakes/mesh/istio_model.py); `istioModel` and `dataplaneModel` call it directly.
 */
import { spawnSync } from "child_process";
import * as path from "path";

export const MESH_TOOLS = __dirname;
export const MESH_BIN = path.join(MESH_TOOLS, "bin");
const ISTIO_MODEL = path.join(MESH_TOOLS, "..", "..", "fakes", "mesh", "istio_model.py");
const DATAPLANE = path.join(MESH_TOOLS, "dataplane.py");

function python(args: string[], input: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  const result = spawnSync(process.env.PYTHON ?? "python3", args, { input: JSON.stringify(input), encoding: "utf8", env });
  if (result.status !== 0) throw new Error(`python3 ${args.join(" ")} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The environment of a run's scripts: the stand-ins first on PATH. */
export function meshToolsEnv(home: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, REHEARSAL_HOME: home, PATH: `${MESH_BIN}${path.delimiter}${env.PATH ?? ""}` };
}

/** Where asm-install.sh finds a run's releases: asmcli builds with their checksums, signed tarballs, the key. */
export interface AsmReleases {
  readonly ASMCLI_URL: string;
  readonly ASM_RELEASE_URL: string;
  readonly ASM_RELEASE_PUBLIC_KEY: string;
}

/**
 * Publishes each asmcli build (`1.29.0-asm.1+config1`, as `asmcli --version` prints it) of the stand-in and
 * its release's signed tarball under `<home>/clouds/mesh/releases` (releases.py), the way Google publishes
 * them, and returns the environment that makes asm-install.sh download and verify them there. The path of
 * one build, for `ASMCLI`, is `asmcliBuild(releases, version)`.
 */
export function asmReleases(home: string, versions: readonly string[]): AsmReleases {
  const dir = path.join(home, "clouds", "mesh", "releases");
  return python([path.join(MESH_TOOLS, "releases.py"), "publish", dir, ...versions], null) as AsmReleases;
}

/** The published asmcli build of `version`: for ASMCLI, the user's own asmcli of exactly that release. */
export function asmcliBuild(releases: AsmReleases, version: string): string {
  return path.join(releases.ASMCLI_URL.replace(/^file:\/\//, ""), `asmcli_${version.replace(/\+/g, "-")}`);
}

function injector(action: "start" | "stop" | "status", home: string): number {
  const result = spawnSync("bash", [path.join(MESH_TOOLS, "injector.sh"), action], { encoding: "utf8", env: { ...process.env, REHEARSAL_HOME: home } });
  if (action !== "status" && result.status !== 0) throw new Error(`injector.sh ${action}: ${result.stderr}`);
  return result.status ?? 1;
}

/** Starts the run's injection webhook server (a fresh CA); one already running is kept. */
export const startInjector = (home: string) => void injector("start", home);
export const stopInjector = (home: string) => void injector("stop", home);
export const injectorRunning = (home: string) => injector("status", home) === 0;

/** "<role> <namespace>/<pod> <revision>" of every pod of the run's clusters whose proxy's istiod is gone. */
export function detachedProxies(home: string): string[] {
  return python([DATAPLANE, "detached"], null, { ...process.env, REHEARSAL_HOME: home }) as string[];
}

/** One function of the Istio model (tests/fakes/mesh/istio_model.py) on JSON arguments. */
export function istioModel(fn: string, ...args: unknown[]): any {
  return python(["-S", ISTIO_MODEL, fn], args);
}

/** One function of the data-plane model (dataplane.py) on a snapshot of the clusters, without an API server. */
export function dataplaneModel(
  fn: "curl" | "endpoints" | "detached" | "reachable_remotes" | "secret_servers",
  world: unknown,
  args: unknown[] = [],
  positions?: number[],
): any {
  return python([DATAPLANE, "model", fn], { world, args, ...(positions ? { positions } : {}) }, { ...process.env, REHEARSAL_HOME: "/nonexistent" });
}
