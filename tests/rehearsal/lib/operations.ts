import * as fs from "fs";
import * as path from "path";

/** One operation a stand-in performed on a cloud (tests/rehearsal/README.md, "The operation log"). */
export interface Operation {
  /** Epoch milliseconds when the operation started and ended. */
  readonly start: number;
  readonly end: number;
  readonly cloud: "gcp" | "alibaba" | "nifcloud" | "mesh" | "kubernetes";
  readonly op: string;
  readonly type: string;
  readonly id?: string;
  readonly name?: string;
  /** Ids of the other objects this operation names. */
  readonly refs?: readonly string[];
  readonly ok: boolean;
  readonly error?: string | null;
  /** The cloud rule the stand-in refused the operation for (`in-use`, `exists`, `busy`); absent when it broke none. */
  readonly refused?: string;
  /** Which stand-in performed it, e.g. `plugin:gcp`. */
  readonly by: string;
}

/** The value written in place of anything secret. */
export const REDACTED = "[secret]";

/** The run's operation log, or undefined outside a rehearsal. */
export function operationLog(): string | undefined {
  const home = process.env.REHEARSAL_HOME;
  return process.env.REHEARSAL_OPS_LOG ?? (home ? path.join(home, "operations.jsonl") : undefined);
}

/** Appends one operation as one line in one write (O_APPEND), so concurrent writers never interleave. */
export function recordOperation(operation: Operation): void {
  const file = operationLog();
  if (!file) return;
  fs.appendFileSync(file, JSON.stringify(operation) + "\n");
}

/** Reads every operation of a log file. */
export function readOperations(file: string): Operation[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Operation);
}
