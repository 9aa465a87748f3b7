/** What only the local topology (two existing clusters, no cloud) reads and checks. */
import { readMcsApp } from "./mcsApp";
import { Problems, Reader } from "./problems";
import { ClusterSpec, MultiClusterServicesSpec, StackConfig } from "./types";

export function readMultiClusterServices(r: Reader | undefined, clusters: readonly ClusterSpec[]): MultiClusterServicesSpec | undefined {
  if (!r) return undefined;
  const names = clusters.map((c) => c.name);
  return {
    providerCluster: r.oneOf("providerCluster", names),
    consumerCluster: r.oneOf("consumerCluster", names),
    app: readMcsApp(r),
  };
}

export function checkLocal(problems: Problems, config: StackConfig): void {
  const mcs = config.multiClusterServices;
  if (config.topology !== "local") {
    if (mcs)
      problems.add(
        "multiClusterServices",
        "(set)",
        `is read only by topology local, not ${config.topology}`,
        "remove multiClusterServices from the stack file",
      );
    return;
  }
  if (!mcs) {
    problems.add("multiClusterServices", undefined, "is required by topology local", "add multiClusterServices with providerCluster and consumerCluster");
  } else if (mcs.providerCluster === mcs.consumerCluster) {
    problems.add("multiClusterServices.consumerCluster", mcs.consumerCluster, "is also the provider cluster", "import the service in a different cluster");
  }
  if (config.clusters.length < 2) {
    problems.add("clusters", config.clusters.length, "must hold at least two clusters for topology local", "add a second cluster with its own kubeconfig");
  }
}
