/** The dual-tunnel link under mocks: HA VPN with BGP by default, Classic VPN with static routes as the option. */
import { Recorded, isSecretValue, plain, recordResources, settle } from "../helpers/mocks";
import { DEFAULT_IPSEC } from "../helpers/ipsec";

/** The gateway's two addresses (`internetIp`, `disasterRecoveryInternetIp`). */
const GATEWAY_IPS = ["47.74.0.31", "47.74.0.32"];
/**
 * Each tunnel's own address as the connection reports it, by role: the master on the gateway's
 * second address, listed after the slave (what a program reading the gateway or the order gets wrong).
 */
const TUNNEL_IPS = { master: GATEWAY_IPS[1], slave: GATEWAY_IPS[0] };
const GCP_HA = ["35.242.0.1", "35.220.0.2"];
const GCP_CLASSIC = "34.120.0.10";
const crypto = DEFAULT_IPSEC;
const gcpRanges = ["10.128.0.0/20", "10.132.0.0/14", "10.136.0.0/20"];
const alibabaRanges = ["192.168.0.0/16"];

function fake(r: Recorded): Record<string, unknown> {
  switch (r.type) {
    case "alicloud:vpn/gateway:Gateway":
      return { internetIp: GATEWAY_IPS[0], disasterRecoveryInternetIp: GATEWAY_IPS[1] };
    case "alicloud:vpn/connection:Connection": {
      const specs = (r.inputs.tunnelOptionsSpecifications ?? []) as { role: "master" | "slave" }[];
      return { tunnelOptionsSpecifications: [...specs].reverse().map((t) => ({ ...t, internetIp: TUNNEL_IPS[t.role] })) };
    }
    case "gcp:compute/haVpnGateway:HaVpnGateway":
      return { vpnInterfaces: GCP_HA.map((ipAddress, id) => ({ id, ipAddress })) };
    case "gcp:compute/address:Address":
      return { address: GCP_CLASSIC };
    case "random:index/randomPassword:RandomPassword":
      return { result: `key-of-${r.name}` };
    default:
      return {};
  }
}

let recorded: Recorded[];
let duplicates: string[];
let thrown: unknown;
const under = (prefix: string) => recorded.filter((r) => r.name.startsWith(prefix));
/** Registration order is not creation order under mocks: sort by name. */
const ofType = (prefix: string, type: string) =>
  under(prefix)
    .filter((r) => r.type === type)
    .sort((a, b) => a.name.localeCompare(b.name));
/** The connection's tunnels: the property holds keys, so the whole list arrives as a secret. */
const tunnelSpecs = (prefix: string): any[] => {
  const specs = ofType(prefix, "alicloud:vpn/connection:Connection")[0].inputs.tunnelOptionsSpecifications;
  expect(isSecretValue(specs)).toBe(true);
  return plain(specs);
};

beforeAll(async () => {
  ({ recorded, duplicates } = await recordResources("multicloud-mesh", "dual-tunnel", fake));
  const { AlibabaGcpVpn } = await import("../../components/vpn/alibabaGcpVpn");
  const common = { region: "asia-northeast1", network: "gcp-vpc", vpcId: "vpc-1", vswitchId: "vsw-a", crypto, gcpRanges, alibabaRanges };
  new AlibabaGcpVpn("ha", { ...common, baseName: "mesh" });
  new AlibabaGcpVpn("custom", { ...common, baseName: "mesh-x", bgp: { advertiseOnlyGcpRanges: true, gcpAsn: 64600, alibabaAsn: 64700 } });
  new AlibabaGcpVpn("classic", { ...common, baseName: "mesh-c", mode: "classic-static", bandwidth: 100 });
  try {
    new AlibabaGcpVpn("bad", { ...common, baseName: "bad", bandwidth: 5, bgp: { tunnelCidrs: ["169.254.1.0/30", "169.254.11.0/30"] } });
  } catch (e) {
    thrown = e;
  }
  await settle(recorded);
});

