import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { ALIBABA_PLATFORMS, AlibabaClusterSpec } from "../../config/types";
import { AskCluster } from "./askCluster";

/**
 * The platform's name in the stack file (`clusters[].platform`). `acs`: an ACS cluster (what a new
 * account creates today). `ack-pro`: ACK managed Pro with virtual nodes (pods on ECI) and Terway.
 * `ask`: ACK Serverless, only for accounts that had one before 2025-02-17
 * (alibabacloud.com/help/en/doc-detail/86366).
 */
export type AlibabaClusterKind = AlibabaClusterSpec["platform"];

export interface AlibabaClusterArgs {
  /** The cluster's name in Alibaba (unique in the account). */
  readonly clusterName: string;
  /** Which kind of cluster. @default "acs" */
  readonly kind?: AlibabaClusterKind;
  /** The VPC (ASK takes it; ACS and ACK find it from the vSwitches). */
  readonly vpcId: pulumi.Input<string>;
  /** The control plane's vSwitches. */
  readonly vswitchIds: pulumi.Input<string>[];
  /**
   * `ack-pro` only: the vSwitches pods take their addresses from (Terway), so that
   * GKE reaches them over the VPN. ACS and ASK pods take addresses from `vswitchIds`.
   * @default vswitchIds
   */
  readonly podVswitchIds?: pulumi.Input<string>[];
  /** A security group that admits GKE's node, pod and service ranges (AlibabaNetwork's). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The Service range; must not overlap the VPC or any GKE range. */
  readonly serviceCidr: string;
  /** A public API endpoint (an EIP); off keeps the API server inside the VPC. @default false */
  readonly endpointPublicAccess?: boolean;
  /** Refuse deletion in Alibaba; off in dev so that `pulumi destroy` can remove the cluster. @default true */
  readonly deletionProtection?: boolean;
  /** A NAT gateway for pulling public images. @default true */
  readonly newNatGateway?: boolean;
  /** Kubernetes version. @default undefined (the newest at creation, never upgraded implicitly) */
  readonly version?: string;
  /**
   * Fetch a kubeconfig (an admin client certificate) valid this many minutes, 15 to 4320 (ACK's
   * TemporaryDurationMinutes, cs/DescribeClusterUserKubeconfig.json), for a stack that calls the
   * cluster's API itself. Without it ACK would issue one valid for years.
   * @default undefined (no kubeconfig is fetched: `kubeconfig` is undefined)
   */
  readonly temporaryDurationMinutes?: number;
}

/** ACK's bounds for a temporary kubeconfig (cs/DescribeClusterUserKubeconfig.json, TemporaryDurationMinutes). */
export const KUBECONFIG_MINUTES = { min: 15, max: 4320 } as const;

/** Problems with the arguments, each naming the argument, the value and the fix. */
export function checkAlibabaClusterArgs(args: AlibabaClusterArgs): string[] {
  const kind = args.kind ?? "acs";
  const problems: string[] = [];
  if (!ALIBABA_PLATFORMS.includes(kind)) problems.push(`kind: '${String(kind)}' is not a cluster kind; use one of ${ALIBABA_PLATFORMS.join(", ")}`);
  if (args.vswitchIds.length === 0) problems.push("vswitchIds: empty; give at least one vSwitch of the VPC");
  const minutes = args.temporaryDurationMinutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= KUBECONFIG_MINUTES.min && minutes <= KUBECONFIG_MINUTES.max))
    problems.push(
      `temporaryDurationMinutes: ${minutes} is outside ACK's ${KUBECONFIG_MINUTES.min} to ${KUBECONFIG_MINUTES.max} minutes; give a whole number in that range`,
    );
  return problems;
}

/**
 * Resources the cluster creates for itself (Service load balancers, log projects), removed with
 * it. `deleteOptions` accepts these four types (provider schema cs.ManagedKubernetesDeleteOption).
 */
const DELETE_CREATED = ["SLB", "ALB", "SLS_Data", "SLS_ControlPlane"].map((resourceType) => ({ resourceType, deleteMode: "delete" }));

