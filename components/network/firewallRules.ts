/**
 * The only traffic the GCP network admits from a peer network, one documented rule per purpose:
 * what the mesh uses, nothing else.
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

/**
 * Rules for a GCP network whose peers reach it over VPN from `peerRanges`. Without a mesh (ACK
 * One: GKE only calls out, and its ACK agent dials out too) only ICMP comes in. No health-check
 * rule: the east-west gateway's internal load balancer is checked on kube-proxy's 10256, and GKE
 * creates that rule itself (k8s-...-node-hc); nothing here checks the status port 15021.
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
  ];
}
