/**
 * The ack-dev scenario against the program: the key its rotation replaces is a resource the
 * program registers, and every config key its changes set is one the stack file reads.
 */
import { ProgramRun } from "../../../../helpers/programRun";
import { ackDev } from "../../../../rehearsal/scenarios/ackDev";

const run = new ProgramRun("ack-dev");
beforeAll(() => run.start());

it("replaces a pre-shared key the program registers", () => {
  const replaced = ackDev.changes.flatMap((c) => {
    const flags = c.upFlags ?? [];
    return flags.flatMap((f, i) => (f === "--replace" ? [flags[i + 1]] : []));
  });
  expect(replaced).toHaveLength(1);
  const urns = run.registrations.map((r) => r.urn);
  expect(urns).toContain(replaced[0]);
  expect(run.registrations.find((r) => r.urn === replaced[0])?.type).toBe("random:index/randomPassword:RandomPassword");
});

it("plays each cluster on its own loopback index, clear of the other stacks' clusters", () => {
  expect(ackDev.roles).toEqual({ gke: 3, hub: 4, acs: 5 });
});
