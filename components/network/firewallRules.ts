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
  /** Network tags of the instances the rule applies to. @default every instance of the network */
  readonly targetTags?: readonly string[];
}

/**
 * The east-west gateway's ports that cross networks in a multi-primary mesh: 15443, where every
 * `*.local` service is exposed with mTLS passthrough (samples/multicluster/expose-services.yaml),
 * and 15021, the gateway's status port, the first port of its Service (gen-eastwest-gateway.sh),
 * so that the other network can check the gateway's readiness. istio/istio 1.29.6 (7019d6d3)
 * samples/multicluster: the same script's 15012 (tls-istiod) and 15017 (tls-webhook) serve only
 * expose-istiod.yaml, "to give a remote cluster access to the control plane (istiod) in a primary
 * cluster" (README.md, "Primary-Remote Configuration"); here every cluster runs its own istiod.
 */
export const MESH_PORTS = {
  status: 15021,
  tls: 15443,
} as const;

/**
 * Rules for a GCP network whose peers reach it over VPN from `peerRanges`. Without a mesh (ACK
 * One: GKE only calls out, and its ACK agent dials out too) only ICMP comes in. The mesh rule
 * applies only to the instances tagged `meshTargetTags` (the GKE nodes, behind the east-west
 * gateway's internal load balancer). No health-check rule: the east-west gateway's internal load
 * balancer is checked on kube-proxy's 10256, and GKE creates that rule itself (k8s-...-node-hc).
 */
export function gcpMeshFirewallRules(peerRanges: readonly string[], mesh = true, meshTargetTags: readonly string[] = []): FirewallRule[] {
  if (peerRanges.length === 0) return [];
  const sorted = [...new Set(peerRanges)].sort();
  const icmp: FirewallRule = {
    role: "peer-icmp",
    description: "Peer networks over the VPN: ICMP for path-MTU discovery and reachability checks.",
    sourceRanges: sorted,
    allow: [{ protocol: "icmp" }],
  };
  if (!mesh) return [icmp];
  const targets = [...new Set(meshTargetTags)].sort();
  return [
    {
      role: "peer-mesh",
      description: "Peer clusters over the VPN to the GKE nodes: east-west gateway mTLS (15443) and status (15021).",
      sourceRanges: sorted,
      allow: [{ protocol: "tcp", ports: [MESH_PORTS.tls, MESH_PORTS.status].map(String) }],
      ...(targets.length > 0 ? { targetTags: targets } : {}),
    },
    icmp,
  ];
}
