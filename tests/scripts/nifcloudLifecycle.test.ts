/**
 * Waits, in-use deletes, rotated credentials and a renamed firewall group, through the real
 * `nifcloud` CLI and the local API stand-in, whose objects stay pending, processing or deleting
 * for a few describes as the real API's do.
 */
import { FakeNifcloud, hasCommand, ScriptRun } from "../helpers/fakeNifcloud";

const api = new FakeNifcloud();
const rule = { IpProtocol: "UDP", FromPort: 500, ToPort: 500, InOut: "IN", ListOfRequestIpRanges: [{ CidrIp: "198.51.100.7/32" }] };
const fw = (name: string) => ({ FW_NAME: name, FW_OWNERSHIP: "own", FW_ZONE: "east-11", FW_RULES: JSON.stringify([rule]), FW_GATEWAY_NAME: "LifeVpn" });
const lan = { LAN_NAME: "LifeLan", LAN_OWNERSHIP: "own", LAN_CIDR: "172.16.232.0/24", LAN_ZONE: "east-11" };
const gateway = (networkId: string, group: string) => ({
  GW_NAME: "LifeVpn",
  GW_OWNERSHIP: "own",
  GW_TYPE: "small",
  GW_ZONE: "east-11",
  GW_NETWORK_ID: networkId,
  GW_PRIVATE_IP: "172.16.232.2",
  GW_FIREWALL_GROUP: group,
});
const cgw = { CGW_NAME: "LifeCgw", CGW_OWNERSHIP: "own", CGW_PEER_IP: "198.51.100.7", CGW_LAN_CIDR: "10.128.0.0/12" };
const since = (n: number) => api.requests().slice(n);
const lanState = () => api.cli("nifty-describe-private-lans", "--private-lan-name", "LifeLan")?.PrivateLanSet?.[0]?.State ?? "gone";
const gatewayState = () => api.cli("describe-vpn-gateways", "--nifty-vpn-gateway-name", "LifeVpn")?.VpnGatewaySet?.[0]?.State ?? "gone";

beforeAll(async () => {
  expect(hasCommand("nifcloud")).toBe(true);
  await api.start();
});
afterAll(() => api.stop());

describe("every wait re-reads the cloud", () => {
  let group: ScriptRun, network: ScriptRun, gw: ScriptRun;

  it("create returns only once each object is ready", () => {
    group = api.run("firewall-group", "create", fw("FWOLD"));
    expect(group.status).toBe(0);
    expect(api.cli("describe-security-groups", "--group-name", "FWOLD").SecurityGroupInfo[0].GroupStatus).toBe("applied");
    network = api.run("private-lan", "create", lan);
    expect(network.status).toBe(0);
    expect(lanState()).toBe("available");
    gw = api.run("vpn-gateway", "create", gateway(network.json.NetworkId, "FWOLD"));
    expect(gw.status).toBe(0);
    expect(gatewayState()).toBe("available");
  });

  it("a LAN still holding the gateway is not deleted: the cloud's in-use error surfaces", () => {
    const result = api.run("private-lan", "delete", lan, network);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("InUse");
    expect(lanState()).toBe("available");
  });

  it("a renamed firewall group converges: new group, gateway moved, old group deleted once", () => {
    const before = api.requests().length;
    const renamed = api.run("firewall-group", "update", fw("FWNEW"), group);
    expect(renamed.status).toBe(0);
    expect(renamed.json.GroupName).toBe("FWNEW");
    const sent = since(before);
    const modify = sent.find((r) => r.action === "NiftyModifyVpnGatewayAttribute")!;
    expect(modify.params).toMatchObject({ NiftyVpnGatewayName: "LifeVpn", Attribute: "groupId", Value: "FWNEW" });
    expect(sent.filter((r) => r.action === "DeleteSecurityGroup").map((r) => [r.params.GroupName, r.error])).toEqual([["FWOLD", null]]);
    expect(sent.filter((r) => /InUse|IncorrectState/.test(r.error ?? "")).map((r) => r.error)).toEqual([]);
    expect(api.cli("describe-security-groups", "--group-name", "FWOLD")).toBeNull();
    group = renamed;
  });

  it("the gateway's own update then finds it in the new group and changes nothing", () => {
    const before = api.requests().length;
    gw = api.run("vpn-gateway", "update", gateway(network.json.NetworkId, "FWNEW"), gw);
    expect(gw.status).toBe(0);
    expect(since(before).map((r) => r.action)).not.toContain("NiftyModifyVpnGatewayAttribute");
  });

  it("delete returns only once each object is gone", () => {
    expect(api.run("vpn-gateway", "delete", gateway(network.json.NetworkId, "FWNEW"), gw).status).toBe(0);
    expect(gatewayState()).toBe("gone");
    const lanDelete = api.run("private-lan", "delete", { ...lan, NIFCLOUD_LAN_TIMEOUT: "30" }, network);
    expect(lanDelete.status).toBe(0);
    expect(lanState()).toBe("gone");
    expect(api.run("firewall-group", "delete", fw("FWNEW"), group).status).toBe(0);
    expect(api.cli("describe-security-groups", "--group-name", "FWNEW")).toBeNull();
  });
});

describe("rotated credentials", () => {
  it("update takes the new keys without re-creating, and delete works with them", () => {
    const created = api.run("customer-gateway", "create", { ...cgw, NIFCLOUD_ACCESS_KEY_ID: "key-a" });
    expect(created.status).toBe(0);
    api.acceptKeys("key-b");
    const stale = api.run("customer-gateway", "delete", { ...cgw, NIFCLOUD_ACCESS_KEY_ID: "key-a" }, created);
    expect(stale.status).not.toBe(0);
    expect(stale.stderr).toContain("SignatureDoesNotMatch");

    const before = api.requests().length;
    const updated = api.run("customer-gateway", "update", { ...cgw, NIFCLOUD_ACCESS_KEY_ID: "key-b" }, created);
    expect(updated.status).toBe(0);
    expect(updated.json).toEqual(created.json);
    expect(since(before).filter((r) => /Create|Delete/.test(r.action))).toEqual([]);
    expect(api.run("customer-gateway", "delete", { ...cgw, NIFCLOUD_ACCESS_KEY_ID: "key-b" }, updated).status).toBe(0);
    expect(
      since(before)
        .filter((r) => r.action === "DeleteCustomerGateway")
        .map((r) => r.key),
    ).toEqual(["key-b"]);
  });
});
