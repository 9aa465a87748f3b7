/**
 * The only traffic the GCP network admits from a peer network, one documented rule per purpose
 * (the seed allowed everything from the peer; this allows what the mesh uses).
 */

export interface FirewallRule {
  /** Suffix of the rule name. */
  readonly role: string;
  readonly description: string;
  readonly sourceRanges: readonly string[];
  readonly allow: readonly { protocol: string; ports?: string[] }[];
}

/** Istio's cross-network ports on the east-west gateway. */
export const MESH_PORTS = {
  status: 15021,
  tls: 15443,
  istiod: 15012,
  webhook: 15017,
} as const;

/** Google's load-balancer health-check sources (documented, fixed ranges). */
export const GOOGLE_HEALTH_CHECK_RANGES = ["35.191.0.0/16", "130.211.0.0/22"] as const;

/**
 * Rules for a GCP network whose peers reach it over VPN from `peerRanges`. Without a mesh (ACK
 * One: GKE only calls out, and its ACK agent dials out too) only ICMP comes in.
 */
export function gcpMeshFirewallRules(peerRanges: readonly string[], mesh = true): FirewallRule[] {
  if (peerRanges.length === 0) return [];
  const sorted = [...new Set(peerRanges)].sort();
  const icmp: FirewallRule = {
    role: "peer-icmp",
    description: "Peer networks over the VPN: ICMP for path-MTU discovery and reachability checks.",
    sourceRanges: sorted,
    allow: [{ protocol: "icmp" }],
  };
  if (!mesh) return [icmp];
  return [
    {
      role: "peer-mesh",
      description: "Peer clusters over the VPN: east-west gateway mTLS (15443), istiod xDS/CA (15012), webhook (15017), status (15021).",
      sourceRanges: sorted,
      allow: [{ protocol: "tcp", ports: [MESH_PORTS.tls, MESH_PORTS.istiod, MESH_PORTS.webhook, MESH_PORTS.status].map(String) }],
    },
    icmp,
    {
      role: "lb-health",
      description: "Google health checks of the internal load balancer in front of the east-west gateway (status port).",
      sourceRanges: [...GOOGLE_HEALTH_CHECK_RANGES],
      allow: [{ protocol: "tcp", ports: [String(MESH_PORTS.status)] }],
    },
  ];
}
