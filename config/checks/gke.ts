/** What a GKE cluster needs of its place: a location in the stack's region, ranges large enough for its nodes. */
import { parseCidr, size } from "../../lib/cidr";
import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { GkeClusterSpec } from "../types";

/** Addresses Google Cloud keeps in every subnet's primary range (network, gateway, second-to-last, broadcast). */
const RESERVED_PER_SUBNET = 4;
/** GKE gives each node a /24 of the pod range for up to 110 pods (its default maximum per node). */
const POD_RANGE_PER_NODE = 256;
/** A regional cluster's nodes run in three zones of the region unless told otherwise. */
const REGIONAL_ZONES = 3;
/** A surge upgrade adds one node at a time (GKE's default maxSurge 1). */
const SURGE_NODES = 1;
/** The smallest subnet primary range GKE can use: a /29 holds 4 nodes. */
const SMALLEST_NODE_PREFIX = 29;

const isRegion = (location: string) => !/-[a-z]$/.test(location);

/** Nodes a cluster runs at once at most: its count in each of its zones, and one more during a surge upgrade. */
function nodesNeeded(spec: GkeClusterSpec): { needed: number; zones: number } {
  const zones = isRegion(spec.gke.location) ? REGIONAL_ZONES : 1;
  return { needed: spec.gke.nodeCount * zones + SURGE_NODES, zones };
}

/** The widest prefix whose range holds `count` units of `unit` addresses after `reserved` are kept. */
function prefixFor(count: number, unit: number, reserved: number): number {
  let prefix = 32;
  while (prefix > 0 && Math.floor((2 ** (32 - prefix) - reserved) / unit) < count) prefix--;
  return prefix;
}

/** A GKE cluster's location is the stack's region or one of its zones. */
export function checkGkeLocations(problems: Problems, config: DraftConfig): void {
  const region = config.gcp?.region;
  if (!region) return;
  config.clusters.forEach((c) => {
    if (c.platform !== "gke" || !c.gke.location) return;
    const { location } = c.gke;
    if (location === region || (location.startsWith(`${region}-`) && /^[a-z]$/.test(location.slice(region.length + 1)))) return;
    problems.add(
      `clusters[${config.clusterNames.indexOf(c.name)}].gke.location`,
      location,
      `is not in gcp.region ${region}, where the stack's subnet and VPN are`,
      `use ${region} or one of its zones, e.g. ${region}-c`,
    );
  });
}

/**
 * The cluster's network has room for every node (the subnet's primary range) and every node's pod
 * range (the pod secondary range). GKE: a subnet of /N holds 2^(32-N) - 4 nodes, /29 -> 4 at the
 * least (cloud.google.com/kubernetes-engine/docs/concepts/alias-ips, "Node limiting ranges").
 */
export function checkGkeCapacity(problems: Problems, config: DraftConfig): void {
  config.clusters.forEach((c) => {
    if (c.platform !== "gke") return;
    const network = config.networks.find((n) => n.name === c.network && n.cloud === "gcp");
    const nodes = network && parseCidr(network.nodeCidr);
    if (!network || !nodes) return;
    const i = config.networks.indexOf(network);
    const { needed, zones } = nodesNeeded(c);
    const nodeRoom = Math.max(0, size(nodes) - RESERVED_PER_SUBNET);
    if (nodeRoom < needed) {
      const prefix = Math.min(SMALLEST_NODE_PREFIX, prefixFor(needed, 1, RESERVED_PER_SUBNET));
      problems.add(
        `networks[${i}].nodeCidr`,
        network.nodeCidr,
        `holds ${nodeRoom} GKE nodes (a subnet of /N holds 2^(32-N) - ${RESERVED_PER_SUBNET}: Google Cloud keeps four addresses of each), but cluster ${c.name} needs ${needed} (nodeCount ${c.gke.nodeCount} in ${zones} zone${zones === 1 ? "" : "s"}, and ${SURGE_NODES} for a surge upgrade)`,
        prefix === SMALLEST_NODE_PREFIX
          ? `use a /${prefix} or larger (a /${prefix} holds 4 nodes, the smallest subnet GKE can use)`
          : `use a /${prefix} or larger`,
      );
    }
    const pods = network.podCidr ? parseCidr(network.podCidr) : undefined;
    if (!pods) return;
    const podRoom = Math.floor(size(pods) / POD_RANGE_PER_NODE);
    if (podRoom < needed)
      problems.add(
        `networks[${i}].podCidr`,
        network.podCidr,
        `holds ${podRoom} ${podRoom === 1 ? "node's pod range" : "nodes' pod ranges"} (GKE gives each node a /24 for its up to 110 pods), but cluster ${c.name} needs ${needed}`,
        `use a /${prefixFor(needed, POD_RANGE_PER_NODE, 0)} or larger`,
      );
  });
}
