import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * A Kubernetes provider for one cluster, from its secret kubeconfig. `deleteUnreachable` lets
 * `pulumi destroy` finish when the cluster is already gone. `clusterIdentifier` names the cluster
 * for good: a kubeconfig that moves to another address of the same cluster then updates the
 * provider instead of replacing every object made through it.
 */
export function clusterProvider(
  name: string,
  kubeconfig: pulumi.Input<string>,
  opts?: pulumi.CustomResourceOptions,
  context?: string,
  clusterIdentifier?: pulumi.Input<string>,
): k8s.Provider {
  return new k8s.Provider(name, { kubeconfig, context, deleteUnreachable: true, clusterIdentifier }, opts);
}
