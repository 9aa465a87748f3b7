import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { GkeSpec } from "../../config/types";
import { gkeKubeconfig } from "./kubeconfig";
import { clusterProvider } from "../kubernetes/clusterProvider";

export interface GkeClusterArgs {
  /** The validated settings of this resource. */
  readonly spec: GkeSpec;
  /** GCP project id. */
  readonly project: string;
  /** ASM's mesh id, `proj-<project number>`: set as the `mesh_id` label, and the cluster joins the fleet. Absent: no mesh. @default none */
  readonly meshId?: pulumi.Input<string>;
  /** VPC network id. */
  readonly network: pulumi.Input<string>;
  /** Subnetwork id the nodes use. */
  readonly subnet: pulumi.Input<string>;
  /** Secondary range name for pods. */
  readonly podRangeName: string;
  /** Secondary range name for services. */
  readonly serviceRangeName: string;
  /**
   * GKE version the control plane starts at (`minMasterVersion`, a minor or a full version): the
   * release channel still upgrades patches, and a later minor when the channel moves on.
   * @default the channel's default at creation
   */
  readonly version?: string;
}

/**
 * A VPC-native GKE cluster with Workload Identity, a release channel and its own node pool,
 * registered in the project's fleet when it joins a mesh, plus a kubeconfig (secret) and a
 * Kubernetes provider. The control plane has a public endpoint (no private cluster config),
 * which the kubeconfig, the provider and the other clusters' remote secrets use.
 */
export class GkeCluster extends pulumi.ComponentResource {
  readonly cluster: gcp.container.Cluster;
  readonly nodePool: gcp.container.NodePool;
  readonly membership?: gcp.gkehub.Membership;
  /**
   * Secret, as every kubeconfig in this stack: it holds no token (gke-gcloud-auth-plugin gets one
   * at each call), only the public endpoint and its CA, which the stack does not publish either.
   */
  readonly kubeconfig: pulumi.Output<string>;
  readonly provider: k8s.Provider;
  /** `https://<public endpoint>` for remote secrets. */
  readonly apiServer: pulumi.Output<string>;
  readonly caData: pulumi.Output<string>;

  constructor(name: string, args: GkeClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:gke:GkeCluster", name, {}, opts);
    const { spec } = args;
    this.cluster = new gcp.container.Cluster(
      `${name}-cluster`,
      {
        name: spec.clusterName,
        location: spec.location,
        network: args.network,
        subnetwork: args.subnet,
        networkingMode: "VPC_NATIVE",
        ipAllocationPolicy: { clusterSecondaryRangeName: args.podRangeName, servicesSecondaryRangeName: args.serviceRangeName },
        workloadIdentityConfig: { workloadPool: `${args.project}.svc.id.goog` },
        releaseChannel: { channel: spec.releaseChannel },
        minMasterVersion: args.version,
        resourceLabels: args.meshId === undefined ? undefined : { mesh_id: args.meshId },
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        deletionProtection: spec.deletionProtection,
      },
      { parent: this },
    );

    this.nodePool = new gcp.container.NodePool(
      `${name}-nodes`,
      {
        name: `${spec.clusterName}-pool`.slice(0, 40),
        cluster: this.cluster.id,
        location: spec.location,
        nodeCount: spec.nodeCount,
        nodeConfig: {
          machineType: spec.machineType,
          oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
          workloadMetadataConfig: { mode: "GKE_METADATA" },
        },
        management: { autoRepair: true, autoUpgrade: true },
      },
      { parent: this },
    );

    if (args.meshId !== undefined) {
      this.membership = new gcp.gkehub.Membership(
        `${name}-fleet`,
        {
          membershipId: spec.clusterName,
          location: "global",
          endpoint: { gkeCluster: { resourceLink: pulumi.interpolate`//container.googleapis.com/${this.cluster.id}` } },
          authority: { issuer: pulumi.interpolate`https://container.googleapis.com/v1/${this.cluster.id}` },
        },
        { parent: this },
      );
    }

    this.apiServer = pulumi.interpolate`https://${this.cluster.endpoint}`;
    this.caData = this.cluster.masterAuth.clusterCaCertificate.apply((ca) => ca ?? "");
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([this.apiServer, this.caData])
        .apply(([server, caData]) => gkeKubeconfig({ name: `gke_${args.project}_${spec.location}_${spec.clusterName}`, server, caData })),
    );
    this.provider = clusterProvider(`${name}-k8s`, this.kubeconfig, { parent: this, dependsOn: [this.nodePool] });
    this.registerOutputs({ kubeconfig: this.kubeconfig, apiServer: this.apiServer });
  }
}
