import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { GkeSpec } from "../../config/types";
import { gkeNodePoolName, gkeNodeTag, nodeServiceAccountId } from "../../lib/naming";
import { gkeKubeconfig } from "./kubeconfig";
import { clusterProvider } from "../kubernetes/clusterProvider";
import { NODE_OAUTH_SCOPES, NODE_ROLES, controlPlaneAccess } from "./controlPlaneAccess";

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
  /**
   * What must exist before Pulumi can reach a control plane without a public endpoint: the VPN
   * links, when Pulumi runs on the far side of them. The Kubernetes provider waits for them.
   * @default nothing
   */
  readonly reachableAfter?: readonly pulumi.Resource[];
}

/**
 * A VPC-native GKE cluster with Workload Identity, a release channel and its own node pool,
 * registered in the project's fleet when it joins a mesh, plus a kubeconfig (secret) and a
 * Kubernetes provider. The control plane answers on its private endpoint only, unless
 * `spec.authorizedNetworks` opens the public endpoint to named ranges (components/gke/
 * controlPlaneAccess.ts); the VPN peers always use the private endpoint. The nodes run as a
 * service account of their own with the least roles (`spec.nodeServiceAccount`), and carry a
 * network tag that the firewall rules meant for them target.
 */
export class GkeCluster extends pulumi.ComponentResource {
  readonly cluster: gcp.container.Cluster;
  readonly nodePool: gcp.container.NodePool;
  /** The nodes' own service account (`nodeServiceAccount: dedicated`). */
  readonly nodeServiceAccount?: gcp.serviceaccount.Account;
  readonly membership?: gcp.gkehub.Membership;
  /**
   * Secret, as every kubeconfig in this stack: it holds no token (gke-gcloud-auth-plugin gets one
   * at each call), only the endpoint Pulumi uses and its CA, which the stack does not publish either.
   */
  readonly kubeconfig: pulumi.Output<string>;
  readonly provider: k8s.Provider;
  /**
   * `https://<endpoint>` that Pulumi's kubeconfig names: the private endpoint, or the public one
   * while `authorizedNetworks` opens it (GKE's `endpoint` is the address clients use:
   * PrivateClusterConfig.enablePrivateEndpoint, "Whether the master's internal IP address is used
   * as the cluster endpoint", container v1 API).
   */
  readonly apiServer: pulumi.Output<string>;
  /** The control plane's private endpoint (an address in the cluster's subnet): what the VPN peers reach. */
  readonly privateEndpoint: pulumi.Output<string>;
  /** `https://<private endpoint>`: what the other clusters' istiod read through their remote secrets. */
  readonly privateApiServer: pulumi.Output<string>;
  readonly caData: pulumi.Output<string>;
  /** The network tag on every node. */
  readonly nodeTag: string;

  constructor(name: string, args: GkeClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:gke:GkeCluster", name, {}, opts);
    const { spec } = args;
    const child = { parent: this };
    this.nodeTag = gkeNodeTag(spec.clusterName);
    const access = controlPlaneAccess(spec.authorizedNetworks);
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
        privateClusterConfig: access.privateClusterConfig,
        masterAuthorizedNetworksConfig: { ...access.masterAuthorizedNetworksConfig, cidrBlocks: [...access.masterAuthorizedNetworksConfig.cidrBlocks] },
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        deletionProtection: spec.deletionProtection,
      },
      child,
    );

    // A dedicated account gets its roles before its nodes start. Its pool has a URN and a GKE
    // name of its own, so a stack whose pool ran as Compute Engine's default account gets the new
    // pool created first and the old one deleted at the end of the same `up` (the engine deletes
    // what the program no longer registers last); replacing the old pool in place would delete it
    // first, leaving the cluster without nodes (the node pool's name is given, so the bridge
    // replaces it delete-before-replace, and `nodeConfig.serviceAccount` is ForceNew:
    // terraform-provider-google-beta release-7.46.0 services/container/node_config.go).
    let nodeIdentity: { serviceAccount?: pulumi.Output<string> } = {};
    let grants: pulumi.Resource[] = [];
    if (spec.nodeServiceAccount === "dedicated") {
      this.nodeServiceAccount = new gcp.serviceaccount.Account(
        `${name}-node-sa`,
        {
          project: args.project,
          accountId: nodeServiceAccountId(spec.clusterName),
          displayName: `Nodes of GKE cluster ${spec.clusterName}`,
          description: "Least-privilege node service account (logs, metrics, image pulls).",
        },
        child,
      );
      const member = this.nodeServiceAccount.member;
      grants = NODE_ROLES.map(
        (role) => new gcp.projects.IAMMember(`${name}-node-${role.replace(/^roles\//, "")}`, { project: args.project, role, member }, child),
      );
      nodeIdentity = { serviceAccount: this.nodeServiceAccount.email };
    }
    this.nodePool = new gcp.container.NodePool(
      spec.nodeServiceAccount === "dedicated" ? `${name}-node-pool` : `${name}-nodes`,
      {
        name: gkeNodePoolName(spec.clusterName, spec.nodeServiceAccount),
        cluster: this.cluster.id,
        location: spec.location,
        nodeCount: spec.nodeCount,
        nodeConfig: {
          machineType: spec.machineType,
          ...nodeIdentity,
          oauthScopes: [...NODE_OAUTH_SCOPES],
          workloadMetadataConfig: { mode: "GKE_METADATA" },
          // Updated in place on an existing pool (node_config.go: UpdateNodePoolRequest Tags).
          tags: [this.nodeTag],
        },
        management: { autoRepair: true, autoUpgrade: true },
      },
      { parent: this, dependsOn: grants },
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
        child,
      );
    }

    this.apiServer = pulumi.interpolate`https://${this.cluster.endpoint}`;
    const clusterName = spec.clusterName;
    this.privateEndpoint = this.cluster.privateClusterConfig.apply((config) => {
      if (!config?.privateEndpoint)
        throw new pulumi.ResourceError(
          `GKE cluster ${clusterName} reports no private endpoint, which the VPN peers and a private control plane use: it is not a Private Service Connect cluster (one made before 2022-03-15, or given a control-plane range of its own). Recreate it with this stack: pulumi up --replace <the URN of ${name}-cluster>`,
          this,
        );
      return config.privateEndpoint;
    });
    this.privateApiServer = pulumi.interpolate`https://${this.privateEndpoint}`;
    this.caData = this.cluster.masterAuth.clusterCaCertificate.apply((ca) => ca ?? "");
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([this.apiServer, this.caData])
        .apply(([server, caData]) => gkeKubeconfig({ name: `gke_${args.project}_${spec.location}_${spec.clusterName}`, server, caData })),
    );
    // The cluster's id names the cluster: a kubeconfig that moves between the public and the
    // private endpoint updates the provider instead of replacing every object made through it,
    // once the identifier is in the state (pulumi-kubernetes v4.34.2 provider/pkg/provider/
    // provider.go DiffConfig: no replacement while clusterIdentifier is unchanged; adding it
    // compares the kubeconfig as before).
    const reachable = spec.authorizedNetworks.length === 0 ? (args.reachableAfter ?? []) : [];
    this.provider = clusterProvider(`${name}-k8s`, this.kubeconfig, { parent: this, dependsOn: [this.nodePool, ...reachable] }, undefined, this.cluster.id);
    this.registerOutputs({ kubeconfig: this.kubeconfig, apiServer: this.apiServer, privateApiServer: this.privateApiServer });
  }
}
