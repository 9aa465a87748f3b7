/** Topology alibaba-gke: an Alibaba cluster exports an app, GKE imports it through an ACK One hub, over IPsec. */
import { checkHubVswitch, checkProviderAccess, checkZones } from "../checks/alibaba";
import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { RawConfig, rawEntries, rawKey, requireSecret } from "../rawConfig";
import { resolveAlibabaLink } from "../resolve";
import { Secret } from "../secret";
import { ALIBABA_PLATFORMS, AlibabaClusterSpec, AlibabaGkeConfig, GkeClusterSpec } from "../types";
import { GKE_CHECKS, TopologyRules } from "./rules";

const ALIBABA_CREDENTIAL_KEYS = ["alibabaAccessKeyId", "alibabaAccessKeySecret"] as const;

/** What topology alibaba-gke reads, which credentials it takes, and its own checks (zones, GKE, the exporter's access, the hub). */
export const alibabaGke: TopologyRules<AlibabaGkeConfig> = {
  sections: ["gcp", "alibaba", "vpnLinks", "ackOne"],
  credentialKeys: ALIBABA_CREDENTIAL_KEYS,
  validate(problems, draft, raw) {
    [checkZones, ...GKE_CHECKS].forEach((check) => check(problems, draft));
    return narrowAlibabaGke(problems, draft, raw);
  },
};

/** A key as written in the first vpnLinks entry of the stack file (readers fill in defaults). */
function rawLinkKey(raw: RawConfig, key: string): unknown {
  return rawKey(rawEntries(raw.values.vpnLinks)[0], key);
}

/** The cluster keys only an Istio mesh uses: alibaba-gke runs none, so a value there would be ignored. */
const MESH_ONLY_CLUSTER_KEYS = ["meshNetwork", "eastWestAddress"];

/** A cluster entry of the stack file that sets a mesh-only key is told so, rather than ignored. */
function checkMeshOnlyClusterKeys(problems: Problems, raw: RawConfig): void {
  rawEntries(raw.values.clusters).forEach((entry, i) => {
    for (const key of MESH_ONLY_CLUSTER_KEYS) {
      const value = rawKey(entry, key);
      if (value !== undefined)
        problems.add(
          `clusters[${i}].${key}`,
          value,
          "is not used by topology alibaba-gke (ACK One multi-cluster services, no Istio mesh)",
          `remove ${key} from the cluster`,
        );
    }
  });
}

function narrowAlibabaGke(problems: Problems, config: DraftConfig, raw: RawConfig): AlibabaGkeConfig | undefined {
  const { gcp, alibaba, ackOne } = config;
  if (!gcp) problems.add("gcp", undefined, "is required by topology alibaba-gke", "set gcp.project and gcp.region");
  if (!alibaba) problems.add("alibaba", undefined, "is required by topology alibaba-gke", "set alibaba.region, e.g. ap-northeast-1");
  if (!ackOne) problems.add("ackOne", undefined, "is required by topology alibaba-gke", "declare ackOne as in Pulumi.ack-dev.yaml");
  checkMeshOnlyClusterKeys(problems, raw);
  const [first, ...extra] = config.vpnLinks;
  extra.forEach((l) =>
    problems.add(`vpnLinks[${config.vpnLinks.indexOf(l)}]`, l.name, "is a second link: topology alibaba-gke builds exactly one", "keep one vpnLinks entry"),
  );
  const link = first && resolveAlibabaLink(config, first);
  if (!first && raw.values.vpnLinks === undefined)
    problems.add("vpnLinks", undefined, "needs a link with an alibaba peer for topology alibaba-gke", "add a vpnLinks entry with peer.kind: alibaba");
  else if (first.peer.kind !== "alibaba")
    problems.add(
      "vpnLinks[0].peer.kind",
      first.peer.kind,
      "is not a peer of topology alibaba-gke",
      "use peer.kind: alibaba, or topology nifcloud-gke for a NIFCLOUD peer",
    );
  else {
    if (rawLinkKey(raw, "routing") !== undefined)
      problems.add(
        "vpnLinks[0].routing",
        rawLinkKey(raw, "routing"),
        "is not used: the Alibaba link is dual-tunnel, routed by BGP (peer.mode: ha-bgp) or static routes (peer.mode: classic-static)",
        "remove routing and choose peer.mode",
      );
    for (const key of ["gcpGatewayName", "gcpTunnelName"])
      if (rawLinkKey(raw, key) !== undefined)
        problems.add(
          `vpnLinks[0].${key}`,
          rawLinkKey(raw, key),
          "is not used: the dual-tunnel link names its GCP gateway, router and tunnels after the link's name (<name>-ha or <name>-classic, <name>-tn0, <name>-tn1)",
          `remove ${key}`,
        );
  }
  const gkes = config.clusters.filter((c): c is GkeClusterSpec => c.platform === "gke");
  const exporters = config.clusters.filter((c): c is AlibabaClusterSpec => (ALIBABA_PLATFORMS as readonly string[]).includes(c.platform));
  config.clusters.forEach((c) => {
    if (c.platform === "existing")
      problems.add(
        `clusters[${config.clusterNames.indexOf(c.name)}].platform`,
        c.platform,
        "cannot be used in topology alibaba-gke",
        "use one gke cluster and one acs, ack-pro or ask cluster",
      );
  });
  const allRead = config.clusters.length === config.clusterNames.length;
  if (allRead && gkes.length !== 1)
    problems.add(
      "clusters",
      config.clusterNames,
      `needs exactly one cluster with platform: gke (found ${gkes.length})`,
      "declare the GKE consumer cluster once",
    );
  if (allRead && exporters.length !== 1)
    problems.add(
      "clusters",
      config.clusterNames,
      `needs exactly one Alibaba provider cluster with platform: acs, ack-pro or ask (found ${exporters.length})`,
      "declare the provider cluster once; a new account uses platform: acs (ASK cannot be created by accounts that never had one)",
    );
  const [exporter] = exporters;
  checkProviderAccess(problems, ackOne, exporter, exporter ? config.clusters.indexOf(exporter) : 0);
  const [accessKeyId, accessKeySecret] = ALIBABA_CREDENTIAL_KEYS.map((key) =>
    requireSecret(problems, raw, key, "an Alibaba Cloud API credential", `pulumi config set --secret ${key}`),
  );
  if (ackOne && link) checkHubVswitch(problems, ackOne.hubVswitch, link.networks.peer, alibaba?.region);
  const [gke] = gkes;
  if (!gcp || !alibaba || !ackOne || !link || !gke || !exporter || accessKeyId === undefined || accessKeySecret === undefined) return undefined;
  return {
    topology: "alibaba-gke",
    gcp,
    alibaba,
    networks: config.networks,
    vpnLinks: [link],
    clusters: [gke, exporter],
    gke,
    exporter,
    ackOne,
    verify: config.verify,
    alibabaCredentials: { accessKeyId: new Secret(accessKeyId), accessKeySecret: new Secret(accessKeySecret) },
  };
}
