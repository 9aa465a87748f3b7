import { Operation } from "../lib/operations";
import { Finding } from "./finding";

/**
 * No operation breaks a cloud's rule: every stand-in refuses such an operation as the cloud
 * does (a delete of an object still in use, a create of a name that exists, a change to a busy
 * ACK One hub) and logs the refusal with `ok: false`. Any refusal in the step's operations is a
 * finding, also when a retry later succeeded: the program asked for something the cloud forbids.
 * A failure that breaks no rule (a lookup of something absent) carries no `refused`.
 */
export function ruleBreaks(operations: readonly Operation[]): Finding[] {
  return operations
    .filter((o) => !o.ok && o.refused)
    .map((o) => ({
      check: "rules",
      message: `${o.cloud} refused (${o.refused}) ${o.op} of ${o.type} ${o.name ?? o.id ?? ""}: ${o.error ?? "no reason given"} (by ${o.by})`,
    }));
}
