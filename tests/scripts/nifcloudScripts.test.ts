/**
 * The NIFCLOUD scripts against the real `nifcloud` CLI pointed at a local API stand-in:
 * create looks before creating, delete treats not-found as done, errors carry the cloud's words.
 */
import { nifcloudIpsec } from "../../components/vpn/ipsec";
import { nifcloudFirewallRules } from "../../components/vpn/nifcloudFirewallRules";
import { FakeNifcloud, hasCommand } from "../helpers/fakeNifcloud";
import { DEFAULT_IPSEC } from "../helpers/ipsec";

const api = new FakeNifcloud();
const PSK = "Sup3rSecretPresharedKeyValue0123456789abcdefABCDEF";
/** GCP's routed node and pod ranges; GKE's pods connect from the second. */
const SOURCES = { routed: ["10.128.0.0/20", "10.132.0.0/14"], workloads: ["10.132.0.0/14"] };
const rules = JSON.stringify(nifcloudFirewallRules("198.51.100.7", SOURCES, 443));
const env = {
  firewall: { FW_NAME: "FWNIFC", FW_OWNERSHIP: "own", FW_ZONE: "east-11", FW_RULES: rules, FW_GATEWAY_NAME: "NifcAnthosVpn" },
  lan: { LAN_NAME: "NifcAnthosLan", LAN_CIDR: "172.16.232.0/24", LAN_ZONE: "east-11", LAN_OWNERSHIP: "own" },
  gateway: (networkId: string) => ({
    GW_NAME: "NifcAnthosVpn",
    GW_OWNERSHIP: "own",
    GW_TYPE: "small",
    GW_ZONE: "east-11",
    GW_NETWORK_ID: networkId,
    GW_PRIVATE_IP: "172.16.232.2",
    GW_FIREWALL_GROUP: "FWNIFC",
  }),
  cgw: { CGW_NAME: "VPNCGW", CGW_OWNERSHIP: "own", CGW_PEER_IP: "198.51.100.7", CGW_LAN_CIDR: "10.128.0.0/12" },
  connection: (gw: string, cgw: string) => ({
    CONN_GATEWAY_ID: gw,
    CONN_CUSTOMER_GATEWAY_ID: cgw,
    PRE_SHARED_KEY: PSK,
    CONN_IPSEC: JSON.stringify(nifcloudIpsec(DEFAULT_IPSEC)),
  }),
};

function createAll() {
  const fw = api.run("firewall-group", "create", env.firewall);
  const lan = api.run("private-lan", "create", env.lan);
  const gw = api.run("vpn-gateway", "create", env.gateway(lan.json?.NetworkId));
  const cgw = api.run("customer-gateway", "create", env.cgw);
  const conn = api.run("vpn-connection", "create", env.connection(gw.json?.VpnGatewayId, cgw.json?.CustomerGatewayId));
  return { fw, lan, gw, cgw, conn };
}

function deleteAll(ids: { gw: string; cgw: string }) {
  return [
    api.run("vpn-connection", "delete", env.connection(ids.gw, ids.cgw)),
    api.run("customer-gateway", "delete", env.cgw),
    api.run("vpn-gateway", "delete", env.gateway("")),
    api.run("private-lan", "delete", env.lan),
    api.run("firewall-group", "delete", env.firewall),
  ];
}

beforeAll(async () => {
  expect(hasCommand("nifcloud")).toBe(true); // pip install nifcloud-cli (.ci/run does)
  await api.start();
});
afterAll(() => api.stop());

