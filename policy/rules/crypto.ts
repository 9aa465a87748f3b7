/** No MD5, 3DES or Diffie-Hellman group below 14 on any end of a VPN, unless waived by name. */
import { PolicySettings, Resource, json, scriptOf } from "./resource";

const MIN_DH = 14;

function dhNumbers(values: readonly unknown[]): number[] {
  return values.map((v) => Number(String(v).replace(/\D+/g, ""))).filter((n) => Number.isFinite(n) && n > 0);
}

function weakness(encryptions: unknown[], integrities: unknown[], dhs: number[]): string[] {
  const found: string[] = [];
  if (encryptions.some((e) => /3des/i.test(String(e)))) found.push("3DES encryption");
  if (integrities.some((i) => /md5/i.test(String(i)))) found.push("MD5 integrity");
  const low = dhs.filter((g) => g < MIN_DH);
  if (low.length > 0) found.push(`DH group ${low.join(", ")} (below ${MIN_DH})`);
  return found;
}

export function weakCrypto(r: Resource, settings: PolicySettings = {}): string[] {
  if ((settings.cryptoWaivers ?? []).includes(r.name)) return [];
  let found: string[] = [];
  if (r.type === "gcp:compute/vPNTunnel:VPNTunnel" && r.props.cipherSuite) {
    const { phase1 = {}, phase2 = {} } = r.props.cipherSuite;
    found = weakness(
      [...(phase1.encryptions ?? []), ...(phase2.encryptions ?? [])],
      [...(phase1.integrities ?? []), ...(phase2.integrities ?? [])],
      dhNumbers([...(phase1.dhs ?? []), ...(phase2.pfs ?? [])]),
    );
  } else if (r.type === "alicloud:vpn/connection:Connection") {
    const ike = r.props.ikeConfig ?? {};
    const ipsec = r.props.ipsecConfig ?? {};
    found = weakness([ike.ikeEncAlg, ipsec.ipsecEncAlg], [ike.ikeAuthAlg, ipsec.ipsecAuthAlg], dhNumbers([ike.ikePfs, ipsec.ipsecPfs].filter(Boolean)));
  } else {
    const command = scriptOf(r);
    const nifcloud = command?.script === "nifcloud/vpn-connection.sh" ? json(command.env.CONN_IPSEC) : undefined;
    if (nifcloud) found = weakness([nifcloud.EncryptionAlgorithm], [nifcloud.HashAlgorithm], dhNumbers([nifcloud.DiffieHellmanGroup]));
  }
  return found.map(
    (w) => `${r.name} uses ${w}; use aes128/aes256, sha256 or stronger and DH group ${MIN_DH}+, or list ${r.name} in cryptoWaivers with a reason`,
  );
}
