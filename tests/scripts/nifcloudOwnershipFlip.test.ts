/**
 * adopt -> own -> destroy for each NIFCLOUD object, through the real `nifcloud` CLI and the API
 * stand-in: `own` may claim only what the stack created, so the switch is refused with a message
 * that names the key, the object and the fix, and destroy (even with `own` in its environment,
 * after the refused update) neither deletes the object nor strips what others put on it.
 */
import { FakeNifcloud, hasCommand, ScriptRun } from "../helpers/fakeNifcloud";

const api = new FakeNifcloud();
const PEER = { NIFCLOUD_PEER_KEY: "vpnLinks[0].peer" };
const SSH = { IpProtocol: "TCP", FromPort: 22, InOut: "IN", IpRanges: [{ CidrIp: "192.0.2.10/32" }] };
const IKE = { IpProtocol: "UDP", FromPort: 500, InOut: "IN", Description: "IKE", ListOfRequestIpRanges: [{ CidrIp: "198.51.100.7/32" }] };
const objects = async () => {
  const s = await api.state();
  return { groups: s.securityGroups, lans: s.privateLans, gateways: s.vpnGateways, cgws: s.customerGateways };
};
const mutations = (since: number) =>
  api
    .actions()
    .slice(since)
    .filter((a) => /Create|Authorize|Revoke|Delete|Modify/.test(a));

/** adopt (create), own (update, refused), then delete with `own` in the environment. */
function adoptOwnDestroy(script: string, env: (ownership: string) => Record<string, string>) {
  const adopted = api.run(script, "create", { ...PEER, ...env("adopt") });
  expect(adopted.stderr).not.toContain("ERROR");
  expect(adopted.status).toBe(0);
  const since = api.actions().length;
  const owned = api.run(script, "update", { ...PEER, ...env("own") }, adopted);
  const changedByOwn = mutations(since);
  // The engine keeps the last good output after a failed update: destroy reads the adopt run's.
  const destroyed = api.run(script, "delete", { ...PEER, ...env("own") }, owned.status === 0 ? owned : adopted);
  return { adopted, owned, changedByOwn, destroyed };
}

function expectRefused(owned: ScriptRun, key: string, name: string) {
  expect(owned.status).not.toBe(0);
  expect(owned.stderr).toContain(`vpnLinks[0].peer.ownership.${key}`);
  expect(owned.stderr).toContain(name);
  expect(owned.stderr).toContain(`Fix: set vpnLinks[0].peer.ownership.${key} to 'adopt'`);
}

beforeAll(async () => {
  expect(hasCommand("nifcloud")).toBe(true);
  await api.start();
  await api.seed({
    groups: [{ GroupName: "FWSERVERS", GroupDescription: "bare-metal servers", AvailabilityZone: "east-11", IpPermissions: [SSH] }],
    lans: [{ NetworkId: "net-c1a5", PrivateLanName: "ClusterLan", CidrBlock: "172.16.232.0/24", Description: "cluster LAN" }],
    instances: [{ InstanceId: "anthosnode1", SecurityGroup: "FWSERVERS" }],
  });
  // A gateway and a customer gateway someone else made, with their own descriptions.
  const made = [
    api.cli(
      "create-vpn-gateway",
      "--nifty-vpn-gateway-name",
      "TheirVpn",
      "--nifty-vpn-gateway-description",
      "network team",
      "--nifty-network",
      "NetworkId=net-c1a5,IpAddress=172.16.232.3",
      "--security-group",
      "FWSERVERS",
    ),
    api.cli(
      "create-customer-gateway",
      "--nifty-customer-gateway-name",
      "TheirCgw",
      "--ip-address",
      "198.51.100.9",
      "--nifty-customer-gateway-description",
      "network team",
    ),
  ];
  expect(made).not.toContain(null);
});
afterAll(() => api.stop());

it("a firewall group: own keeps the servers' SSH rule, destroy removes only the stack's rule", async () => {
  const before = (await objects()).groups.find((g) => g.GroupName === "FWSERVERS");
  const fw = (ownership: string) => ({ FW_NAME: "FWSERVERS", FW_OWNERSHIP: ownership, FW_ZONE: "east-11", FW_RULES: JSON.stringify([IKE]) });
  const { owned, changedByOwn, destroyed } = adoptOwnDestroy("firewall-group", fw);
  expectRefused(owned, "firewallGroup", "FWSERVERS");
  expect(changedByOwn).toEqual([]);
  expect(destroyed.status).toBe(0);
  expect((await objects()).groups.find((g) => g.GroupName === "FWSERVERS")).toEqual(before);
});