describe("a full create, a re-run and a double delete", () => {
  let first: ReturnType<typeof createAll>;

  it("creates every resource and reads back the IDs and the global IP", () => {
    first = createAll();
    for (const step of Object.values(first)) expect(step.status).toBe(0);
    expect(first.lan.json.NetworkId).toMatch(/^net-/);
    expect(first.gw.json).toEqual({
      VpnGatewayId: expect.stringMatching(/^vpngw-/),
      PublicIp: expect.stringMatching(/^203\.0\.113\./),
      Ownership: "own",
      CreatedByStack: true,
    });
    expect(first.conn.json.VpnConnectionId).toMatch(/^vpn-/);
    const creates = api.actions().filter((a) => /Create/.test(a));
    expect(creates).toEqual(["CreateSecurityGroup", "NiftyCreatePrivateLan", "CreateVpnGateway", "CreateCustomerGateway", "CreateVpnConnection"]);
  });

  it("sends the API the parameters it expects", () => {
    const req = (action: string) => api.requests().find((r) => r.action === action)!.params;
    expect(req("CreateVpnGateway")).toMatchObject({
      NiftyVpnGatewayName: "NifcAnthosVpn",
      NiftyVpnGatewayType: "small",
      AccountingType: "2",
      NiftyNetwork: { NetworkId: first.lan.json.NetworkId, IpAddress: "172.16.232.2" },
      SecurityGroup: ["FWNIFC"],
      Placement: { AvailabilityZone: "east-11" },
    });
    expect(req("CreateCustomerGateway")).toMatchObject({ IpAddress: "198.51.100.7", Type: "IPsec VTI", NiftyLanSideCidrBlock: "10.128.0.0/12" });
    expect(req("CreateVpnConnection")).toMatchObject({
      Type: "IPsec VTI",
      NiftyIpsecConfiguration: {
        EncryptionAlgorithm: "AES256",
        HashAlgorithm: "SHA256",
        InternetKeyExchange: "IKEv2",
        DiffieHellmanGroup: "14",
        PreSharedKey: "[secret]", // the stand-in's request log never holds the key
      },
    });
    // The connection holds the key: DescribeVpnConnections returns it (and only the API sees it).
    expect(api.cli("describe-vpn-connections").VpnConnectionSet[0].NiftyIpsecConfiguration.PreSharedKey).toBe(PSK);
    const authorize = req("AuthorizeSecurityGroupIngress");
    // One source per rule: 3 from the Cloud VPN address, 3 TCP ports from GKE's pods, ICMP from each of GCP's 2 ranges.
    expect(authorize.IpPermissions).toHaveLength(8);
    expect(authorize.IpPermissions).toContainEqual({
      IpProtocol: "UDP",
      FromPort: "500",
      InOut: "IN",
      Description: "IKE from Cloud VPN",
      IpRanges: [{ CidrIp: "198.51.100.7/32" }],
    });
  });

  it("never prints the pre-shared key", () => {
    expect(first.conn.stdout + first.conn.stderr).not.toContain(PSK);
  });

  it("creates nothing on a re-run and returns the same IDs", () => {
    const before = api.actions().length;
    const again = createAll();
    const newActions = api.actions().slice(before);
    expect(newActions.filter((a) => /Create|Authorize|Revoke/.test(a))).toEqual([]);
    expect(again.gw.json).toEqual(first.gw.json);
    expect(again.conn.json).toEqual(first.conn.json);
  });

  it("converges changed firewall rules: revokes the dropped, adds the new", () => {
    const changed = JSON.stringify(nifcloudFirewallRules("198.51.100.8", SOURCES, 443));
    const before = api.actions().length;
    expect(api.run("firewall-group", "create", { ...env.firewall, FW_RULES: changed }).status).toBe(0);
    const sent = api.requests().slice(before);
    expect(sent.map((r) => r.action).filter((a) => /Authorize|Revoke/.test(a))).toEqual(["RevokeSecurityGroupIngress", "AuthorizeSecurityGroupIngress"]);
    expect(sent.find((r) => r.action === "RevokeSecurityGroupIngress")!.params.IpPermissions).toHaveLength(3);
    expect(api.run("firewall-group", "create", env.firewall).status).toBe(0);
  });

  it("refuses at once to delete a firewall group that still holds a gateway, naming it", () => {
    const before = api.actions().length;
    const result = api.run("firewall-group", "delete", env.firewall);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("firewall group FWNIFC still holds: gateway NifcAnthosVpn");
    const sent = api.actions().slice(before);
    expect(sent).not.toContain("DeleteSecurityGroup");
    expect(sent.length).toBeLessThanOrEqual(4); // no retry loop
  });

  it("never passes the pre-shared key on any command line", () => {
    const argvs = api.argvs();
    expect(argvs.some((a) => a[0] === "jq")).toBe(true);
    expect(argvs.some((a) => a[0] === "nifcloud" && a.includes("create-vpn-connection"))).toBe(true);
    expect(argvs.filter((a) => a.some((arg) => arg.includes(PSK)))).toEqual([]);
  });

  it("deletes in the safe order, then treats a second delete as done", () => {
    const ids = { gw: first.gw.json.VpnGatewayId, cgw: first.cgw.json.CustomerGatewayId };
    deleteAll(ids).forEach((r) => expect(r.status).toBe(0));
    const second = deleteAll(ids);
    second.forEach((r) => expect(r.status).toBe(0));
    expect(second.map((r) => r.stderr).join("")).toMatch(/already gone/);
    expect(api.run("vpn-gateway", "create", env.gateway("net-missing")).stderr).toContain("InvalidParameterNotFound.NetworkId");
  });
});
