/**
 * The proof that ack-dev's link routes (scripts/alibaba/vpn-routes.sh, Alibaba's half through the `aliyun`
 * stand-in; scripts/alibaba/vpn-routes-gcp.sh, GCP's half on the routes gcp.compute.getRouterStatus answers),
 * against the rehearsal's clouds: the link built by the gcp and alicloud plug-ins, each tunnel's state and each
 * side's learned routes computed by the rehearsal's data plane.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ackDevWorld, AckDevWorld, GKE_RANGES, VSWITCH_CIDRS } from "../rehearsal/dataplane/testWorlds";
import { GcpStandIn } from "../rehearsal/plugins/clouds/gcp/provider";
import { ALIBABA_ENV, FAKES_BIN } from "../helpers/fakeAliyun";
import { runScript } from "../helpers/scriptRun";

let home: string;
let world: AckDevWorld;
const homes: string[] = [];

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "vpn-routes-"));
  homes.push(home);
  process.env.REHEARSAL_HOME = home;
  process.env.REHEARSAL_TIME_SCALE = "1000000000";
  delete process.env.FAKE_ALIYUN_STATE;
  world = await ackDevWorld(home);
}, 60000);
afterAll(() => homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true })));

function edit(file: string, change: (state: any) => void): void {
  const full = path.join(home, file);
  const state = JSON.parse(fs.readFileSync(full, "utf8"));
  change(state);
  fs.writeFileSync(full, JSON.stringify(state));
}

function run(script: string, env: Record<string, string>) {
  const result = runScript(`alibaba/${script}.sh`, "create", {
    ...process.env,
    ...ALIBABA_ENV,
    PATH: `${FAKES_BIN}:${process.env.PATH}`,
    REHEARSAL_HOME: home,
    FAKE_ALIYUN_STATE: path.join(home, "clouds/alibaba"),
    ALIBABA_POLL_SECONDS: "0",
    ...env,
  });
  const last = result.stdout.trim().split("\n").pop() ?? "";
  return { status: result.status, stderr: result.stderr, json: last.startsWith("{") ? JSON.parse(last) : undefined };
}

const alibabaSide = (extra: Record<string, string> = {}) =>
  run("vpn-routes", {
    ROUTES_EXPECTED: GKE_RANGES.join(" "),
    ROUTES_VPC_ID: world.vpcId,
    ROUTES_GATEWAY_NAME: "ack-gke-vpn",
    ROUTES_CONNECTION_NAME: "ack-gke-ipsec",
    ROUTES_TIMEOUT: "1",
    ...extra,
  });

/** GCP's half on what the gcp plug-in's getRouterStatus answers, reduced as the program reduces it. */
async function gcpSide() {
  const gcp = new GcpStandIn("9.37.0+rehearsal");
  gcp.configure({ project: "example-mesh-project", region: world.region }, {});
  const { outputs } = await gcp.invoke("gcp:compute/getRouterStatus:getRouterStatus", { name: world.routerName });
  const routes = (outputs?.bestRoutes as { destRange: string; nextHopIp: string }[]).map(({ destRange, nextHopIp }) => ({ destRange, nextHopIp }));
  return run("vpn-routes-gcp", { ROUTES_EXPECTED: VSWITCH_CIDRS.join(" "), ROUTES_GCP_ROUTES: JSON.stringify(routes) });
}

it("proves both halves when both sessions are up and each side learned the other's ranges", async () => {
  const alibaba = alibabaSide();
  expect(alibaba.stderr).not.toContain("ERROR");
  expect(alibaba.status).toBe(0);
  expect(alibaba.json).toEqual({
    VpnGatewayId: world.alibabaGatewayId,
    VpnConnectionId: world.connectionId,
    Tunnels: expect.stringMatching(/^master:tun-\S+ slave:tun-\S+$/),
    Learned: [...GKE_RANGES].sort().join(" "),
  });
  const gcp = await gcpSide();
  expect(gcp.status).toBe(0);
  expect(gcp.json).toEqual({ Learned: VSWITCH_CIDRS.join(" ") });
});

