/** Topology local: two existing clusters, no cloud; one mesh applied by Pulumi and multi-cluster services. */
import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { ExistingClusterSpec, LocalConfig } from "../types";
import { MESH_CHECKS, TopologyRules } from "./rules";

/** What topology local reads (no cloud, so no credentials) and its own checks: the mesh's. */
export const local: TopologyRules<LocalConfig> = {
  sections: ["mesh", "multiClusterServices"],
  credentialKeys: [],
  validate(problems, draft) {
    MESH_CHECKS.forEach((check) => check(problems, draft));
    return narrowLocal(problems, draft);
  },
};

function narrowLocal(problems: Problems, config: DraftConfig): LocalConfig | undefined {
  const { mesh, multiClusterServices: mcs } = config;
  if (!mesh) problems.add("mesh", undefined, "is required by topology local", "declare mesh as in Pulumi.local.yaml");
  else if (mesh.installer !== "manifests")
    problems.add("mesh.installer", mesh.installer, "must be manifests for topology local (no Google fleet)", "set mesh.installer: manifests");
  if (!mcs) {
    problems.add("multiClusterServices", undefined, "is required by topology local", "add multiClusterServices with providerCluster and consumerCluster");
  } else if (mcs.providerCluster === mcs.consumerCluster) {
    problems.add("multiClusterServices.consumerCluster", mcs.consumerCluster, "is also the provider cluster", "import the service in a different cluster");
  }
  const clusters: ExistingClusterSpec[] = [];
  config.clusters.forEach((c) => {
    if (c.platform === "existing") clusters.push(c);
    else
      problems.add(
        `clusters[${config.clusterNames.indexOf(c.name)}].platform`,
        c.platform,
        "must be existing for topology local",
        "give each cluster a kubeconfig (platform: existing)",
      );
  });
  if (config.clusterNames.length < 2) {
    problems.add("clusters", config.clusterNames.length, "must hold at least two clusters for topology local", "add a second cluster with its own kubeconfig");
  }
  if (!mesh || !mcs) return undefined;
  return { topology: "local", networks: config.networks, vpnLinks: [], clusters, mesh, verify: config.verify, multiClusterServices: mcs };
}
