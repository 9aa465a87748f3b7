/** Which IKE/IPsec values each side of a VPN link accepts, so a bad combination fails early. */
import { Encryption, Integrity, VpnPeerSpec } from "./types";

export const ENCRYPTIONS: readonly Encryption[] = ["aes128", "aes256", "3des"];
export const INTEGRITIES: readonly Integrity[] = ["sha1", "sha256", "sha384", "sha512", "md5"];

/** DH groups Cloud VPN (classic) negotiates. */
const GCP_DH_GROUPS = [2, 5, 14, 15, 16, 18, 19, 20, 21, 24];

const PEER_DH_GROUPS: Record<VpnPeerSpec["kind"], readonly number[]> = {
  nifcloud: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26],
  alibaba: [1, 2, 5, 14, 24],
};

/** DH groups both Cloud VPN and the given peer accept. */
export function supportedDhGroups(peer: VpnPeerSpec["kind"]): number[] {
  return GCP_DH_GROUPS.filter((group) => PEER_DH_GROUPS[peer].includes(group));
}

/** Lifetimes both NIFCLOUD and Alibaba accept. */
export const LIFETIME_RANGE = { min: 30, max: 86400 } as const;
