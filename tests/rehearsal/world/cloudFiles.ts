import * as fs from "fs";
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

/** Writes the run's world file: the local clusters by role (tests/rehearsal/README.md). */
export function writeWorld(file: string, clusters: Readonly<Record<string, unknown>>): void {
  fs.writeFileSync(file, JSON.stringify({ clusters }, null, 1), { mode: 0o600 });
}
