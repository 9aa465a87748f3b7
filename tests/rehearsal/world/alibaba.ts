import * as fs from "fs";
import * as path from "path";
import { canonicalJson } from "../checks/inventory";
import { ROOT } from "../engine";

/** The `aliyun` CLI stand-in's bin (tests/rehearsal/alibaba/bin), put on the engine's PATH by an Alibaba world. */
export const ALIYUN_BIN = path.join(ROOT, "tests/rehearsal/alibaba/bin");

/** The run's Alibaba state folder (FAKE_ALIYUN_STATE), shared by the `aliyun` stand-in and the `alicloud` plug-in. */
export function alibabaStateDir(home: string): string {
  return path.join(home, "clouds", "alibaba");
}

/**
 * Writes what the account holds before the stack's first `up` into the shared state
 * (tests/fakes/aliyun_cli.py `load()` collections; `seed` is merged over the empty ones).
 */
export function seedAlibaba(home: string, seed: Readonly<Record<string, unknown>>): string {
  const dir = alibabaStateDir(home);
  fs.mkdirSync(dir, { recursive: true });
  const empty = { clusters: {}, hubs: {}, vswitches: {}, security_groups: {}, eips: {}, ram_roles: {}, fail_next: {} };
  fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify({ ...empty, ...seed }, null, 1));
  return dir;
}

/** Collections of the state that are the stand-ins' bookkeeping, not the account's objects. */
const BOOKKEEPING = new Set(["fail_next", "address_pool"]);
/** States in which an object no longer exists for the API (DescribeClustersV1 and DescribeHubClusterDetails stop listing it). */
const GONE = new Set(["gone", "deleted"]);

/**
 * Every object the Alibaba account holds, in comparable form: `<collection> <id>`, except
 * objects the API no longer lists (`state` gone or deleted) and the stand-ins' bookkeeping.
 * Fields the stand-ins move on every read (`reads`, `ready_at`) are left out.
 */
export function alibabaObjects(home: string): { key: string; content: string }[] {
  const file = path.join(alibabaStateDir(home), "state.json");
  if (!fs.existsSync(file)) return [];
  const state = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const objects: { key: string; content: string }[] = [];
  for (const [name, value] of Object.entries(state)) {
    if (BOOKKEEPING.has(name) || !value || typeof value !== "object" || Array.isArray(value)) continue;
    for (const [id, object] of Object.entries(value as Record<string, unknown>)) {
      const fields: Record<string, unknown> = object && typeof object === "object" ? { ...(object as Record<string, unknown>) } : { value: object };
      if (GONE.has(String(fields.state))) continue;
      delete fields.reads;
      delete fields.ready_at;
      objects.push({ key: `${name} ${id}`, content: canonicalJson(fields) });
    }
  }
  return objects;
}
