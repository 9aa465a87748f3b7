import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../engine";

/** The NIFCLOUD API stand-in of one run (tests/fakes/nifcloud_api.py), driven by the real `nifcloud` CLI. */
export interface NifcloudApi {
  readonly url: string;
  /** Every object the stand-in holds, as its describes show them (GET /_state). */
  state(): Promise<Record<string, unknown>>;
  stop(): void;
}

/** The project's test tools (the real `nifcloud` CLI and the Python that imports its SDK). */
function testToolsBin(): string {
  return execFileSync("bash", [path.join(ROOT, "scripts/toolchain/test-tools.sh")], { encoding: "utf8" }).trim();
}

/**
 * Starts the stand-in with the run's operation log and durations, accepting only `accessKeyId`,
 * and seeds it with what a user already has (`seed`: the POST /_seed body).
 */
export async function startNifcloud(home: string, accessKeyId: string, seed: unknown): Promise<NifcloudApi> {
  const dir = path.join(home, "clouds", "nifcloud");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "keys"), `${accessKeyId}\n`);
  const portFile = path.join(dir, "port");
  const python = path.join(testToolsBin(), "python3");
  const child: ChildProcess = spawn(python, [path.join(ROOT, "tests/fakes/nifcloud_api.py"), portFile, path.join(dir, "requests.jsonl")], {
    env: { ...process.env, REHEARSAL_HOME: home },
    stdio: ["ignore", "ignore", fs.openSync(path.join(dir, "stderr.log"), "a")],
  });
  for (let i = 0; i < 200 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  if (!fs.existsSync(portFile)) throw new Error(`the NIFCLOUD stand-in did not start; see ${dir}/stderr.log`);
  const url = `http://127.0.0.1:${fs.readFileSync(portFile, "utf8").trim()}`;
  const seeded = await fetch(`${url}/_seed`, { method: "POST", body: JSON.stringify(seed) });
  if (!seeded.ok) throw new Error(`seeding the NIFCLOUD stand-in failed: ${await seeded.text()}`);
  return {
    url,
    state: async () => (await (await fetch(`${url}/_state`)).json()) as Record<string, unknown>,
    stop: () => void child.kill(),
  };
}

/** The stand-in's state as comparable objects: one per object, keyed by kind and name or id. */
export function nifcloudObjects(state: Record<string, unknown>): { key: string; content: string }[] {
  const objects: { key: string; content: string }[] = [];
  for (const [kind, value] of Object.entries(state)) {
    const items = Array.isArray(value) ? value : value && typeof value === "object" ? Object.values(value) : [];
    for (const item of items as Record<string, unknown>[]) {
      const name = String(item.GroupName ?? item.NetworkId ?? item.VpnGatewayId ?? item.CustomerGatewayId ?? item.VpnConnectionId ?? item.InstanceId ?? item._key ?? JSON.stringify(item).slice(0, 40));
      objects.push({ key: `${kind} ${name}`, content: JSON.stringify(item, Object.keys(item).sort()) });
    }
  }
  return objects;
}
