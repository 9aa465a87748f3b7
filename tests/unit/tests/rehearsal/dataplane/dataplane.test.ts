/**
 * The rehearsal's data plane (tests/rehearsal/dataplane) on the states the stand-ins leave: ack-dev's HA VPN
 * with BGP and dev's Classic VPN to NIFCLOUD, built through the plug-ins and the NIFCLOUD stand-in's API, then
 * broken one rule at a time. Each rule cites its source in the model's code (RFC 7296 for IKEv2, RFC 4271 for
 * BGP, Cloud VPN's supported ciphers, NIFCLOUD's connection parameters, Alibaba's VPN and BGP documentation).
 */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { nifcloudIpsec } from "../../../../../components/vpn/ipsec";
import { Network, networkModel, refreshNetwork } from "../../../../rehearsal/dataplane/dataplane";
import { ackDevWorld, CRYPTO, devGcpWorld, GKE_RANGES, VSWITCH_CIDRS } from "../../../../rehearsal/dataplane/testWorlds";

const NIFCLOUD_WORLD = path.resolve(__dirname, "../../../../rehearsal/dataplane/nifcloud_world.py");
const ackHome = fs.mkdtempSync(path.join(os.tmpdir(), "dataplane-ack-"));
const devHome = fs.mkdtempSync(path.join(os.tmpdir(), "dataplane-dev-"));
const DEV_KEY = "dev-key-0123456789";

type Snapshot = { gcp: any; alibaba: any; nifcloud: any; roles?: string[] };
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
let ack: Snapshot;
let dev: Snapshot;

