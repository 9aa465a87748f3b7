/** Which ranges of a network cross a VPN, derived from the network description. */
import { coveringCidr, formatCidr, parseCidr } from "../lib/cidr";
import { classify } from "./addressSpace";
import { GcpNetworkSpec, NetworkSpec } from "./types";

/**
 * Ranges that must be reachable across the VPN. GKE (VPC-native) and Alibaba (pods on vSwitch
 * ENIs, ACK One needs pod and service IPs) route pods and services; bare-metal clusters on
 * NIFCLOUD keep pods in island mode behind their nodes, so only the LAN crosses.
 */
export function routedRanges(network: NetworkSpec): string[] {
  const extra = network.cloud === "gcp" || network.cloud === "alibaba" ? [network.podCidr, network.serviceCidr] : [];
  return [network.nodeCidr, ...extra].filter((r): r is string => typeof r === "string" && r.length > 0);
}

/** Every declared range of a network (for overlap checks and firewall sources). */
export function allRanges(network: NetworkSpec): string[] {
  return [network.nodeCidr, network.podCidr, network.serviceCidr, ...(network.zones ?? []).map((z) => z.cidr)].filter(
    (r): r is string => typeof r === "string" && r.length > 0,
  );
}

/** NIFCLOUD's customer gateway takes one LAN-side block: the smallest one covering all ranges. */
export function singleCoveringBlock(ranges: readonly string[]): string {
  return formatCidr(coveringCidr(ranges.map((r) => parseCidr(r)!)));
}

/**
 * The source addresses of GKE pods' connections to `destination` (a peer network's range): their
 * own pod addresses, which GKE keeps for private destinations (RFC 1918 and RFC 6598, among the
 * ranges it does not masquerade by default: GKE "IP masquerade agent", default non-masquerade
 * destinations; Kubernetes ip-masq-agent's defaults are RFC 1918), and otherwise the node
 * addresses GKE puts in their place.
 */
export function gkeEgressRanges(gcp: GcpNetworkSpec, destination: string): string[] {
  const parsed = parseCidr(destination);
  const kept = parsed !== undefined && classify(parsed).kind === "private";
  return [kept ? gcp.podCidr : gcp.nodeCidr];
}
