import { gcpMeshFirewallRules } from "../../../../components/network/firewallRules";
import { alibabaIpsec, gcpCipherSuite, nifcloudIpsec } from "../../../../components/vpn/ipsec";
import { IpsecPolicy } from "../../../../config/types";
import { nifcloudFirewallRules } from "../../../../components/vpn/nifcloudFirewallRules";

const strong: IpsecPolicy = { ikeVersion: 2, encryption: "aes256", integrity: "sha256", dhGroup: 14, ikeLifetimeSeconds: 28800, espLifetimeSeconds: 3600 };
const seed: IpsecPolicy = { ikeVersion: 1, encryption: "aes128", integrity: "sha1", dhGroup: 2, ikeLifetimeSeconds: 28800, espLifetimeSeconds: 3600 };

describe("one IPsec policy, every cloud's vocabulary", () => {
  it("renders the GCP cipher suite for IKEv2", () => {
    expect(gcpCipherSuite(strong)).toEqual({
      phase1: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], prves: ["PRF-HMAC-SHA2-256"], dhs: ["Group-14"] },
      phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-14"] },
    });
  });
  it("leaves GCP's IKEv1 proposals to Cloud VPN", () => {
    expect(gcpCipherSuite(seed)).toBeUndefined();
  });
  it("renders NIFCLOUD's NiftyIpsecConfiguration", () => {
    expect(nifcloudIpsec(strong)).toEqual({
      EncryptionAlgorithm: "AES256",
      HashAlgorithm: "SHA256",
      InternetKeyExchange: "IKEv2",
      DiffieHellmanGroup: 14,
      InternetKeyExchangeLifetime: 28800,
      EncapsulatingSecurityPayloadLifetime: 3600,
    });
    expect(nifcloudIpsec(seed)).toMatchObject({ EncryptionAlgorithm: "AES128", HashAlgorithm: "SHA1", InternetKeyExchange: "IKEv1", DiffieHellmanGroup: 2 });
  });
  it("renders Alibaba's ike and ipsec configs", () => {
    expect(alibabaIpsec(strong)).toEqual({
      ike: { ikeVersion: "ikev2", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14", ikeLifetime: 28800, ikeMode: "main" },
      ipsec: { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 },
    });
    expect(alibabaIpsec(seed).ike.ikeEncAlg).toBe("aes");
  });
});

describe("firewall rules", () => {
  it("admits on GCP only the mesh ports and ICMP from the peer, and health checks on 15021", () => {
    const rules = gcpMeshFirewallRules(["172.16.232.0/24"]);
    expect(rules.map((r) => r.role)).toEqual(["peer-mesh", "peer-icmp", "lb-health"]);
    expect(rules[0]).toMatchObject({ sourceRanges: ["172.16.232.0/24"], allow: [{ protocol: "tcp", ports: ["15443", "15012", "15017", "15021"] }] });
    expect(rules[2]).toMatchObject({ sourceRanges: ["35.191.0.0/16", "130.211.0.0/22"], allow: [{ protocol: "tcp", ports: ["15021"] }] });
    rules.forEach((r) => expect(r.sourceRanges).not.toContain("0.0.0.0/0"));
  });
  it("opens nothing when no peer exists", () => {
    expect(gcpMeshFirewallRules([])).toEqual([]);
  });
  it("admits on NIFCLOUD IPsec from the GCP VPN address only and mesh ports from GCP's ranges", () => {
    const rules = nifcloudFirewallRules("198.51.100.7", ["10.128.0.0/20", "10.132.0.0/14"], 443);
    const ipsec = rules.filter((r) => ["UDP", "ESP"].includes(r.IpProtocol));
    expect(ipsec.map((r) => [r.IpProtocol, r.FromPort ?? null])).toEqual([
      ["UDP", 500],
      ["UDP", 4500],
      ["ESP", null],
    ]);
    ipsec.forEach((r) => expect(r.ListOfRequestIpRanges).toEqual([{ CidrIp: "198.51.100.7/32" }]));
    const tcpPorts = rules.filter((r) => r.IpProtocol === "TCP").map((r) => r.FromPort);
    expect(tcpPorts).toEqual([15443, 15012, 15017, 15021, 443]);
    rules.forEach((r) => expect(r.IpProtocol).not.toBe("ANY"));
  });
});
