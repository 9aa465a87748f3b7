import { containsIp, isIpv4, parseCidr } from "../../lib/cidr";
import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { routedRanges } from "../ranges";
import { apiServerIpv4 } from "../read/cluster";
import { ClusterSpec } from "../types";
import { hostProblem } from "./hostAddress";

const CLOUD_OF: Record<ClusterSpec["platform"], string | undefined> = { gke: "gcp", acs: "alibaba", "ack-pro": "alibaba", ask: "alibaba", existing: undefined };
const CLOUD_NAME: Record<string, string> = { gcp: "a GCP", alibaba: "an Alibaba" };

/** Each cluster sits on a declared network of its platform's cloud. */
export function checkClusterNetworks(problems: Problems, config: DraftConfig): void {
  config.clusters.forEach((c) => {
    const i = config.clusterNames.indexOf(c.name);
    const network = config.networks.find((n) => n.name === c.network);
    if (!network) {
      if (c.network && config.networksComplete)
        problems.add(`clusters[${i}].network`, c.network, "does not name a declared network", `use one of ${config.networks.map((n) => n.name).join(", ")}`);
      return;
    }
    const cloud = CLOUD_OF[c.platform];
    if (cloud && network.cloud !== cloud) {
      problems.add(
        `clusters[${i}].network`,
        c.network,
        `is not ${CLOUD_NAME[cloud]} network, so a ${c.platform} cluster cannot live there`,
        `put ${c.platform} clusters on a network with cloud: ${cloud}`,
      );
    }
  });
}

/** The east-west address is a usable host of the cluster's network, and not the VPN gateway's address. */
export function checkEastWestAddresses(problems: Problems, config: DraftConfig): void {
  const gatewayIps = new Map(
    config.vpnLinks.flatMap((l, j) => (l.peer.kind === "nifcloud" ? [[l.peer.gatewayPrivateIp, `vpnLinks[${j}].peer.gatewayPrivateIp`] as const] : [])),
  );
  config.clusters.forEach((c) => {
    const i = config.clusterNames.indexOf(c.name);
    const ew = c.eastWestAddress;
    const network = config.networks.find((n) => n.name === c.network);
    // A value that is no IPv4 address was reported when it was read.
    if (!ew || !network || !isIpv4(ew)) return;
    const key = `clusters[${i}].eastWestAddress`;
    const why = hostProblem(ew, network.nodeCidr);
    if (why)
      problems.add(
        key,
        ew,
        `${why} (${network.name}), so the peer cannot route to it over the VPN`,
        "pick a free load-balancer address inside the network's nodeCidr",
      );
    const gateway = gatewayIps.get(ew);
    if (gateway)
      problems.add(key, ew, `is also ${gateway}: the VPN gateway already holds that address`, "pick another free address on the LAN for the east-west gateway");
  });
}

/** Clusters on different networks need different Istio network names. */
export function checkMeshNetworks(problems: Problems, config: DraftConfig): void {
  config.clusters.forEach((a, i) =>
    config.clusters.slice(i + 1).forEach((b) => {
      if (a.network !== b.network && a.meshNetwork === b.meshNetwork) {
        problems.add(
          `clusters[${config.clusterNames.indexOf(b.name)}].meshNetwork`,
          b.meshNetwork,
          `equals clusters[${config.clusterNames.indexOf(a.name)}].meshNetwork although the clusters sit on different networks`,
          "give each network its own Istio network name, or sidecars route to unreachable pod IPs",
        );
      }
    }),
  );
}

/** Two existing clusters with one kubeconfig or one API server are one cluster declared twice. */
export function checkDistinctAccess(problems: Problems, config: DraftConfig): void {
  const seen = new Map<string, string>();
  config.clusters.forEach((c) => {
    if (c.platform !== "existing") return;
    const i = config.clusterNames.indexOf(c.name);
    for (const [field, value] of [
      ["kubeconfigKey", c.existing.kubeconfigKey],
      ["apiServer", c.existing.apiServer.replace(/\/$/, "").replace(/:443$/, "")],
    ] as const) {
      if (!value) continue;
      const first = seen.get(`${field}:${value}`);
      const key = `clusters[${i}].existing.${field}`;
      if (first) problems.add(key, value, `is also ${first}: two mesh members would be one cluster`, "give each cluster its own kubeconfig and API server");
      else seen.set(`${field}:${value}`, key);
    }
  });
}

/**
 * An existing cluster's API server, when given by address, sits in a range the VPN carries: the
 * other clusters' control planes call it across the VPN (istiod reads its endpoints).
 */
export function checkApiServerReach(problems: Problems, config: DraftConfig): void {
  const peerNetworks = new Set(config.vpnLinks.map((l) => l.peerNetwork));
  config.clusters.forEach((c) => {
    if (c.platform !== "existing" || !peerNetworks.has(c.network)) return;
    const network = config.networks.find((n) => n.name === c.network);
    const host = apiServerIpv4(c.existing.apiServer);
    const ranges = network ? routedRanges(network) : [];
    const cidrs = ranges.map((r) => parseCidr(r));
    if (!network || !host || cidrs.some((r) => !r) || cidrs.some((r) => r && containsIp(r, host))) return;
    problems.add(
      `clusters[${config.clusterNames.indexOf(c.name)}].existing.apiServer`,
      c.existing.apiServer,
      `is outside ${ranges.join(", ")}, the range${ranges.length === 1 ? "" : "s"} of network ${network.name} that the VPN carries, so GKE's control plane cannot reach it`,
      "use the API server's address on that network",
    );
  });
}
