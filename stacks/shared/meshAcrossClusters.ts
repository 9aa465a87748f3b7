import * as pulumi from "@pulumi/pulumi";
import { CrossNetworkGateway } from "../../components/mesh/crossNetworkGateway";
import { MeshCluster } from "../../components/mesh/meshCluster";
import { MeshNamespaces } from "../../components/mesh/meshNamespaces";
import { RemoteSecrets } from "../../components/mesh/remoteSecrets";
import { MeshVerification } from "../../components/verify/meshVerification";
import { MeshSpec, VerifySpec } from "../../config/types";

/** Installs the control plane and east-west gateway of one cluster; returns what later steps wait for. */
export type ControlPlaneInstaller = (cluster: MeshCluster, namespaces: MeshNamespaces) => pulumi.Resource[];

export interface MeshAcrossClustersArgs {
  readonly clusters: readonly MeshCluster[];
  readonly mesh: MeshSpec;
  readonly verify: VerifySpec;
  readonly installControlPlane: ControlPlaneInstaller;
  /** Run the verification calls (needs running pods). */
  readonly probe: boolean;
}

export interface MeshResult {
  readonly answers: pulumi.Output<Record<string, Record<string, number>>>;
}

/**
 * The same mesh on every cluster: namespaces and network labels first (the install keeps
 * them), the control plane and east-west gateway, the cross-network Gateway, remote secrets
 * for every ordered pair, then the verification workloads and calls.
 */
export function meshAcrossClusters(args: MeshAcrossClustersArgs): MeshResult {
  const ready: Record<string, pulumi.Resource[]> = {};
  const gateways: pulumi.Resource[] = [];
  for (const cluster of args.clusters) {
    const namespaces = new MeshNamespaces(`${cluster.name}-mesh-ns`, {
      provider: cluster.provider,
      meshNetwork: cluster.meshNetwork,
      revision: args.mesh.revision,
      gatewayNamespace: args.mesh.gatewayNamespace,
      workloadNamespaces: args.mesh.workloadNamespaces,
    });
    ready[cluster.name] = args.installControlPlane(cluster, namespaces);
    gateways.push(
      new CrossNetworkGateway(
        `${cluster.name}-cross-network`,
        {
          provider: cluster.provider,
          namespace: args.mesh.gatewayNamespace,
        },
        { dependsOn: ready[cluster.name] },
      ),
    );
  }
  const remoteSecrets = new RemoteSecrets("remote-secrets", { clusters: args.clusters, readerReady: ready });
  if (!args.verify.enabled) return { answers: pulumi.output<Record<string, Record<string, number>>>({}) };
  const verification = new MeshVerification("verify", {
    clusters: args.clusters,
    namespace: args.verify.namespace,
    v1Cluster: args.verify.v1Cluster,
    v2Cluster: args.verify.v2Cluster,
    requests: args.verify.requests,
    probe: args.probe,
    skipAwait: args.verify.skipAwait,
    after: [...gateways, remoteSecrets, ...Object.values(ready).flat()],
  });
  return { answers: verification.answers };
}
