/**
 * Adopt or own, per NIFCLOUD object, through the real `nifcloud` CLI and the local API stand-in:
 * an adopted object is never deleted and keeps what others put on it; an owned name that
 * someone else already uses is an error; switching between the two deletes nothing.
 */
import { FakeNifcloud, hasCommand, TEST_OWNER_MARK } from "../helpers/fakeNifcloud";

const api = new FakeNifcloud();
const SSH = { IpProtocol: "TCP", FromPort: 22, ToPort: 22, InOut: "IN", IpRanges: [{ CidrIp: "192.0.2.10/32" }] };
const rule = (port: number) => ({ IpProtocol: "TCP", FromPort: port, ToPort: port, InOut: "IN", ListOfRequestIpRanges: [{ CidrIp: "198.51.100.7/32" }] });
const fw = (name: string, ownership: string, rules: object[]) => ({
  FW_NAME: name,
  FW_OWNERSHIP: ownership,
  FW_ZONE: "east-11",
  FW_RULES: JSON.stringify(rules),
  FW_GATEWAY_NAME: "NifcAnthosVpn",
});
const lan = { LAN_NETWORK_ID: "net-c1a5", LAN_OWNERSHIP: "adopt", LAN_CIDR: "172.16.232.0/24" };
const gateway = (ownership: string) => ({
  GW_NAME: "NifcAnthosVpn",
  GW_OWNERSHIP: ownership,
  GW_TYPE: "small",
  GW_ZONE: "east-11",
  GW_NETWORK_ID: "net-c1a5",
  GW_PRIVATE_IP: "172.16.232.2",
  GW_FIREWALL_GROUP: "FWSERVERS",
});
const cgw = (ownership: string) => ({ CGW_NAME: "VPNCGW", CGW_OWNERSHIP: ownership, CGW_PEER_IP: "198.51.100.7", CGW_LAN_CIDR: "10.128.0.0/12" });

/** The group's rules as "TCP22" etc., read straight from the API. */
function ports(name: string): string[] {
  const info = api.cli("describe-security-groups", "--group-name", name)?.SecurityGroupInfo?.[0];
  return (info?.IpPermissions ?? []).map((r: any) => `${r.IpProtocol}${r.FromPort}`).sort();
}
const exists = (...args: string[]) => api.cli(...args) !== null;
const deletes = (since: number) =>
  api
    .actions()
    .slice(since)
    .filter((a) => /Delete/.test(a));

beforeAll(async () => {
  expect(hasCommand("nifcloud")).toBe(true);
  await api.start();
  await api.seed({
    groups: [
      { GroupName: "FWSERVERS", GroupDescription: "bare-metal servers", IpPermissions: [SSH], InstancesSet: [{ InstanceId: "anthosnode1" }] },
      { GroupName: "FWTAKEN", GroupDescription: "someone else's" },
    ],
    lans: [{ NetworkId: "net-c1a5", PrivateLanName: "NifcAnthosClsLan", CidrBlock: "172.16.232.0/24", Description: "cluster LAN" }],
  });
});
afterAll(() => api.stop());

describe("an adopted firewall group", () => {
  let last: ReturnType<typeof api.run>;

  it("gets the stack's rules and keeps the servers' SSH rule", () => {
    last = api.run("firewall-group", "create", fw("FWSERVERS", "adopt", [rule(500), rule(4500)]));
    expect(last.status).toBe(0);
    expect(last.json).toEqual({
      GroupName: "FWSERVERS",
      Ownership: "adopt",
      CreatedByStack: false,
      AddedRules: ["TCP|4500||IN|198.51.100.7/32", "TCP|500||IN|198.51.100.7/32"],
    });
    expect(ports("FWSERVERS")).toEqual(["TCP22", "TCP4500", "TCP500"]);
    expect(api.actions()).not.toContain("CreateSecurityGroup");
  });

  it("loses on update only a rule the stack added and no longer wants", () => {
    last = api.run("firewall-group", "update", fw("FWSERVERS", "adopt", [rule(500)]), last);
    expect(last.status).toBe(0);
    expect(ports("FWSERVERS")).toEqual(["TCP22", "TCP500"]);
    expect(last.json.AddedRules).toEqual(["TCP|500||IN|198.51.100.7/32"]);
  });

  it("is kept on delete, stripped only of the stack's rules", () => {
    const before = api.actions().length;
    const result = api.run("firewall-group", "delete", fw("FWSERVERS", "adopt", [rule(500)]), last);
    expect(result.status).toBe(0);
    expect(deletes(before)).toEqual([]);
    expect(ports("FWSERVERS")).toEqual(["TCP22"]);
  });
});

describe("an owned firewall group", () => {
  it("whose name someone else already uses is an error that says how to adopt it", () => {
    const before = api.actions().length;
    const result = api.run("firewall-group", "create", fw("FWTAKEN", "own", [rule(500)]));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("firewall group FWTAKEN already exists and was not created by this stack");
    expect(result.stderr).toContain("Fix: set vpnLinks[0].peer.ownership.firewallGroup to 'adopt'");
    expect(
      api
        .actions()
        .slice(before)
        .filter((a) => /Create|Authorize|Revoke|Delete/.test(a)),
    ).toEqual([]);
  });

  it("switched to adopt is kept on delete; switched back to own it is recognised again", () => {
    const owned = api.run("firewall-group", "create", fw("FWMINE", "own", [rule(500)]));
    expect(owned.status).toBe(0);
    const adopted = api.run("firewall-group", "update", fw("FWMINE", "adopt", [rule(500)]), owned);
    expect(adopted.status).toBe(0);
    const before = api.actions().length;
    expect(api.run("firewall-group", "delete", fw("FWMINE", "adopt", [rule(500)]), adopted).status).toBe(0);
    expect(deletes(before)).toEqual([]);
    expect(exists("describe-security-groups", "--group-name", "FWMINE")).toBe(true);
    expect(api.run("firewall-group", "create", fw("FWMINE", "own", [rule(500)])).status).toBe(0);
  });

  it("rejects an ownership that is neither own nor adopt, naming the key", () => {
    const result = api.run("firewall-group", "create", fw("FWMINE", "keep", []));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("FW_OWNERSHIP is 'keep'");
  });
});

