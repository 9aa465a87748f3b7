import * as fs from "fs";
import * as path from "path";
import { ProgramRun } from "./programRun";
import { answeringUrns, engineUrns } from "./urns";

const PROJECT = "multicloud-mesh";
const FIXTURES = path.resolve(__dirname, "../program/fixtures");

export const fixtureFile = (stack: string): string => path.join(FIXTURES, `urns-${stack}.json`);

/** The URNs a stack registered before its program was restructured (`RECORD_URNS=1` rewrites them). */
export function recordedUrns(run: ProgramRun): string[] {
  const file = fixtureFile(run.stack);
  if (process.env.RECORD_URNS === "1") {
    fs.mkdirSync(FIXTURES, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify([...new Set(engineUrns(run.registrations, run.stack, PROJECT).values())].sort(), null, 2)}\n`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as string[];
}

/** The old URNs that no resource registers or aliases now: each would be deleted and re-created. */
export function lostUrns(run: ProgramRun): string[] {
  const answering = answeringUrns(run.registrations, run.stack, PROJECT);
  return recordedUrns(run).filter((urn) => !answering.has(urn));
}
