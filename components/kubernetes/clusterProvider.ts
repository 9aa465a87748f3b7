import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * A Kubernetes provider for one cluster, from its secret kubeconfig. `deleteUnreachable` lets
 * `pulumi destroy` finish when the cluster is already gone.
 */
export function clusterProvider(name: string, kubeconfig: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions, context?: string): k8s.Provider {
  return new k8s.Provider(name, { kubeconfig, context, deleteUnreachable: true }, opts);
}
