/**
 * The NIFCLOUD stand-in as the rehearsal's cloud: seeded with what a dev user already has
 * (tests/fakes/nifcloud_seed_dev.json, which must agree with Pulumi.dev.yaml), driven by the
 * scripts with dev's settings, it logs every operation in the rehearsal's format, takes the
 * scaled durations of tests/rehearsal/durations.json, and after destroy holds exactly what it held
 * before the first create.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { nifcloudIpsec } from "../../components/vpn/ipsec";
import { nifcloudFirewallRules } from "../../components/vpn/nifcloudFirewallRules";
import { readOperations } from "../rehearsal/lib/operations";
import { FakeNifcloud, hasCommand, NifcloudState, ScriptRun } from "../helpers/fakeNifcloud";
import { DEFAULT_IPSEC } from "../helpers/ipsec";
import { ROOT, stackValues } from "../helpers/stackConfig";

const SEED = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fakes/nifcloud_seed_dev.json"), "utf8"));
const DURATIONS = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/rehearsal/durations.json"), "utf8")).operations;
const SCALE = 600;
const opsLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nifcloud-rehearsal-")), "operations.jsonl");
const api = new FakeNifcloud({ REHEARSAL_OPS_LOG: opsLog, REHEARSAL_TIME_SCALE: String(SCALE) });
const PSK = "RehearsalPresharedKey0123456789abcdefABCDEF";
const GCP_VPN_IP = "198.51.100.7";

const values = stackValues("dev") as Record<string, any>;
const peer = values.vpnLinks[0].peer;
const lanNetwork = values.networks.find((n: any) => n.name === values.vpnLinks[0].peerNetwork);
const gcpNetwork = values.networks.find((n: any) => n.name === values.vpnLinks[0].gcpNetwork);
const gcpRanges = [gcpNetwork.nodeCidr, gcpNetwork.podCidr, gcpNetwork.serviceCidr];
const common = { NIFCLOUD_OWNER_MARK: "multicloud-mesh/dev", NIFCLOUD_PEER_KEY: "vpnLinks[0].peer" };
const env = {
  firewall: {
    ...common,
    FW_NAME: peer.firewallGroup,
    FW_OWNERSHIP: peer.ownership.firewallGroup,
    FW_ZONE: peer.zone,
    FW_GATEWAY_NAME: peer.gatewayName,
    FW_RULES: JSON.stringify(nifcloudFirewallRules(GCP_VPN_IP, { routed: gcpRanges, workloads: [gcpNetwork.podCidr] }, 443)),
  },
  lan: { ...common, LAN_NETWORK_ID: peer.privateLan.networkId, LAN_OWNERSHIP: peer.ownership.privateLan, LAN_CIDR: lanNetwork.nodeCidr, LAN_ZONE: peer.zone },
  gateway: (networkId: string) => ({
    ...common,
    GW_NAME: peer.gatewayName,
    GW_OWNERSHIP: peer.ownership.vpnGateway,
    GW_TYPE: peer.gatewayType,
    GW_ZONE: peer.zone,
    GW_NETWORK_ID: networkId,
    GW_PRIVATE_IP: peer.gatewayPrivateIp,
    GW_FIREWALL_GROUP: peer.firewallGroup,
  }),
  cgw: { ...common, CGW_NAME: peer.customerGatewayName, CGW_OWNERSHIP: peer.ownership.customerGateway, CGW_PEER_IP: GCP_VPN_IP, CGW_LAN_CIDR: "10.128.0.0/12" },
  connection: (gw: string, cgw: string) => ({
    ...common,
    CONN_GATEWAY_ID: gw,
    CONN_CUSTOMER_GATEWAY_ID: cgw,
    PRE_SHARED_KEY: PSK,
    CONN_IPSEC: JSON.stringify(nifcloudIpsec(DEFAULT_IPSEC)),
  }),
};

let before: NifcloudState;
const runs: Record<string, ScriptRun> = {};

beforeAll(async () => {
  expect(hasCommand("nifcloud")).toBe(true);
  await api.start();
  await api.seed(SEED);
  before = await api.state();
});
afterAll(() => api.stop());

describe("the dev seed", () => {
  it("is what Pulumi.dev.yaml adopts: the LAN by network id, the servers' firewall group, in the stack's zone", () => {
    expect(peer.privateLan).toEqual({ networkId: expect.stringMatching(/^net-/) });
    const [lan] = SEED.lans;
    expect([lan.NetworkId, lan.CidrBlock, lan.AvailabilityZone]).toEqual([peer.privateLan.networkId, lanNetwork.nodeCidr, peer.zone]);
    expect(SEED.groups.map((g: any) => g.GroupName)).toEqual([peer.firewallGroup]);
    const apiServer = new URL(values.clusters.find((c: any) => c.platform === "existing").existing.apiServer).hostname;
    expect(SEED.instances.flatMap((i: any) => i.NetworkInterfaceSet.map((n: any) => n.IpAddress))).toContain(apiServer);
  });

  it("holds the servers in their group and on their LAN, the SSH rule in the group", () => {
    expect(before.securityGroups[0].InstancesSet.map((i: any) => i.InstanceId)).toEqual(["anthoscp1", "anthosworker1"]);
    expect(before.securityGroups[0].IpPermissions.map((r: any) => [r.IpProtocol, r.FromPort])).toEqual([["TCP", 22]]);
    expect(before.privateLans[0].InstancesSet.map((i: any) => i.IpAddress)).toEqual(["172.16.232.10", "172.16.232.11"]);
  });
});

describe("up and destroy on the seeded account", () => {
  it("creates the link with dev's settings; the gateway takes its scaled duration", () => {
    runs.firewall = api.run("firewall-group", "create", env.firewall);
    runs.lan = api.run("private-lan", "create", env.lan);
    const started = Date.now();
    runs.gateway = api.run("vpn-gateway", "create", env.gateway(runs.lan.json?.NetworkId));
    const took = Date.now() - started;
    runs.cgw = api.run("customer-gateway", "create", env.cgw);
    runs.connection = api.run("vpn-connection", "create", env.connection(runs.gateway.json?.VpnGatewayId, runs.cgw.json?.CustomerGatewayId));
    for (const [step, run] of Object.entries(runs)) expect([step, run.status, run.stderr.includes("ERROR")]).toEqual([step, 0, false]);
    expect(runs.lan.json.NetworkId).toBe(peer.privateLan.networkId);
    expect(DURATIONS["nifcloud:VpnGateway.CreateVpnGateway"].seconds).toBeGreaterThanOrEqual(60);
    expect(took).toBeGreaterThanOrEqual((DURATIONS["nifcloud:VpnGateway.CreateVpnGateway"].seconds * 1000) / SCALE);
  });

  it("dumps its whole state with the pre-shared key as [secret]", async () => {
    const state = await api.state();
    expect(state.vpnConnections.map((c) => c.NiftyIpsecConfiguration.PreSharedKey)).toEqual(["[secret]"]);
    expect(JSON.stringify(state)).not.toContain(PSK);
  });

  it("logs every call in the rehearsal's format, naming what each operation uses", () => {
    const ops = readOperations(opsLog);
    expect(ops.length).toBe(api.requests().length);
    for (const op of ops) {
      expect(op).toMatchObject({ cloud: "nifcloud", by: "stand-in:nifcloud", type: expect.stringMatching(/^nifcloud:/) });
      expect(op.end).toBeGreaterThanOrEqual(op.start);
    }
    const one = (name: string) => ops.filter((o) => o.op === name);
    expect(one("CreateVpnGateway").map((o) => [o.id, o.name, o.refs])).toEqual([
      [runs.gateway.json.VpnGatewayId, peer.gatewayName, [peer.privateLan.networkId, peer.firewallGroup]],
    ]);
    expect(one("CreateVpnConnection").map((o) => [o.id, o.refs])).toEqual([
      [runs.connection.json.VpnConnectionId, [runs.gateway.json.VpnGatewayId, runs.cgw.json.CustomerGatewayId]],
    ]);
    expect(one("AuthorizeSecurityGroupIngress").map((o) => [o.id, o.ok])).toEqual([[peer.firewallGroup, true]]);
  });

  it("destroy deletes what the stack made and leaves the account exactly as it was", async () => {
    const deletes = [
      api.run("vpn-connection", "delete", env.connection(runs.gateway.json.VpnGatewayId, runs.cgw.json.CustomerGatewayId), runs.connection),
      api.run("customer-gateway", "delete", env.cgw, runs.cgw),
      api.run("vpn-gateway", "delete", env.gateway(runs.lan.json.NetworkId), runs.gateway),
      api.run("private-lan", "delete", env.lan, runs.lan),
      api.run("firewall-group", "delete", env.firewall, runs.firewall),
    ];
    deletes.forEach((d) => expect(d.status).toBe(0));
    expect(await api.state()).toEqual(before);
    const deleted = readOperations(opsLog).filter((o) => o.op.startsWith("Delete") || o.op === "NiftyDeletePrivateLan");
    expect(deleted.map((o) => o.op)).toEqual(["DeleteVpnConnection", "DeleteCustomerGateway", "DeleteVpnGateway"]);
  });

  it("never writes the pre-shared key to its logs", () => {
    expect(fs.readFileSync(opsLog, "utf8")).not.toContain(PSK);
    expect(fs.readFileSync(api.log, "utf8")).not.toContain(PSK);
    expect(api.requests().find((r) => r.action === "CreateVpnConnection")!.params.NiftyIpsecConfiguration.PreSharedKey).toBe("[secret]");
  });
});
