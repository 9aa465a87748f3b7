/**
 * The whole `local` program (two existing clusters, no cloud) under mocks: the mesh on both
 * clusters, remote secrets both ways, multi-cluster services, every kubeconfig secret.
 */
import { Recorded } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";
import { lostUrns } from "../helpers/urnFixtures";

// The provider-v2 readiness workaround is off unless the built engine asks for it.
delete process.env.MESH_LOCAL_SKIP_POD_AWAIT;

const run = new ProgramRun("local");
let recorded: Recorded[];

beforeAll(async () => {
  await run.start();
  ({ recorded } = run);
});

it("keeps every URN it registered before (registered again or aliased), so no cloud resource is replaced", () => {
  expect(run.registrations.length).toBeGreaterThan(20);
  expect(lostUrns(run)).toEqual([]);
});

it("registers no two resources with one type and name", () => {
  expect(run.duplicates).toEqual([]);
  expect(recorded.length).toBeGreaterThan(20);
});