it("a private LAN: own is refused and destroy keeps it", async () => {
  const lan = (ownership: string) => ({ LAN_NAME: "ClusterLan", LAN_OWNERSHIP: ownership, LAN_CIDR: "172.16.232.0/24", LAN_ZONE: "east-11" });
  const { owned, changedByOwn, destroyed } = adoptOwnDestroy("private-lan", lan);
  expectRefused(owned, "privateLan", "ClusterLan");
  expect(changedByOwn).toEqual([]);
  expect(destroyed.status).toBe(0);
  expect((await objects()).lans.map((l) => [l.NetworkId, l.State])).toEqual([["net-c1a5", "available"]]);
});

it("a VPN gateway: own is refused and destroy keeps it", async () => {
  const gw = (ownership: string) => ({
    GW_NAME: "TheirVpn",
    GW_OWNERSHIP: ownership,
    GW_TYPE: "small",
    GW_ZONE: "east-11",
    GW_NETWORK_ID: "net-c1a5",
    GW_PRIVATE_IP: "172.16.232.3",
    GW_FIREWALL_GROUP: "FWSERVERS",
  });
  const { owned, changedByOwn, destroyed } = adoptOwnDestroy("vpn-gateway", gw);
  expectRefused(owned, "vpnGateway", "TheirVpn");
  expect(changedByOwn).toEqual([]);
  expect(destroyed.status).toBe(0);
  expect((await objects()).gateways.map((g) => [g.NiftyVpnGatewayName, g.State])).toEqual([["TheirVpn", "available"]]);
});

it("a customer gateway: own is refused and destroy keeps it", async () => {
  const cgw = (ownership: string) => ({ CGW_NAME: "TheirCgw", CGW_OWNERSHIP: ownership, CGW_PEER_IP: "198.51.100.9", CGW_LAN_CIDR: "10.128.0.0/12" });
  const { owned, changedByOwn, destroyed } = adoptOwnDestroy("customer-gateway", cgw);
  expectRefused(owned, "customerGateway", "TheirCgw");
  expect(changedByOwn).toEqual([]);
  expect(destroyed.status).toBe(0);
  expect((await objects()).cgws.map((c) => [c.NiftyCustomerGatewayName, c.State])).toEqual([["TheirCgw", "available"]]);
});

describe("the old shared mark `multicloud-mesh`, from before marks named the stack", () => {
  const cgw = (name: string) => ({ ...PEER, CGW_NAME: name, CGW_OWNERSHIP: "own", CGW_PEER_IP: "198.51.100.20", CGW_LAN_CIDR: "10.128.0.0/12" });
  const made = (name: string, description: string) => {
    const out = api.cli(
      "create-customer-gateway",
      "--nifty-customer-gateway-name",
      name,
      "--ip-address",
      "198.51.100.20",
      "--nifty-customer-gateway-description",
      description,
    );
    expect(out).not.toBeNull();
    return out.CustomerGateway.CustomerGatewayId as string;
  };
  /** What an existing stack's previous run printed for the object (no CreatedByStack yet). */
  const olderOutput = (id: string): ScriptRun => ({ status: 0, stderr: "", json: {}, stdout: JSON.stringify({ CustomerGatewayId: id, Ownership: "own" }) });

  it("is recognised on an object this resource's previous output records as owned, and recorded from then on", () => {
    const id = made("OldCgw", "multicloud-mesh");
    const updated = api.run("customer-gateway", "update", cgw("OldCgw"), olderOutput(id));
    expect(updated.stderr).not.toContain("ERROR");
    expect(updated.json).toEqual({ CustomerGatewayId: id, Ownership: "own", CreatedByStack: true });
    expect(api.run("customer-gateway", "delete", cgw("OldCgw"), updated).status).toBe(0);
    expect(api.actions()).toContain("DeleteCustomerGateway");
  });

  it("is never enough on its own: another stack may have written it", () => {
    made("SharedCgw", "multicloud-mesh");
    const claimed = api.run("customer-gateway", "create", cgw("SharedCgw"));
    expect(claimed.status).not.toBe(0);
    expect(claimed.stderr).toContain("customer gateway SharedCgw already exists and was not created by this stack");
  });

  it("does not stand for another stack's mark, even on an object recorded as owned", () => {
    const id = made("ProdCgw", "multicloud-mesh/prod");
    const claimed = api.run("customer-gateway", "update", cgw("ProdCgw"), olderOutput(id));
    expect(claimed.status).not.toBe(0);
    const before = api.actions().length;
    expect(api.run("customer-gateway", "delete", cgw("ProdCgw"), olderOutput(id)).status).toBe(0);
    expect(mutations(before)).toEqual([]);
  });
});
