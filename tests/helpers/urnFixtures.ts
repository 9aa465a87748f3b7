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

/**
 * Recorded URNs (after `<stack>::<project>::`) that the programs stop registering on purpose, and
 * why. Each has a successor under another URN that the engine creates before it deletes the old
 * one, at the end of the same `up` (docs/runbooks/dev.md, "Stacks deployed before GKE's control plane went private").
 */
export const RETIRED: Readonly<Record<string, string>> = {
  "multicloud-mesh:gke:GkeCluster$gcp:container/nodePool:NodePool::gke-nodes":
    "the node pool of Compute Engine's default service account; its successor gke-node-pool runs as the dedicated node account (clusters[].gke.nodeServiceAccount)",
};

const retired = (run: ProgramRun, urn: string): boolean => urn.slice(`urn:pulumi:${run.stack}::${PROJECT}::`.length) in RETIRED;

/** The URNs of `fixture` that no resource registers or aliases now, retired ones aside: each would be deleted and re-created. */
export function lostUrns(run: ProgramRun, fixture: string = run.stack): string[] {
  const answering = answeringUrns(run.registrations, run.stack, PROJECT);
  return recordedUrns(run, fixture).filter((urn) => !answering.has(urn) && !retired(run, urn));
}

/** The URNs of `fixture` that no resource registers now because they are retired on purpose (RETIRED). */
export function retiredUrns(run: ProgramRun, fixture: string = run.stack): string[] {
  const answering = answeringUrns(run.registrations, run.stack, PROJECT);
  return recordedUrns(run, fixture).filter((urn) => !answering.has(urn) && retired(run, urn));
}