/**
 * The Alibaba cluster that runs the exported app (the exporting cluster of multi-cluster
 * services). Pods get vSwitch addresses (no overlay), so GKE reaches them over the VPN. A kubeconfig is fetched only when asked for
 * (`temporaryDurationMinutes`), as a secret; no Kubernetes provider is made here, because the
 * API server is private unless `endpointPublicAccess` is on.
 */
export class AlibabaCluster extends pulumi.ComponentResource {
  readonly kind: AlibabaClusterKind;
  readonly clusterId: pulumi.Output<string>;
  /** Secret: it carries a client certificate. Undefined unless `temporaryDurationMinutes` was given. */
  readonly kubeconfig: pulumi.Output<string> | undefined;

  constructor(name: string, args: AlibabaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = checkAlibabaClusterArgs(args);
    if (problems.length > 0) throw new Error(`AlibabaCluster ${name}:\n  ${problems.join("\n  ")}`);
    // Formerly ProviderCluster: the alias keeps every URN under it.
    super(
      "multicloud-mesh:alibaba:AlibabaCluster",
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: "multicloud-mesh:alibaba:ProviderCluster" }] },
    );
    this.kind = args.kind ?? "acs";
    const endpointPublicAccess = args.endpointPublicAccess ?? false;
    const deletionProtection = args.deletionProtection ?? true;

    if (this.kind === "ask") {
      // The stack created AskCluster at its root before: the alias keeps its URN, so adopting
      // this component replaces nothing. Name this component as the AskCluster was named.
      const ask = new AskCluster(
        name,
        {
          spec: { platform: "ask", clusterName: args.clusterName, endpointPublicAccess, deletionProtection },
          vpcId: args.vpcId,
          vswitchIds: args.vswitchIds,
          securityGroupId: args.securityGroupId,
          serviceCidr: args.serviceCidr,
        },
        { parent: this, aliases: [{ parent: pulumi.rootStackResource }] },
      );
      this.clusterId = ask.cluster.id;
    } else {
      const acs = this.kind === "acs";
      // CreateCluster body as the provider sends it (terraform-provider-alicloud
      // alicloud/resource_alicloud_cs_managed_kubernetes.go): no master_* / worker_* fields,
      // which ACK stops accepting from 2026-07-04; no deprecated load_balancer_spec or
      // worker_vswitch_ids.
      const cluster = new alicloud.cs.ManagedKubernetes(
        `${name}-cluster`,
        {
          name: args.clusterName,
          profile: acs ? "Acs" : "Default",
          // ACS too: the provider's own ACS acceptance test creates it with ack.pro.small
          // (alicloud/resource_alicloud_cs_managed_kubernetes_test.go).
          clusterSpec: "ack.pro.small",
          version: args.version,
          vswitchIds: args.vswitchIds,
          podVswitchIds: acs ? undefined : (args.podVswitchIds ?? args.vswitchIds),
          securityGroupId: args.securityGroupId,
          serviceCidr: args.serviceCidr,
          slbInternetEnabled: endpointPublicAccess,
          newNatGateway: args.newNatGateway ?? true,
          deletionProtection,
          deleteOptions: DELETE_CREATED,
          // ACS brings its own pod networking and serverless capacity; ACK Pro needs Terway
          // (pods on vSwitch addresses) and the virtual-node component (pods on ECI).
          addons: acs ? undefined : [{ name: "terway-eniip" }, { name: "ack-virtual-node" }],
        },
        { parent: this },
      );
      this.clusterId = cluster.id;
    }
    const minutes = args.temporaryDurationMinutes;
    // alicloud.cs.getClusterCredential calls DescribeClusterUserKubeconfig, which mints a
    // credential on every call: only when the stack uses it, and bounded.
    this.kubeconfig =
      minutes === undefined
        ? undefined
        : pulumi.secret(alicloud.cs.getClusterCredentialOutput({ clusterId: this.clusterId, temporaryDurationMinutes: minutes }, { parent: this }).kubeConfig);
    this.registerOutputs({ clusterId: this.clusterId });
  }
}
