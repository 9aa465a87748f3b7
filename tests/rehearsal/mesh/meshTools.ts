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

/** The environment of a run's scripts: the stand-ins first on PATH, asm-install.sh's asmcli set. */
export function meshToolsEnv(home: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, REHEARSAL_HOME: home, PATH: `${MESH_BIN}${path.delimiter}${env.PATH ?? ""}`, ASMCLI: path.join(MESH_BIN, "asmcli") };
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
export function dataplaneModel(fn: "curl" | "endpoints" | "detached" | "reachable_remotes", world: unknown, args: unknown[] = [], positions?: number[]): any {
  return python([DATAPLANE, "model", fn], { world, args, ...(positions ? { positions } : {}) }, { ...process.env, REHEARSAL_HOME: "/nonexistent" });
}
