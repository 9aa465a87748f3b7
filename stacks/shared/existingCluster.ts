import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterSpec } from "../../config/types";

/** A Kubernetes provider for a cluster this stack does not create, from its secret kubeconfig. */
export function existingClusterProvider(spec: ClusterSpec, kubeconfig: pulumi.Output<string>): k8s.Provider {
  return new k8s.Provider(`${spec.name}-k8s`, {
    kubeconfig,
    context: spec.existing?.context,
    // Lets `pulumi destroy` finish when the cluster is already gone.
    deleteUnreachable: true,
  });
}

/** The API server's port, from its URL (443 when the URL names none). */
export function apiServerPort(apiServer: string): number {
  const port = new URL(apiServer).port;
  return port === "" ? 443 : Number(port);
}
