import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { AskSpec } from "../../config/types";

export interface AskClusterArgs {
  /** The validated settings of this resource. */
  readonly spec: AskSpec;
  /** The Alibaba VPC the resources live in. */
  readonly vpcId: pulumi.Input<string>;
  /** vSwitches (one per zone) the resources attach to. */
  readonly vswitchIds: pulumi.Input<string>[];
  /** Security group the cluster's pods and nodes use. */
  readonly securityGroupId: pulumi.Input<string>;
  /** Service range of the cluster (outside every other range). */
  readonly serviceCidr: string;
}

/**
 * An Alibaba serverless Kubernetes (ASK) cluster in the given vSwitches. The alicloud provider
 * comes through the resource options (`providers`). Its kubeconfig, when the stack needs one, is
 * fetched by AlibabaCluster. No Kubernetes provider: the API server is private unless
 * `endpointPublicAccess` is on.
 */
export class AskCluster extends pulumi.ComponentResource {
  readonly cluster: alicloud.cs.ServerlessKubernetes;

  constructor(name: string, args: AskClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:alibaba:AskCluster", name, {}, opts);
    const { spec } = args;
    this.cluster = new alicloud.cs.ServerlessKubernetes(
      `${name}-cluster`,
      {
        name: spec.clusterName,
        clusterSpec: "ack.pro.small",
        vpcId: args.vpcId,
        vswitchIds: args.vswitchIds,
        securityGroupId: args.securityGroupId,
        serviceCidr: args.serviceCidr,
        endpointPublicAccessEnabled: spec.endpointPublicAccess,
        // A NAT gateway, for pulling the app's images from public registries.
        newNatGateway: true,
        privateZone: false,
        deletionProtection: spec.deletionProtection,
        deleteOptions: [
          { resourceType: "SLB", deleteMode: "delete" },
          { resourceType: "ALB", deleteMode: "delete" },
          { resourceType: "SLS_Data", deleteMode: "delete" },
          { resourceType: "SLS_ControlPlane", deleteMode: "delete" },
          { resourceType: "PrivateZone", deleteMode: "delete" },
        ],
      },
      { parent: this },
    );
    this.registerOutputs({ clusterId: this.cluster.id });
  }
}
