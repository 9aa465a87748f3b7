import * as fs from "fs";
import * as path from "path";
import { ProgramRun } from "./programRun";
import { answeringUrns, engineUrns } from "./urns";

const PROJECT = "multicloud-mesh";
const FIXTURES = path.resolve(__dirname, "../program/fixtures");

/**
 * A fixture is one recording of the URNs a stack (or a variant of it) registered: `<stack>` the
 * first, made before the program was split into components; `<variant>.2` the second, made before
 * the VPN links were renamed after the clouds they join (`dev.2`, `ack-dev.2`, `ack-dev-classic.2`,
 * `local.2`). A stack deployed at either time must find every URN again.
 */
export const fixtureFile = (fixture: string): string => path.join(FIXTURES, `urns-${fixture}.json`);

/** The URNs recorded in `fixture` (`RECORD_URNS=1` rewrites it from this run). @default fixture the run's stack */
export function recordedUrns(run: ProgramRun, fixture: string = run.stack): string[] {
  const file = fixtureFile(fixture);
  if (process.env.RECORD_URNS === "1") {
    fs.mkdirSync(FIXTURES, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify([...new Set(engineUrns(run.registrations, run.stack, PROJECT).values())].sort(), null, 2)}\n`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as string[];
}

/** The URNs of `fixture` that no resource registers or aliases now: each would be deleted and re-created. */
export function lostUrns(run: ProgramRun, fixture: string = run.stack): string[] {
  const answering = answeringUrns(run.registrations, run.stack, PROJECT);
  return recordedUrns(run, fixture).filter((urn) => !answering.has(urn));
}