it("fails naming the tunnel whose BGP session is down (an ASN Alibaba's tunnel does not have)", () => {
  edit("clouds/gcp.json", (s) => {
    const peer = Object.values<any>(s.routerPeers).find((p) => p.name === "ack-gke-bgp1");
    peer.outputs.peerAsn = 65099;
  });
  const alibaba = alibabaSide();
  expect(alibaba.status).not.toBe(0);
  expect(alibaba.stderr).toMatch(/tunnel slave tun-\S+: BGP session not established \(BgpStatus false\)/);
  expect(alibaba.stderr).not.toMatch(/tunnel master \S+: BGP/);
  // The master's session still carries GKE's ranges: only the session is missing.
  expect(alibaba.stderr).not.toContain("not learned");
  expect(alibaba.stderr).toContain("is not proven");
});

it("fails naming the range Cloud Router does not advertise", () => {
  edit("clouds/gcp.json", (s) => {
    const router = Object.values<any>(s.routers)[0];
    router.outputs.bgp = { asn: 65010, advertiseMode: "CUSTOM", advertisedIpRanges: [{ range: GKE_RANGES[0] }, { range: GKE_RANGES[2] }] };
  });
  const alibaba = alibabaSide();
  expect(alibaba.status).not.toBe(0);
  expect(alibaba.stderr).toContain("range 10.148.0.0/14 not learned from GCP over BGP");
  expect(alibaba.stderr).not.toContain("range 10.146.0.0/20 not learned");
  expect(alibaba.stderr).not.toContain("BGP session not established");
});

it("fails GCP's half, naming the vSwitch ranges and AutoPropagate, when the gateway advertises nothing", async () => {
  edit("clouds/alibaba/state.json", (s) => {
    s.vpn_gateways[world.alibabaGatewayId].auto_propagate = false;
  });
  expect(alibabaSide().status).toBe(0);
  const gcp = await gcpSide();
  expect(gcp.status).not.toBe(0);
  expect(gcp.stderr).toContain("Cloud Router has not learned over BGP: 192.168.1.0/24 192.168.2.0/24 (it learned: nothing)");
  expect(gcp.stderr).toContain("AutoPropagate");
});

it("fails when both tunnels are down, naming each, and reports the gateway's AutoPropagate", () => {
  edit("clouds/alibaba/state.json", (s) => {
    for (const t of Object.values<any>(s.vpn_connections)[0].tunnels) t.ike.ikePfs = "group2";
  });
  const alibaba = alibabaSide();
  expect(alibaba.status).not.toBe(0);
  expect(alibaba.stderr).toMatch(/tunnel master tun-\S+ has not negotiated: ike_sa_not_established/);
  expect(alibaba.stderr).toMatch(/tunnel slave tun-\S+ has not negotiated: ike_sa_not_established/);
  expect(alibaba.stderr).toContain("(AutoPropagate) is true");
});

it("still fails naming each tunnel when the gateway's AutoPropagate cannot be read, with the cloud's error", () => {
  edit("clouds/alibaba/state.json", (s) => {
    for (const t of Object.values<any>(s.vpn_connections)[0].tunnels) t.ike.ikePfs = "group2";
    s.fail_next = { "vpc DescribeVpnGateway": [{ code: "Forbidden.RAM", message: "User not authorized to operate on the specified resource." }] };
  });
  const alibaba = alibabaSide();
  expect(alibaba.status).not.toBe(0);
  expect(alibaba.stderr).toMatch(/tunnel master tun-\S+ has not negotiated: ike_sa_not_established/);
  expect(alibaba.stderr).toContain("ErrorCode: Forbidden.RAM");
  expect(alibaba.stderr).toContain("(AutoPropagate) is unknown");
});

it("fails naming what it looked for when the gateway or the connection is not there", () => {
  expect(alibabaSide({ ROUTES_GATEWAY_NAME: "other-gw" }).stderr).toContain(`no VPN gateway in VPC ${world.vpcId} named other-gw`);
  expect(alibabaSide({ ROUTES_CONNECTION_NAME: "other-conn" }).stderr).toContain(`no IPsec connection on ${world.alibabaGatewayId} named other-conn`);
});

it("has nothing to delete", () => {
  const result = runScript("alibaba/vpn-routes-gcp.sh", "delete", { ...process.env, ROUTES_EXPECTED: "x", ROUTES_GCP_ROUTES: "[]" });
  expect(result.status).toBe(0);
});
