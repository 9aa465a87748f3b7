/** One IpsecPolicy rendered in each cloud's own vocabulary, so both ends always agree. */
import { Encryption, Integrity, IpsecPolicy } from "../../config/types";

const GCP_ENCRYPTION: Record<Encryption, string> = { aes128: "AES-CBC-128", aes256: "AES-CBC-256", "3des": "3DES-CBC" };
const GCP_INTEGRITY: Record<Integrity, string> = {
  sha1: "HMAC-SHA1-96",
  sha256: "HMAC-SHA2-256-128",
  sha384: "HMAC-SHA2-384-192",
  sha512: "HMAC-SHA2-512-256",
  md5: "HMAC-MD5-96",
};
const GCP_PRF: Record<Integrity, string> = {
  sha1: "PRF-HMAC-SHA1",
  sha256: "PRF-HMAC-SHA2-256",
  sha384: "PRF-HMAC-SHA2-384",
  sha512: "PRF-HMAC-SHA2-512",
  md5: "PRF-HMAC-MD5",
};

export interface GcpCipherSuite {
  phase1: { encryptions: string[]; integrities: string[]; prves: string[]; dhs: string[] };
  phase2: { encryptions: string[]; integrities: string[]; pfs: string[] };
}

/**
 * Cloud VPN accepts an explicit cipher suite for IKEv2 only; for IKEv1 it proposes its
 * default set, which contains every IKEv1 combination a peer can choose here.
 */
export function gcpCipherSuite(policy: IpsecPolicy): GcpCipherSuite | undefined {
  if (policy.ikeVersion !== 2) return undefined;
  const dh = `Group-${policy.dhGroup}`;
  return {
    phase1: {
      encryptions: [GCP_ENCRYPTION[policy.encryption]],
      integrities: [GCP_INTEGRITY[policy.integrity]],
      prves: [GCP_PRF[policy.integrity]],
      dhs: [dh],
    },
    phase2: { encryptions: [GCP_ENCRYPTION[policy.encryption]], integrities: [GCP_INTEGRITY[policy.integrity]], pfs: [dh] },
  };
}

/** NIFCLOUD `NiftyIpsecConfiguration` fields (the pre-shared key is added by the caller). */
export interface NifcloudIpsec {
  EncryptionAlgorithm: "AES128" | "AES256" | "3DES";
  HashAlgorithm: "SHA1" | "SHA256" | "SHA384" | "SHA512" | "MD5";
  InternetKeyExchange: "IKEv1" | "IKEv2";
  DiffieHellmanGroup: number;
  InternetKeyExchangeLifetime: number;
  EncapsulatingSecurityPayloadLifetime: number;
}

export function nifcloudIpsec(policy: IpsecPolicy): NifcloudIpsec {
  return {
    EncryptionAlgorithm: ({ aes128: "AES128", aes256: "AES256", "3des": "3DES" } as const)[policy.encryption],
    HashAlgorithm: policy.integrity.toUpperCase() as NifcloudIpsec["HashAlgorithm"],
    InternetKeyExchange: policy.ikeVersion === 2 ? "IKEv2" : "IKEv1",
    DiffieHellmanGroup: policy.dhGroup,
    InternetKeyExchangeLifetime: policy.ikeLifetimeSeconds,
    EncapsulatingSecurityPayloadLifetime: policy.espLifetimeSeconds,
  };
}

/** Alibaba `ikeConfig` / `ipsecConfig` fields (psk added by the caller). */
export interface AlibabaIpsec {
  ike: { ikeVersion: string; ikeEncAlg: string; ikeAuthAlg: string; ikePfs: string; ikeLifetime: number; ikeMode: string };
  ipsec: { ipsecEncAlg: string; ipsecAuthAlg: string; ipsecPfs: string; ipsecLifetime: number };
}

export function alibabaIpsec(policy: IpsecPolicy): AlibabaIpsec {
  const enc = ({ aes128: "aes", aes256: "aes256", "3des": "3des" } as const)[policy.encryption];
  const pfs = `group${policy.dhGroup}`;
  return {
    ike: {
      ikeVersion: `ikev${policy.ikeVersion}`,
      ikeEncAlg: enc,
      ikeAuthAlg: policy.integrity,
      ikePfs: pfs,
      ikeLifetime: policy.ikeLifetimeSeconds,
      ikeMode: "main",
    },
    ipsec: { ipsecEncAlg: enc, ipsecAuthAlg: policy.integrity, ipsecPfs: pfs, ipsecLifetime: policy.espLifetimeSeconds },
  };
}
