import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterProvider } from "../../components/kubernetes/clusterProvider";
import { ClusterSpec } from "../../config/types";

/** A Kubernetes provider for a cluster this stack does not create, from its secret kubeconfig. */
export function existingClusterProvider(spec: ClusterSpec, kubeconfig: pulumi.Output<string>): k8s.Provider {
  return clusterProvider(`${spec.name}-k8s`, kubeconfig, undefined, spec.existing?.context);
}

/** The API server's port, from its URL (443 when the URL names none). */
export function apiServerPort(apiServer: string): number {
  const port = new URL(apiServer).port;
  return port === "" ? 443 : Number(port);
}
