import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterProvider } from "../../components/kubernetes/clusterProvider";
import { MeshCluster } from "../../components/mesh/meshCluster";
import { secretOutput } from "../../config/load";
import { ExistingClusterSpec } from "../../config/types";

/** A Kubernetes provider for a cluster this stack does not create, from its secret kubeconfig. */
export function existingClusterProvider(spec: ExistingClusterSpec, kubeconfig: pulumi.Output<string>, opts?: pulumi.CustomResourceOptions): k8s.Provider {
  return clusterProvider(`${spec.name}-k8s`, kubeconfig, opts, spec.existing.context);
}

/**
 * An existing cluster (bare metal, local) as a mesh member: its kubeconfig secret, its API server,
 * its gateway address, the namespaces it adopts. `providerOpts` holds back everything on it.
 */
export function existingMeshCluster(spec: ExistingClusterSpec, providerOpts?: pulumi.CustomResourceOptions): MeshCluster {
  const kubeconfig = secretOutput(spec.existing.kubeconfig);
  return {
    name: spec.name,
    meshNetwork: spec.meshNetwork,
    provider: existingClusterProvider(spec, kubeconfig, providerOpts),
    adoptNamespaces: spec.existing.adoptNamespaces,
    kubeconfig,
    apiServer: spec.existing.apiServer,
    asmTarget: { kind: "multicloud" },
    exposure: spec.eastWestAddress ? { kind: "address", address: spec.eastWestAddress } : { kind: "default" },
  };
}

/** The API server's port, from its URL (443 when the URL names none). */
export function apiServerPort(apiServer: string): number {
  const port = new URL(apiServer).port;
  return port === "" ? 443 : Number(port);
}
