import * as fs from "fs";
import * as path from "path";
import { canonicalJson } from "../checks/inventory";

/** The objects of a stand-in's state file (collections of objects by id) in comparable form. */
export function stateFileObjects(file: string, skip: readonly string[] = []): { key: string; content: string }[] {
  if (!fs.existsSync(file)) return [];
  const state = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const objects: { key: string; content: string }[] = [];
  for (const [collection, value] of Object.entries(state)) {
    if (skip.includes(collection) || !value || typeof value !== "object" || Array.isArray(value)) continue;
    for (const [id, object] of Object.entries(value as Record<string, unknown>)) {
      objects.push({ key: `${collection} ${id}`, content: canonicalJson(object) });
    }
  }
  return objects;
}

/** The GCP stand-in's objects; its address counter is its own bookkeeping, not a project's object. */
export function gcpObjects(home: string): { key: string; content: string }[] {
  return stateFileObjects(path.join(home, "clouds", "gcp.json"), ["addressPool"]);
}

/**
 * What a GCP project keeps by design after destroy: the APIs the stacks enable, which they never
 * disable (stacks/shared/gcpApis.ts `disableOnDestroy: false`: turning an API off breaks whatever
 * else in the project uses it; an enabled API bills nothing).
 */
export const gcpKeptByDesign = (key: string): boolean => key.startsWith("enabledServices ");

/** What the world file says beside the clusters (tests/rehearsal/mesh/nodecheck.py reads the node fields). */
export interface WorldFacts {
  /** Per role, the servers' static routes the runbook has the user add: `{to: CIDR, via: gateway}`. */
  readonly nodeRoutes?: Readonly<Record<string, readonly { to: string; via: string }[]>>;
  /** Per role, the servers' default gateway (everything no static route covers). */
  readonly defaultVia?: Readonly<Record<string, string>>;
}

/** Writes the run's world file: the local clusters by role, each with `aliases` (tests/rehearsal/README.md). */
export function writeWorld(file: string, clusters: Readonly<Record<string, unknown>>, facts: WorldFacts = {}): void {
  fs.writeFileSync(file, JSON.stringify({ clusters, ...facts }, null, 1), { mode: 0o600 });
}