function nifcloudState(gcpIp: string, overrides: Record<string, unknown> = {}): any {
  const spec = { gcpIp, key: DEV_KEY, ipsec: nifcloudIpsec(CRYPTO), lanSide: "10.128.0.0/12", type: "IPsec VTI", ...overrides };
  const run = spawnSync("python3", [NIFCLOUD_WORLD], { input: JSON.stringify(spec), encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

/** Runs `build` with REHEARSAL_HOME at `home`, as the plug-ins find their state. */
async function inHome<T>(home: string, build: () => Promise<T>): Promise<T> {
  process.env.REHEARSAL_HOME = home;
  return build();
}

beforeAll(async () => {
  process.env.REHEARSAL_TIME_SCALE = "1000000000";
  delete process.env.FAKE_ALIYUN_STATE;
  await inHome(ackHome, () => ackDevWorld(ackHome));
  ack = { gcp: read(path.join(ackHome, "clouds/gcp.json")), alibaba: read(path.join(ackHome, "clouds/alibaba/state.json")), nifcloud: {} };
  // The first address the gcp plug-in hands out in a fresh state is the Classic VPN's (gcp/addresses.ts).
  const nifcloud = nifcloudState("34.104.0.1");
  const nifIp = nifcloud.vpnGateways[0].NetworkInterfaceSet.find((n: any) => n.NetworkId === "net-COMMON_GLOBAL").IpAddress;
  const { gcpAddress } = await inHome(devHome, () => devGcpWorld(devHome, nifIp, DEV_KEY));
  expect(gcpAddress).toBe("34.104.0.1");
  dev = { gcp: read(path.join(devHome, "clouds/gcp.json")), alibaba: {}, nifcloud };
}, 120000);
afterAll(() => {
  for (const home of [ackHome, devHome]) fs.rmSync(home, { recursive: true, force: true });
});

const tunnels = (net: Network) => Object.values(net.links).flatMap((l) => l.tunnels);
const tunnel = (net: Network, name: string) => tunnels(net).find((t) => t.name === name)!;
const sessions = (net: Network) => Object.values(net.links).flatMap((l) => Object.entries(l.bgp));

/** The Alibaba connection, its tunnels in the data plane's shape (the alicloud plug-in's negotiation shape). */
const connectionOf = (s: Snapshot): any => Object.values<any>(s.alibaba.vpn_connections)[0];
const tunnelOf = (s: Snapshot, role: string) => connectionOf(s).tunnels.find((t: any) => t.role === role);
const gcpTunnel = (s: Snapshot, name: string): any => Object.values<any>(s.gcp.vpnTunnels).find((t) => t.name === name);
const devTunnel = (s: Snapshot) => gcpTunnel(s, "nif-anthos-tn");

describe("ack-dev: HA VPN with a BGP session per Alibaba tunnel", () => {
  it("brings both tunnels and both sessions up and every path up both ways", () => {
    const net = networkModel(ack);
    expect(tunnels(net).map((t) => [t.name, t.up])).toEqual([
      ["ack-gke-tn0", true],
      ["ack-gke-tn1", true],
    ]);
    expect(sessions(net).map(([name, s]) => [name, s.established])).toEqual([
      ["ack-gke-bgp0", true],
      ["ack-gke-bgp1", true],
    ]);
    expect(net.paths).toEqual({
      "acs->gke": true,
      "acs->hub": true,
      "gke->acs": true,
      "gke->hub": true,
      "hub->acs": true,
      "hub->gke": true,
    });
  });

  it("has Cloud Router learn the vSwitch CIDRs from both sessions, and Alibaba learn GKE's ranges on both tunnels", () => {
    const net = networkModel(ack);
    const [router] = Object.values(net.clouds.gcp.routers);
    expect(router.bestRoutes.map((r) => `${r.destRange} via ${r.nextHopIp}`)).toEqual(
      VSWITCH_CIDRS.flatMap((c) => [`${c} via 169.254.10.2`, `${c} via 169.254.11.2`]),
    );
    const [gateway] = Object.values(net.clouds.alibaba.vpnGateways);
    const learned = gateway.bgpRoutes.filter((r) => r.Source === "VPN_BGP");
    expect(learned.map((r) => r.RouteDest).sort()).toEqual([...GKE_RANGES, ...GKE_RANGES].sort());
    expect(new Set(learned.map((r) => r.NextHopTunnelId)).size).toBe(2);
    expect(gateway.bgpRoutes.filter((r) => r.Source === "CLOUD").map((r) => r.RouteDest)).toEqual(VSWITCH_CIDRS);
  });

  it("keeps one path through the other tunnel when one key differs, and loses it when both do (RFC 7296 2.15)", () => {
    const one = clone(ack);
    tunnelOf(one, "slave").psk_sha256 = "0".repeat(64);
    const net = networkModel(one);
    expect(tunnel(net, "ack-gke-tn1")).toMatchObject({ up: false, reason: expect.stringContaining("pre-shared keys differ") });
    expect(net.paths["gke->acs"]).toBe(true);
    tunnelOf(one, "master").psk_sha256 = "0".repeat(64);
    const both = networkModel(one);
    expect(both.paths["gke->acs"]).toBe(false);
    expect(both.paths["acs->gke"]).toBe(false);
  });

  it("fails both tunnels and every path when master and slave point at the other HA interface", () => {
    const reversed = clone(ack);
    const [m, s] = ["master", "slave"].map((r) => tunnelOf(reversed, r).customer_gateway_id);
    tunnelOf(reversed, "master").customer_gateway_id = s;
    tunnelOf(reversed, "slave").customer_gateway_id = m;
    const net = networkModel(reversed);
    for (const name of ["ack-gke-tn0", "ack-gke-tn1"])
      expect(tunnel(net, name)).toMatchObject({ up: false, reason: expect.stringContaining("addresses do not pair") });
    expect(sessions(net).every(([, s]) => !s.established)).toBe(true);
    expect(net.paths["gke->acs"]).toBe(false);
    expect(net.paths["hub->gke"]).toBe(false);
  });

  it("fails on a proposal no side shares: Alibaba's default DH group 2 against GCP's group 14 (RFC 7296 2.7)", () => {
    const weak = clone(ack);
    for (const role of ["master", "slave"]) tunnelOf(weak, role).ike.ikePfs = "group2";
    const net = networkModel(weak);
    expect(tunnel(net, "ack-gke-tn0").reason).toContain("no common IKE dh: 14 against 2");
    expect(net.paths["gke->acs"]).toBe(false);
    expect(net.clouds.alibaba.vpnConnections[Object.keys(weak.alibaba.vpn_connections)[0]]).toMatchObject({
      tunnels: { master: { status: "ike_sa_not_established", bgpStatus: "false" } },
    });
  });

  it("fails a Child SA whose PFS differs: the IKE SA is up, the tunnel is not (RFC 7296 1.3.1)", () => {
    const pfs = clone(ack);
    for (const role of ["master", "slave"]) tunnelOf(pfs, role).ipsec.ipsecPfs = "disabled";
    const net = networkModel(pfs);
    expect(tunnel(net, "ack-gke-tn0").reason).toContain("no common Child SA pfs");
    const [status] = Object.values<any>(net.clouds.alibaba.vpnConnections);
    expect(status.tunnels.master.status).toBe("ipsec_sa_not_established");
  });

  it("keeps the tunnels but not the session when an ASN disagrees (RFC 4271 6.2: Bad Peer AS)", () => {
    const asn = clone(ack);
    for (const peer of Object.values<any>(asn.gcp.routerPeers)) peer.outputs.peerAsn = 65099;
    const net = networkModel(asn);
    expect(tunnels(net).every((t) => t.up)).toBe(true);
    expect(sessions(net).map(([, s]) => s.reason)).toEqual([expect.stringContaining("Bad Peer AS"), expect.stringContaining("Bad Peer AS")]);
    expect(net.paths["gke->acs"]).toBe(false);
    expect(Object.values(net.clouds.gcp.routers)[0].bestRoutes).toEqual([]);
  });

  it("keeps the sessions but routes nothing when the gateway's automatic route advertisement is off", () => {
    const off = clone(ack);
    for (const gw of Object.values<any>(off.alibaba.vpn_gateways)) gw.auto_propagate = false;
    const net = networkModel(off);
    expect(sessions(net).every(([, s]) => s.established)).toBe(true);
    expect(Object.values(net.clouds.gcp.routers)[0].bestRoutes).toEqual([]);
    expect(net.paths["gke->acs"]).toBe(false);
    expect(net.why["gke->acs"]).toContain("no usable route through an up tunnel to 192.168.1.0/24, 192.168.2.0/24");
  });

  it("reports a path down when a role is missing from the clouds", () => {
    const noHub = clone(ack);
    noHub.alibaba.hubs = {};
    expect(networkModel({ ...noHub, roles: ["gke", "hub"] })).toMatchObject({ paths: { "gke->hub": false }, why: { "gke->hub": "no hub in the clouds" } });
  });
});

describe("dev: Classic VPN to the NIFCLOUD VPN gateway", () => {
  it("brings the tunnel up with the route to the LAN and the customer gateway's block back", () => {
    const net = networkModel(dev);
    expect(tunnels(net).map((t) => [t.name, t.up, t.reason])).toEqual([["nif-anthos-tn", true, "IKE and Child SAs established"]]);
    expect(net.paths).toEqual({ "anthos->gke": true, "gke->anthos": true });
    expect(Object.values(net.clouds.nifcloud.vpnConnections)).toEqual([expect.objectContaining({ status: "UP" })]);
  });

  it("fails the path on a key mismatch", () => {
    const wrong = clone(dev);
    wrong.nifcloud.vpnConnections[0].PreSharedKeySha256 = "f".repeat(64);
    const net = networkModel(wrong);
    expect(tunnel(net, "nif-anthos-tn").reason).toContain("pre-shared keys differ");
    expect(net.paths["gke->anthos"]).toBe(false);
  });

  it("fails the path on a proposal mismatch: NIFCLOUD AES128 against GCP's AES-CBC-256 suite", () => {
    const aes128 = { gcp: dev.gcp, alibaba: {}, nifcloud: nifcloudState("34.104.0.1", { ipsec: { ...nifcloudIpsec(CRYPTO), EncryptionAlgorithm: "AES128" } }) };
    const net = networkModel(aes128);
    expect(tunnel(net, "nif-anthos-tn").reason).toContain("no common IKE encryption: aes256-cbc against aes128-cbc");
    expect(net.paths["gke->anthos"]).toBe(false);
  });

  it("fails on an IKE version mismatch (RFC 7296 3.1)", () => {
    const v1 = { gcp: dev.gcp, alibaba: {}, nifcloud: nifcloudState("34.104.0.1", { ipsec: { ...nifcloudIpsec(CRYPTO), InternetKeyExchange: "IKEv1" } }) };
    expect(tunnel(networkModel(v1), "nif-anthos-tn").reason).toContain("IKE version 2 against 1");
  });

  it("fails the path, both ways, without GCP's route to the LAN", () => {
    const noRoute = clone(dev);
    noRoute.gcp.routes = {};
    const net = networkModel(noRoute);
    expect(tunnel(net, "nif-anthos-tn").up).toBe(true);
    expect(net.paths).toEqual({ "anthos->gke": false, "gke->anthos": false });
    expect(net.why["gke->anthos"]).toContain("no usable route through an up tunnel to 172.16.232.0/24");
    expect(net.why["anthos->gke"]).toContain("has no usable route back");
  });

  it("fails the path when the customer gateway's LAN-side block leaves out GKE's pods", () => {
    const narrow = { gcp: dev.gcp, alibaba: {}, nifcloud: nifcloudState("34.104.0.1", { lanSide: "10.128.0.0/20" }) };
    const net = networkModel(narrow);
    expect(net.paths["gke->anthos"]).toBe(false);
    expect(net.why["gke->anthos"]).toContain("10.132.0.0/14");
  });

  it("fails policy-based selectors that do not intersect (RFC 7296 2.9: TS_UNACCEPTABLE)", () => {
    const policy = clone(dev);
    policy.nifcloud = nifcloudState("34.104.0.1", { type: "IPsec" });
    devTunnel(policy).outputs.localTrafficSelectors = ["10.200.0.0/16"];
    devTunnel(policy).outputs.remoteTrafficSelectors = ["172.16.232.0/24"];
    expect(tunnel(networkModel(policy), "nif-anthos-tn").reason).toContain("TS_UNACCEPTABLE");
  });

  it("keeps the tunnel down while the connection is still pending, and without the Classic gateway's UDP 4500 rule", () => {
    const pending = clone(dev);
    pending.nifcloud.vpnConnections[0].State = "pending";
    expect(tunnel(networkModel(pending), "nif-anthos-tn").reason).toContain("is pending");
    const noNatT = clone(dev);
    for (const [id, rule] of Object.entries<any>(noNatT.gcp.forwardingRules)) if (rule.outputs.portRange === "4500") delete noNatT.gcp.forwardingRules[id];
    expect(tunnel(networkModel(noNatT), "nif-anthos-tn").reason).toContain("no forwarding rule for UDP 4500");
  });

  it("reports a NIFCLOUD end nobody sends to", () => {
    const moved = clone(dev);
    devTunnel(moved).outputs.peerIp = "198.51.100.7";
    const net = networkModel(moved);
    expect(tunnel(net, "nif-anthos-tn").reason).toContain("no VPN end answers at 198.51.100.7");
    expect(tunnels(net).find((t) => t.name !== "nif-anthos-tn")!.reason).toContain("no GCP tunnel sends to");
  });
});

describe("the stand-ins' states", () => {
  it("hold no pre-shared key in clear, only its SHA-256 beside each tunnel", () => {
    const text = [
      fs.readFileSync(path.join(ackHome, "clouds/gcp.json"), "utf8"),
      fs.readFileSync(path.join(ackHome, "clouds/alibaba/state.json"), "utf8"),
      JSON.stringify(dev.nifcloud),
    ].join("\n");
    for (const key of ["master-key-0123456789", "slave-key-0123456789", DEV_KEY]) expect(text).not.toContain(key);
    const sha = (k: string) => crypto.createHash("sha256").update(k).digest("hex");
    expect(gcpTunnel(ack, "ack-gke-tn0").preSharedKeySha256).toBe(sha("master-key-0123456789"));
    expect(tunnelOf(ack, "slave").psk_sha256).toBe(sha("slave-key-0123456789"));
    expect(dev.nifcloud.vpnConnections[0].PreSharedKeySha256).toBe(sha(DEV_KEY));
  });
});

describe("the NIFCLOUD stand-in", () => {
  it("describes a connection's tunnel status (VgwTelemetry) as the data plane last found it", () => {
    const vid = dev.nifcloud.vpnConnections[0].VpnConnectionId;
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "dataplane-nif-"));
    const network = {
      clouds: { nifcloud: { vpnConnections: { [vid]: { status: "DOWN", message: "pre-shared keys differ", outsideIpAddress: "34.104.0.1" } } } },
    };
    fs.writeFileSync(path.join(home, "network.json"), JSON.stringify(network));
    const script = [
      "import json, sys",
      `sys.path.insert(0, ${JSON.stringify(path.resolve(__dirname, "../../../../fakes"))})`,
      "import nifcloud_api",
      "api = nifcloud_api.Api()",
      `api.s.conns[${JSON.stringify(vid)}] = {"_key": ${JSON.stringify(vid)}, "VpnConnectionId": ${JSON.stringify(vid)}, "State": "available", "_then": ""}`,
      "print(json.dumps(api.DescribeVpnConnections({})))",
    ].join("\n");
    const run = spawnSync("python3", ["-c", script], { encoding: "utf8", env: { ...process.env, REHEARSAL_HOME: home } });
    fs.rmSync(home, { recursive: true, force: true });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).VpnConnectionSet[0].VgwTelemetry).toEqual([
      { OutsideIpAddress: "34.104.0.1", Status: "DOWN", StatusMessage: "pre-shared keys differ", AcceptedRouteCount: 0 },
    ]);
  });
});

describe("refresh", () => {
  it("writes $REHEARSAL_HOME/network.json with the roles of world.json, as the mesh and fleet stand-ins read it", () => {
    const written = refreshNetwork(ackHome);
    expect(read(path.join(ackHome, "network.json"))).toEqual(written);
    expect(Object.keys(written.paths).sort()).toEqual(["acs->gke", "acs->hub", "gke->acs", "gke->hub", "hub->acs", "hub->gke"]);
  });
});