describe("the cluster's private LAN", () => {
  it("is adopted by network id, whatever the length of its name", () => {
    const result = api.run("private-lan", "create", lan);
    expect(result.status).toBe(0);
    expect(result.json).toEqual({
      NetworkId: "net-c1a5",
      CidrBlock: "172.16.232.0/24",
      PrivateLanName: "NifcAnthosClsLan",
      Ownership: "adopt",
      CreatedByStack: false,
    });
  });

  it("is adopted by name too", () => {
    const result = api.run("private-lan", "create", { LAN_NAME: "NifcAnthosClsLan", LAN_OWNERSHIP: "adopt", LAN_CIDR: "172.16.232.0/24" });
    expect(result.json?.NetworkId).toBe("net-c1a5");
  });

  it("cannot be owned under a name NIFCLOUD would refuse to create", () => {
    const before = api.actions().length;
    const result = api.run("private-lan", "create", { LAN_NAME: "NifcAnthosNewLan", LAN_OWNERSHIP: "own", LAN_CIDR: "172.16.240.0/24", LAN_ZONE: "east-11" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("private LAN name 'NifcAnthosNewLan' cannot be created: NIFCLOUD takes 1-15 characters [0-9a-zA-Z]");
    expect(api.actions().slice(before)).not.toContain("NiftyCreatePrivateLan");
  });

  it("owned under a name someone else uses is an error", () => {
    const result = api.run("private-lan", "create", { LAN_NAME: "NifcAnthosClsLan", LAN_OWNERSHIP: "own", LAN_CIDR: "172.16.232.0/24", LAN_ZONE: "east-11" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("private LAN NifcAnthosClsLan (net-c1a5) already exists and was not created by this stack");
  });
});

describe("the VPN gateway and the customer gateway", () => {
  let gw: ReturnType<typeof api.run>;

  it("an owned gateway is created on the adopted LAN, in the adopted group", () => {
    gw = api.run("vpn-gateway", "create", gateway("own"));
    expect(gw.status).toBe(0);
    const sent = api.requests().find((r) => r.action === "CreateVpnGateway")!.params;
    expect(sent).toMatchObject({ NiftyNetwork: { NetworkId: "net-c1a5" }, SecurityGroup: ["FWSERVERS"], NiftyVpnGatewayDescription: TEST_OWNER_MARK });
  });

  it("adopted gateways and customer gateways must exist, and are never deleted", () => {
    expect(api.run("customer-gateway", "create", cgw("adopt")).stderr).toContain("customer gateway VPNCGW does not exist and its ownership is 'adopt'");
    const owned = api.run("customer-gateway", "create", cgw("own"));
    expect(owned.status).toBe(0);
    const adoptedGw = api.run("vpn-gateway", "update", gateway("adopt"), gw);
    const adoptedCgw = api.run("customer-gateway", "update", cgw("adopt"), owned);
    expect([adoptedGw.json?.Ownership, adoptedCgw.json?.Ownership]).toEqual(["adopt", "adopt"]);
    const before = api.actions().length;
    expect(api.run("vpn-gateway", "delete", gateway("adopt"), adoptedGw).status).toBe(0);
    expect(api.run("customer-gateway", "delete", cgw("adopt"), adoptedCgw).status).toBe(0);
    expect(api.run("private-lan", "delete", lan).status).toBe(0);
    expect(deletes(before)).toEqual([]);
    expect(exists("describe-vpn-gateways", "--nifty-vpn-gateway-name", "NifcAnthosVpn")).toBe(true);
    expect(exists("describe-customer-gateways", "--nifty-customer-gateway-name", "VPNCGW")).toBe(true);
  });

  it("a gateway someone else made cannot be owned", () => {
    const result = api.run("vpn-gateway", "create", { ...gateway("own"), GW_NAME: "NifcAnthosVpn" });
    // Made by this stack's mark, so it is recognised: the mark, not the name, tells ownership.
    expect(result.status).toBe(0);
    const other = api.cli(
      "create-vpn-gateway",
      "--nifty-vpn-gateway-name",
      "OtherVpn",
      "--nifty-network",
      "NetworkId=net-c1a5,IpAddress=172.16.232.3",
      "--security-group",
      "FWSERVERS",
    );
    expect(other).not.toBeNull();
    const taken = api.run("vpn-gateway", "create", { ...gateway("own"), GW_NAME: "OtherVpn" });
    expect(taken.status).not.toBe(0);
    expect(taken.stderr).toContain("VPN gateway OtherVpn already exists and was not created by this stack");
  });

  it("a gateway on another LAN is refused", () => {
    const result = api.run("vpn-gateway", "create", { ...gateway("adopt"), GW_NETWORK_ID: "net-other" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("VPN gateway NifcAnthosVpn is not on the private LAN net-other");
  });
});
