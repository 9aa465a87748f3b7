/**
 * `ack-dev` with `peer.mode: classic-static`: Classic VPN on GCP, one tunnel per Alibaba tunnel,
 * static routes on both sides via both tunnels, so losing one tunnel leaves the other path.
 */
import { ALIBABA_TUNNEL_IPS, GCP_VPN_IP } from "../helpers/fakeClouds";
import { isSecretValue, plain } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";
import { lostUrns } from "../helpers/urnFixtures";

const run = new ProgramRun("ack-dev", (v) => {
  v.vpnLinks[0].peer.mode = "classic-static";
  v.vpnLinks[0].peer.bandwidth = 100;
});
const { ofType, one } = run;
const GKE_RANGES = ["10.146.0.0/20", "10.148.0.0/14", "10.152.0.0/20"];
const ALIBABA_RANGES = ["192.168.0.0/16", "172.21.0.0/20"];
const byName = (type: string) => ofType(type).sort((a, b) => a.name.localeCompare(b.name));

beforeAll(async () => {
  await run.start();
});

it("keeps every URN of recording ack-dev-classic.2 (registered again or aliased), so no cloud resource is replaced", () => {
  expect(lostUrns(run, "ack-dev-classic.2")).toEqual([]);
});

it("registers no duplicate names and no HA VPN, Cloud Router or BGP", () => {
  expect(run.duplicates).toEqual([]);
  for (const type of ["gcp:compute/haVpnGateway:HaVpnGateway", "gcp:compute/router:Router", "gcp:compute/routerPeer:RouterPeer"])
    expect(ofType(type)).toEqual([]);
});

it("sizes the gateway as configured, in both vSwitches", () => {
  expect(plain(one("alicloud:vpn/gateway:Gateway", "ack-gke-alibaba-gateway").inputs)).toMatchObject({
    bandwidth: 100,
    vswitchId: "ack-vpc-ap-northeast-1a-id",
    disasterRecoveryVswitchId: "ack-vpc-ap-northeast-1b-id",
  });
});

it("has two paths: a classic tunnel to each Alibaba tunnel's own address (by its role), both from GCP's one address, each with its own key", () => {
  const tunnels = byName("gcp:compute/vPNTunnel:VPNTunnel");
  expect(tunnels.map((t) => plain(t.inputs.peerIp))).toEqual([ALIBABA_TUNNEL_IPS.master, ALIBABA_TUNNEL_IPS.slave]);
  tunnels.forEach((t) => expect(isSecretValue(t.inputs.sharedSecret)).toBe(true));
  const connection = one("alicloud:vpn/connection:Connection", "ack-gke-alibaba-connection");
  expect(connection.inputs.enableTunnelsBgp).toBe(false);
  const specs: any[] = plain(connection.inputs.tunnelOptionsSpecifications);
  expect(tunnels.map((t) => plain(t.inputs.sharedSecret))).toEqual(specs.map((s) => s.tunnelIkeConfig.psk));
  expect(ofType("alicloud:vpn/customerGateway:CustomerGateway").map((g) => plain(g.inputs.ipAddress))).toEqual([GCP_VPN_IP]);
});

it("routes each Alibaba range via both GCP tunnels (master preferred) and each GKE range into the connection on Alibaba", () => {
  const routes = byName("gcp:compute/route:Route").map((r) => [r.inputs.destRange, r.inputs.priority]);
  expect(routes).toEqual([
    [ALIBABA_RANGES[0], 1000],
    [ALIBABA_RANGES[1], 1000],
    [ALIBABA_RANGES[0], 1100],
    [ALIBABA_RANGES[1], 1100],
  ]);
  const entries = ofType("alicloud:vpn/routeEntry:RouteEntry").map((e) => plain(e.inputs));
  expect(entries.map((e) => e.routeDest)).toEqual(GKE_RANGES);
  entries.forEach((e) => expect(e.publishVpc).toBe(true));
});
