/**
 * `ack-dev` proves its HA VPN routes before anything relies on them: Alibaba's half (both BGP sessions up, GKE's
 * ranges learned over BGP) after the whole link, then GCP's half (the vSwitch ranges among Cloud
 * Router's learned routes, read by getRouterStatus once Alibaba's half has run), and the registered cluster
 * and the multi-cluster service probe, which cross the link, after both.
 */
import { isSecretValue } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";

const run = new ProgramRun("ack-dev");
const { one, commandFor, env } = run;
const urnOf = (type: string, name: string) => run.registrations.find((r) => r.type === type && r.name === name)!.urn;
const dependenciesOf = (type: string, name: string) => run.registrations.find((r) => r.type === type && r.name === name)!.dependencies ?? [];
const COMMAND = "command:local:Command";
/** The script's component: it carries the dependencies its command waits for (as every ScriptCommand here). */
const SCRIPT = "multicloud-mesh:command:ScriptCommand";

beforeAll(async () => {
  await run.start();
});

it("checks Alibaba's half with the link's names, GKE's routed ranges, and the AccessKey as secrets", () => {
  const [alibaba] = commandFor("alibaba/vpn-routes.sh");
  expect(alibaba).toBeDefined();
  expect(env(alibaba)).toMatchObject({
    ROUTES_VPC_ID: "ack-vpc-vpc-id",
    ROUTES_GATEWAY_NAME: "ack-gke-vpn",
    ROUTES_CONNECTION_NAME: "ack-gke-ipsec",
    ROUTES_EXPECTED: "10.146.0.0/20 10.148.0.0/14 10.152.0.0/20",
    ALIBABA_CLOUD_REGION_ID: "ap-northeast-1",
  });
  expect(isSecretValue(alibaba.inputs.environment)).toBe(true);
});

it("checks GCP's half for the vSwitch ranges, without any Alibaba credential", () => {
  const [gcp] = commandFor("alibaba/vpn-routes-gcp.sh");
  expect(gcp).toBeDefined();
  expect(env(gcp)).toEqual({ ROUTES_EXPECTED: "192.168.1.0/24 192.168.2.0/24", ROUTES_GCP_ROUTES: "[]" });
});

it("reads the status of the Cloud Router the program creates", () => {
  expect(one("gcp:compute/router:Router", "ack-gke-gcp-router").inputs.name).toBe("ack-gke-ha-router");
});

it("runs Alibaba's half after the whole link, GCP's half after Alibaba's", () => {
  const alibaba = dependenciesOf(SCRIPT, "ack-gke-routes-alibaba");
  for (const [type, name] of [
    ["alicloud:vpn/connection:Connection", "ack-gke-alibaba-connection"],
    ["gcp:compute/routerPeer:RouterPeer", "ack-gke-tunnels-bgp0"],
    ["gcp:compute/routerPeer:RouterPeer", "ack-gke-tunnels-bgp1"],
    ["gcp:compute/vPNTunnel:VPNTunnel", "ack-gke-tunnels-tn1"],
    ["alicloud:vpn/gateway:Gateway", "ack-gke-alibaba-gateway"],
  ])
    expect(alibaba).toContain(urnOf(type, name));
  expect(dependenciesOf(SCRIPT, "ack-gke-routes-gcp")).toContain(urnOf(COMMAND, "ack-gke-routes-alibaba-run"));
});

it("makes the registered cluster and the service probe wait for both halves", () => {
  const proof = [urnOf(COMMAND, "ack-gke-routes-alibaba-run"), urnOf(COMMAND, "ack-gke-routes-gcp-run")];
  expect(dependenciesOf("multicloud-mesh:ackone:ExternalCluster", "gke-registered")).toEqual(expect.arrayContaining(proof));
  expect(dependenciesOf(SCRIPT, "mcs-verify-probe")).toEqual(expect.arrayContaining(proof));
});