describe("both variants", () => {
  it("register no duplicate names", () => {
    expect(duplicates).toEqual([]);
  });
  it("give the Alibaba gateway both vSwitches, the same one twice in a one-zone VPC", () => {
    for (const p of ["ha", "classic"]) {
      const [gateway] = ofType(p, "alicloud:vpn/gateway:Gateway");
      expect(gateway.inputs).toMatchObject({ vswitchId: "vsw-a", disasterRecoveryVswitchId: "vsw-a", networkType: "public", paymentType: "PayAsYouGo" });
    }
    expect(ofType("classic", "alicloud:vpn/gateway:Gateway")[0].inputs.bandwidth).toBe(100);
  });
  it("build one dual-tunnel connection: a master and a slave, each with its own secret key", () => {
    for (const p of ["ha", "classic"]) {
      const [connection] = ofType(p, "alicloud:vpn/connection:Connection");
      const tunnels = tunnelSpecs(p);
      expect(tunnels.map((t) => t.role)).toEqual(["master", "slave"]);
      const keys = tunnels.map((t) => t.tunnelIkeConfig.psk);
      expect(keys.every((k) => typeof k === "string" && k.length > 0)).toBe(true);
      expect(new Set(keys).size).toBe(2);
      expect(connection.inputs).toMatchObject({ localSubnets: ["0.0.0.0/0"], remoteSubnets: ["0.0.0.0/0"] });
    }
  });
  it("reject bad input before creating anything, naming every problem", () => {
    expect(String(thrown)).toContain("bandwidth: 5 is not a bandwidth");
    expect(String(thrown)).toContain("bgp.tunnelCidrs[0]: '169.254.1.0/30' is reserved by Alibaba");
    expect(under("bad")).toEqual([]);
  });
});

