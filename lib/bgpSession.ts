/**
 * BGP over an IPsec tunnel between Cloud Router and an Alibaba dual-tunnel connection: one
 * link-local /30 per tunnel, GCP on the first host address, Alibaba on the second. Pure.
 */
import { contains, formatCidr, intToIp, overlaps, parseCidr } from "./cidr";

const LINK_LOCAL = parseCidr("169.254.0.0/16")!;

/**
 * /30s Alibaba refuses as a tunnel CIDR: the list in vpc/CreateVpnConnection.json (also
 * ModifyVpnConnectionAttribute, CreateVpnAttachment, ModifyVpnAttachmentAttribute),
 * BgpConfig.TunnelCidr. 169.254.169.252/30 also holds GCP's metadata server, so Cloud Router
 * cannot use it either.
 */
export const ALIBABA_RESERVED_TUNNEL_CIDRS = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.6.0/30",
  "169.254.169.252/30",
] as const;

/** Private ASNs (RFC 6996): Cloud Router takes only these for HA VPN sessions. */
const PRIVATE_ASNS: readonly [number, number][] = [
  [64512, 65534],
  [4200000000, 4294967294],
];

/** The two ends of one BGP session. */
export interface BgpSessionAddresses {
  /** The tunnel's /30, as Alibaba's `tunnelCidr` wants it. */
  readonly tunnelCidr: string;
  /** Cloud Router's address, `a.b.c.d` (its interface takes `a.b.c.d/30`). */
  readonly gcp: string;
  /** Alibaba's `localBgpIp`. */
  readonly alibaba: string;
}

/** The session addresses inside a checked /30 (see `checkBgpTunnelCidrs`). */
export function bgpSessionAddresses(tunnelCidr: string): BgpSessionAddresses {
  const cidr = parseCidr(tunnelCidr);
  if (!cidr || cidr.prefix !== 30) throw new Error(`'${tunnelCidr}' is not a /30`);
  return { tunnelCidr: formatCidr(cidr), gcp: intToIp(cidr.network + 1), alibaba: intToIp(cidr.network + 2) };
}

/** Problems with the per-tunnel /30s, each naming the key, the value and the fix. */
export function checkBgpTunnelCidrs(key: string, cidrs: readonly string[], tunnels = 2): string[] {
  const problems: string[] = [];
  if (cidrs.length !== tunnels) problems.push(`${key}: give ${tunnels} link-local /30s, one per tunnel (got ${cidrs.length})`);
  const reserved = ALIBABA_RESERVED_TUNNEL_CIDRS.map((c) => parseCidr(c)!);
  const parsed = cidrs.map((text, i) => {
    const at = `${key}[${i}]`;
    const cidr = parseCidr(text);
    if (!cidr || cidr.prefix !== 30 || !contains(LINK_LOCAL, cidr)) {
      problems.push(`${at}: '${text}' is not a /30 inside 169.254.0.0/16; use e.g. 169.254.10.0/30`);
      return undefined;
    }
    if (reserved.some((r) => overlaps(r, cidr))) {
      problems.push(`${at}: '${text}' is reserved by Alibaba (${ALIBABA_RESERVED_TUNNEL_CIDRS.join(", ")}); pick another /30 in 169.254.0.0/16`);
    }
    return cidr;
  });
  parsed.forEach((a, i) =>
    parsed.slice(i + 1).forEach((b, j) => {
      if (a && b && overlaps(a, b)) problems.push(`${key}[${i + j + 1}]: '${cidrs[i + j + 1]}' overlaps ${key}[${i}]; each tunnel needs its own /30`);
    }),
  );
  return problems;
}

/** Problems with the two ASNs: both private, and different (the session is eBGP). */
export function checkBgpAsns(gcpKey: string, gcpAsn: number, alibabaKey: string, alibabaAsn: number): string[] {
  const problems: string[] = [];
  const isPrivate = (asn: number) => Number.isInteger(asn) && PRIVATE_ASNS.some(([lo, hi]) => asn >= lo && asn <= hi);
  for (const [key, asn] of [
    [gcpKey, gcpAsn],
    [alibabaKey, alibabaAsn],
  ] as const) {
    if (!isPrivate(asn)) problems.push(`${key}: ${asn} is not a private ASN; use one in 64512-65534 or 4200000000-4294967294`);
  }
  if (gcpAsn === alibabaAsn) problems.push(`${alibabaKey}: ${alibabaAsn} equals ${gcpKey}; the two sides need different ASNs`);
  return problems;
}
