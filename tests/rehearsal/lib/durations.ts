import * as fs from "fs";
import * as path from "path";

/** One entry of durations.json: the real duration of an operation and where the figure comes from. */
export interface Duration {
  readonly seconds: number;
  readonly source: string;
}

const TABLE = path.join(__dirname, "..", "durations.json");
let table: Record<string, Duration> | undefined;

function load(): Record<string, Duration> {
  table ??= (JSON.parse(fs.readFileSync(TABLE, "utf8")) as { operations: Record<string, Duration> }).operations;
  return table;
}

/** One real minute becomes one second unless REHEARSAL_TIME_SCALE says otherwise. */
export function timeScale(): number {
  const scale = Number(process.env.REHEARSAL_TIME_SCALE ?? "60");
  return Number.isFinite(scale) && scale > 0 ? scale : 60;
}

/** Milliseconds the stand-in spends on `key` (`<type or API>.<op>`); 0 for an operation the table does not list. */
export function scaledMillis(key: string): number {
  const entry = load()[key];
  return entry ? Math.round((entry.seconds * 1000) / timeScale()) : 0;
}

/** Waits the scaled duration of `key`. */
export function takeTime(key: string): Promise<void> {
  const ms = scaledMillis(key);
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