describe("default: HA VPN with BGP", () => {
  const tunnels = () => ofType("ha", "gcp:compute/vPNTunnel:VPNTunnel");
  it("terminates one GCP tunnel on each Alibaba tunnel's own address (by its role), from each HA interface", () => {
    const [external] = ofType("ha", "gcp:compute/externalVpnGateway:ExternalVpnGateway");
    expect(plain(external.inputs)).toMatchObject({
      redundancyType: "TWO_IPS_REDUNDANCY",
      interfaces: [
        { id: 0, ipAddress: TUNNEL_IPS.master },
        { id: 1, ipAddress: TUNNEL_IPS.slave },
      ],
    });
    expect(tunnels().map((t) => [t.inputs.vpnGatewayInterface, t.inputs.peerExternalGatewayInterface])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
  it("points Alibaba's two customer gateways at the two HA interfaces, with Cloud Router's ASN", () => {
    const gateways = ofType("ha", "alicloud:vpn/customerGateway:CustomerGateway");
    expect(gateways.map((g) => plain(g.inputs.ipAddress))).toEqual(GCP_HA);
    gateways.forEach((g) => expect(g.inputs.asn).toBe("65010"));
  });
  it("uses on each GCP tunnel the same secret key as the Alibaba tunnel it meets", () => {
    const alibabaKeys = tunnelSpecs("ha").map((t) => t.tunnelIkeConfig.psk);
    tunnels().forEach((t) => expect(isSecretValue(t.inputs.sharedSecret)).toBe(true));
    expect(tunnels().map((t) => plain(t.inputs.sharedSecret))).toEqual(alibabaKeys);
  });
  it("runs a BGP session per tunnel on distinct link-local /30s, mirrored on Alibaba", () => {
    const peers = ofType("ha", "gcp:compute/routerPeer:RouterPeer");
    const interfaces = ofType("ha", "gcp:compute/routerInterface:RouterInterface");
    expect(interfaces.map((i) => i.inputs.ipRange)).toEqual(["169.254.10.1/30", "169.254.11.1/30"]);
    expect(peers.map((p) => [p.inputs.ipAddress, p.inputs.peerIpAddress, p.inputs.peerAsn])).toEqual([
      ["169.254.10.1", "169.254.10.2", 65020],
      ["169.254.11.1", "169.254.11.2", 65020],
    ]);
    const [connection] = ofType("ha", "alicloud:vpn/connection:Connection");
    expect(connection.inputs.enableTunnelsBgp).toBe(true);
    expect(tunnelSpecs("ha").map((t) => t.tunnelBgpConfig)).toEqual([
      { localAsn: "65020", localBgpIp: "169.254.10.2", tunnelCidr: "169.254.10.0/30" },
      { localAsn: "65020", localBgpIp: "169.254.11.2", tunnelCidr: "169.254.11.0/30" },
    ]);
    const [router] = ofType("ha", "gcp:compute/router:Router");
    expect(router.inputs.bgp).toMatchObject({ asn: 65010, advertiseMode: "DEFAULT" });
  });
  it("prefers the master tunnel's session for the Alibaba ranges: custom learned routes at priority 0 there, 100 on the slave's", () => {
    const peers = ofType("ha", "gcp:compute/routerPeer:RouterPeer").map((p) => plain(p.inputs));
    expect(peers.map((p) => [p.customLearnedIpRanges, p.customLearnedRoutePriority, p.zeroCustomLearnedRoutePriority ?? false])).toEqual([
      [alibabaRanges.map((range) => ({ range })), 0, true],
      [alibabaRanges.map((range) => ({ range })), 100, false],
    ]);
  });
  it("advertises only the GCP ranges when asked, with the given ASNs", () => {
    const [router] = ofType("custom", "gcp:compute/router:Router");
    expect(router.inputs.bgp).toEqual({ asn: 64600, advertiseMode: "CUSTOM", advertisedIpRanges: gcpRanges.map((range) => ({ range })) });
    expect(ofType("custom", "gcp:compute/routerPeer:RouterPeer").map((p) => p.inputs.peerAsn)).toEqual([64700, 64700]);
  });
  it("needs no static routes on either side", () => {
    expect(ofType("ha", "gcp:compute/route:Route")).toEqual([]);
    expect(ofType("ha", "alicloud:vpn/routeEntry:RouteEntry")).toEqual([]);
  });
  it("applies one crypto policy at both ends of both tunnels", () => {
    tunnelSpecs("ha").forEach((t) => {
      expect(t.tunnelIkeConfig).toMatchObject({ ikeVersion: "ikev2", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14", ikeLifetime: 28800 });
      expect(t.tunnelIpsecConfig).toEqual({ ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 });
    });
    tunnels().forEach((t) => {
      expect(t.inputs.ikeVersion).toBe(2);
      expect(t.inputs.cipherSuite).toEqual({
        phase1: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], prves: ["PRF-HMAC-SHA2-256"], dhs: ["Group-14"] },
        phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-14"] },
      });
    });
  });
});

describe("option: Classic VPN with static routes", () => {
  const tunnels = () => ofType("classic", "gcp:compute/vPNTunnel:VPNTunnel");
  it("runs one classic tunnel to each Alibaba tunnel's own address (by its role), both from the one GCP address", () => {
    expect(tunnels().map((t) => plain(t.inputs.peerIp))).toEqual([TUNNEL_IPS.master, TUNNEL_IPS.slave]);
    const gateways = ofType("classic", "alicloud:vpn/customerGateway:CustomerGateway");
    expect(gateways.map((g) => plain(g.inputs.ipAddress))).toEqual([GCP_CLASSIC]);
    expect(gateways[0].inputs.asn).toBeUndefined();
    expect(ofType("classic", "alicloud:vpn/connection:Connection")[0].inputs.enableTunnelsBgp).toBe(false);
  });
  it("routes every Alibaba range via both tunnels, the master preferred", () => {
    const routes = ofType("classic", "gcp:compute/route:Route").map((r) => [r.inputs.destRange, r.inputs.priority, r.name]);
    expect(routes).toEqual([
      ["192.168.0.0/16", 1000, "classic-tunnels-tn0-r0"],
      ["192.168.0.0/16", 1100, "classic-tunnels-tn1-r0"],
    ]);
  });
  it("routes every GCP range into the connection on Alibaba and publishes it to the VPC", () => {
    const entries = ofType("classic", "alicloud:vpn/routeEntry:RouteEntry");
    expect(entries.map((e) => [e.inputs.routeDest, e.inputs.publishVpc])).toEqual(gcpRanges.map((r) => [r, true]));
  });
  it("keeps both keys secret and distinct on GCP", () => {
    tunnels().forEach((t) => expect(isSecretValue(t.inputs.sharedSecret)).toBe(true));
    expect(new Set(tunnels().map((t) => plain(t.inputs.sharedSecret))).size).toBe(2);
  });
});
