import { alibabaIpsec, gcpCipherSuite, nifcloudIpsec } from "../../../../components/vpn/ipsec";
import { IpsecPolicy } from "../../../../config/types";
import { DEFAULT_IPSEC } from "../../../helpers/ipsec";

const strong = DEFAULT_IPSEC;
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
