/**
 * `ack-dev` with `peer.mode: classic-static` routes by static routes on both sides: there is no BGP session
 * to prove, so no route proof, and what crosses the link waits for the link itself.
 */
import { ProgramRun } from "../helpers/programRun";

const run = new ProgramRun("ack-dev", (v) => {
  v.vpnLinks[0].peer.mode = "classic-static";
});

beforeAll(async () => {
  await run.start();
});

it("has no route proof, and the registered cluster waits for the link's connection", () => {
  expect(run.commandFor("alibaba/vpn-routes.sh")).toEqual([]);
  expect(run.commandFor("alibaba/vpn-routes-gcp.sh")).toEqual([]);
  const external = run.registrations.find((r) => r.type === "multicloud-mesh:ackone:ExternalCluster")!;
  expect(external.dependencies).toContain(run.registrations.find((r) => r.name === "ack-gke-alibaba-connection")!.urn);
});
