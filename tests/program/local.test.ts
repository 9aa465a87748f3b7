/**
 * The whole `local` program (two existing clusters, no cloud) under mocks: the mesh on both
 * clusters, remote secrets both ways, multi-cluster services, every kubeconfig secret.
 */
import { Recorded, promiseOf } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";
import { lostUrns } from "../helpers/urnFixtures";

const run = new ProgramRun("local");
let recorded: Recorded[];

beforeAll(async () => {
  await run.start();
  ({ recorded } = run);
});

it.each(["local", "local.2"])("keeps every URN of recording %s (registered again or aliased), so no cloud resource is replaced", (fixture) => {
  expect(run.registrations.length).toBeGreaterThan(20);
  expect(lostUrns(run, fixture)).toEqual([]);
});

it("registers no two resources with one type and name", () => {
  expect(run.duplicates).toEqual([]);
  expect(recorded.length).toBeGreaterThan(20);
});

it("lets the provider wait for every workload and Service to be ready (no skipAwait)", () => {
  const workloads = recorded.filter((r) => ["kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service"].includes(r.type));
  expect(workloads.length).toBeGreaterThan(5);
  const skipping = workloads.filter((r) => r.inputs.metadata?.annotations?.["pulumi.com/skipAwait"] !== undefined).map((r) => r.name);
  expect(skipping).toEqual([]);
});

it("exports only the outputs this topology has (an undefined export warns on every run)", () => {
  const exported = Object.entries(run.program).filter(([key]) => key !== "default");
  expect(exported.map(([key]) => key)).toEqual(expect.arrayContaining(["topology", "verification", "importedServiceUrl"]));
  expect(exported.filter(([, value]) => value === undefined).map(([key]) => key)).toEqual([]);
});

it("says its verification proved nothing: no container runs, so no probe is made", async () => {
  expect(await promiseOf(run.program.verification)).toMatchObject({ probed: false, answers: {} });
  expect(run.commandFor("mesh/probe.sh")).toEqual([]);
});
