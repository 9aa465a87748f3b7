import * as pulumi from "@pulumi/pulumi";
import { MeshSpec, VerifySpec } from "../../config/types";
import { MeshProbeResult, MeshVerification, NOT_PROBED } from "../verify/meshVerification";
import { ControlPlane, installControlPlane } from "./controlPlane";
import { CrossNetworkGateway } from "./crossNetworkGateway";
import { MeshCluster } from "./meshCluster";
import { MeshNamespaces } from "./meshNamespaces";
import { RemoteSecrets } from "./remoteSecrets";

export interface MeshArgs {
  /** Member clusters, each with its own Kubernetes provider. */
  readonly clusters: readonly MeshCluster[];
  /** Revision, namespaces and versions, as validated. */
  readonly mesh: MeshSpec;
  /** The verification workloads and calls. */
  readonly verify: VerifySpec;
  /** How the control plane gets onto each cluster. */
  readonly controlPlane: ControlPlane;
  /** Run the verification calls (needs running pods). @default true */
  readonly probe?: boolean;
}

/**
 * The same mesh on every cluster: namespaces and network labels first (the install keeps
 * them), the control plane and east-west gateway, the cross-network Gateway, remote secrets
 * for every ordered pair, then the verification workloads and calls.
 */
export class Mesh extends pulumi.ComponentResource {
  /** What the verification proved (empty answers when verification is off). */
  readonly answers: pulumi.Output<MeshProbeResult>;

  constructor(name: string, args: MeshArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:Mesh", name, {}, opts);
    // These resources were registered at the top level before the Mesh existed: the alias keeps their URNs.
    const child = { parent: this, aliases: [{ parent: pulumi.rootStackResource }] };
    const ready: Record<string, pulumi.Resource[]> = {};
    const gatewayAddresses: Record<string, pulumi.Output<string>> = {};
    const gateways: pulumi.Resource[] = [];
    const clusterIds: Record<string, pulumi.Output<string>> = {};
    for (const cluster of args.clusters) {
      const onCluster = { ...child, providers: [cluster.provider] };
      let controlPlaneRuns: (resources: pulumi.Resource[]) => void = () => undefined;
      const runningControlPlane = new Promise<pulumi.Resource[]>((resolve) => (controlPlaneRuns = resolve));
      const namespaces = new MeshNamespaces(
        `${cluster.name}-mesh-ns`,
        {
          meshNetwork: cluster.meshNetwork,
          revision: args.mesh.revision,
          gatewayNamespace: args.mesh.gatewayNamespace,
          workloadNamespaces: args.mesh.workloadNamespaces,
          after: runningControlPlane,
          adopt: cluster.adoptNamespaces,
        },
        onCluster,
      );
      const installed = installControlPlane(cluster, namespaces, args.mesh, args.controlPlane, child);
      controlPlaneRuns([installed.controlPlane]);
      ready[cluster.name] = installed.ready;
      gatewayAddresses[cluster.name] = installed.gatewayAddress;
      clusterIds[cluster.name] = installed.clusterId;
      gateways.push(
        new CrossNetworkGateway(`${cluster.name}-cross-network`, { namespace: args.mesh.gatewayNamespace }, { ...onCluster, dependsOn: ready[cluster.name] }),
      );
    }
    const remoteSecrets = new RemoteSecrets("remote-secrets", { clusters: args.clusters, after: ready, clusterIds }, child);
    this.answers = args.verify.enabled
      ? new MeshVerification(
          "verify",
          {
            clusters: args.clusters,
            namespace: args.verify.namespace,
            v1Cluster: args.verify.v1Cluster,
            v2Cluster: args.verify.v2Cluster,
            requests: args.verify.requests,
            probe: args.probe ?? true,
            skipAwait: args.verify.skipAwait,
            revision: args.mesh.revision,
            gatewayAddresses,
            after: [...gateways, remoteSecrets, ...Object.values(ready).flat()],
          },
          child,
        ).answers
      : pulumi.output(NOT_PROBED);
    this.registerOutputs({ answers: this.answers });
  }
}
