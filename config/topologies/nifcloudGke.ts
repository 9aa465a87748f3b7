/** Topology nifcloud-gke: GKE and bare metal on NIFCLOUD joined by IPsec, one ASM mesh across both. */
import { checkApiServerReach } from "../checks/clusters";
import { checkGatewayAddress, checkNifcloudCoveringBlock } from "../checks/nifcloud";
import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { RawConfig, requireSecret } from "../rawConfig";
import { resolveNifcloudLink } from "../resolve";
import { Secret } from "../secret";
import { ExistingClusterSpec, GkeClusterSpec, NifcloudGkeConfig, NifcloudLinkSpec } from "../types";
import { Check, GKE_CHECKS, MESH_CHECKS, TopologyRules } from "./rules";

const NIFCLOUD_CREDENTIAL_KEYS = ["nifcloudAccessKeyId", "nifcloudSecretAccessKey"] as const;

/** The checks of the NIFCLOUD side: its gateway's address, the block it routes, and whether GKE reaches the bare-metal API server over the VPN. */
const NIFCLOUD_CHECKS: readonly Check[] = [checkGatewayAddress, checkNifcloudCoveringBlock, checkApiServerReach];

/** What topology nifcloud-gke reads, which credentials it takes, and its own checks (NIFCLOUD's, GKE's, the mesh's). */
export const nifcloudGke: TopologyRules<NifcloudGkeConfig> = {
  sections: ["gcp", "vpnLinks", "mesh"],
  credentialKeys: NIFCLOUD_CREDENTIAL_KEYS,
  validate(problems, draft, raw) {
    [...NIFCLOUD_CHECKS, ...GKE_CHECKS, ...MESH_CHECKS].forEach((check) => check(problems, draft));
    return narrowNifcloudGke(problems, draft, raw);
  },
};

function narrowNifcloudGke(problems: Problems, config: DraftConfig, raw: RawConfig): NifcloudGkeConfig | undefined {
  const { gcp, mesh } = config;
  if (!gcp) problems.add("gcp", undefined, "is required by topology nifcloud-gke", "set gcp.project and gcp.region");
  if (!mesh) problems.add("mesh", undefined, "is required by topology nifcloud-gke", "declare mesh as in Pulumi.dev.yaml");
  else if (mesh.installer !== "asmcli")
    problems.add("mesh.installer", mesh.installer, "must be asmcli for topology nifcloud-gke (Anthos Service Mesh)", "set mesh.installer: asmcli");
  const links: NifcloudLinkSpec[] = [];
  config.vpnLinks.forEach((draft, i) => {
    const link = resolveNifcloudLink(config, draft);
    if (link) links.push(link);
    else if (draft.peer.kind !== "nifcloud")
      problems.add(
        `vpnLinks[${i}].peer.kind`,
        draft.peer.kind,
        "is not a peer of topology nifcloud-gke",
        "use peer.kind: nifcloud, or topology alibaba-gke for an Alibaba peer",
      );
  });
  if (raw.values.vpnLinks === undefined)
    problems.add("vpnLinks", [], "needs a link with a nifcloud peer for topology nifcloud-gke", "add a vpnLinks entry with peer.kind: nifcloud");
  const clusters: (GkeClusterSpec | ExistingClusterSpec)[] = [];
  config.clusters.forEach((c) => {
    if (c.platform !== "gke" && c.platform !== "existing")
      problems.add(
        `clusters[${config.clusterNames.indexOf(c.name)}].platform`,
        c.platform,
        "cannot be used in topology nifcloud-gke",
        "use platform: gke or existing",
      );
    else clusters.push(c);
  });
  const allRead = config.clusters.length === config.clusterNames.length;
  if (allRead && !clusters.some((c) => c.platform === "gke"))
    problems.add("clusters", config.clusterNames, "needs a GKE cluster for topology nifcloud-gke", "add a cluster with platform: gke");
  const [accessKeyId, secretAccessKey] = NIFCLOUD_CREDENTIAL_KEYS.map((key) =>
    requireSecret(problems, raw, key, "a NIFCLOUD API credential", `pulumi config set --secret ${key}`),
  );
  if (!gcp || !mesh || accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  return {
    topology: "nifcloud-gke",
    gcp,
    networks: config.networks,
    vpnLinks: links,
    clusters,
    mesh,
    verify: config.verify,
    nifcloudCredentials: { accessKeyId: new Secret(accessKeyId), secretAccessKey: new Secret(secretAccessKey) },
  };
}
