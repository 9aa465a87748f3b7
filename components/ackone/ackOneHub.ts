import * as alicloud from "@pulumi/alicloud";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { NO_RESULT, ScriptCommand, stringFields } from "../command/scriptCommand";
import { AlibabaCredentials, alibabaScriptEnv } from "./alibabaCredentials";

export interface AckOneHubArgs {
  /** Name of the ACK One fleet (hub) cluster. */
  readonly hubName: string;
  /** The Alibaba VPC the resources live in. */
  readonly vpcId: pulumi.Input<string>;
  /** vSwitches the hub attaches to: one per zone, or the hub's own. */
  readonly vswitchIds: pulumi.Input<string>[];
  /**
   * The vSwitches are the hub's alone: destroy waits, between the hub's delete and theirs, until
   * what the hub left in them is released (scripts/alibaba/vswitch-release.sh). With shared
   * vSwitches other users' resources would hold that wait.
   * @default false
   */
  readonly ownVswitches?: boolean;
  /**
   * The kubeconfig names the hub's VPC endpoint (reachable over the VPN or from the VPC); false
   * turns on the hub's public endpoint (an EIP, open to the internet) and names that.
   */
  readonly privateEndpoint: boolean;
  /** Alibaba API credentials (secret) for the command scripts. */
  readonly credentials: AlibabaCredentials;
}

/**
 * The ACK One fleet: the hub cluster, its kubeconfig (fetched with the aliyun CLI, kept secret)
 * and a Kubernetes provider for the hub's API (distribution and multi-cluster Service objects).
 * The alicloud provider comes through the resource options (`providers`).
 *
 * The hub refuses a change while it is updating (IncorrectClusterState) and the provider retries
 * only throttling, so the changes to the hub form one chain: the kubeconfig command (which may
 * turn the public endpoint on with UpdateHubClusterFeature), then a guard
 * (scripts/ackone/fleet-members.sh), then each attachment in turn. Destroy runs the chain
 * backwards: each detach in turn, the guard waiting until the hub lists no member, then the
 * endpoint's shutdown, then the hub.
 */
export class AckOneHub extends pulumi.ComponentResource {
  readonly hub: alicloud.ackone.Cluster;
  /** Secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** The Kubernetes provider of the hub's API. */
  readonly provider: k8s.Provider;
  private readonly fleetMembers: ScriptCommand<Record<"HubId", string>>;
  /** The last change made to the hub: the next one waits for it. */
  private lastChange: pulumi.Resource;

  constructor(name: string, args: AckOneHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:ackone:AckOneHub", name, {}, opts);
    const vswitchRelease = args.ownVswitches
      ? [
          new ScriptCommand(
            `${name}-vswitch-release`,
            {
              script: "alibaba/vswitch-release.sh",
              result: NO_RESULT,
              environment: {
                ...alibabaScriptEnv(args.credentials),
                VSWITCH_IDS: pulumi.all(args.vswitchIds).apply((ids) => ids.join(" ")),
              },
              replaceOn: args.vswitchIds,
            },
            { parent: this },
          ),
        ]
      : [];
    this.hub = new alicloud.ackone.Cluster(
      `${name}-hub`,
      {
        clusterName: args.hubName,
        network: { vpcId: args.vpcId, vswitches: args.vswitchIds },
        // Argo CD must be off before the hub can be deleted; the stack distributes with PropagationPolicy or KubeVela.
        argocdEnabled: false,
      },
      // On destroy the hub goes first, then the release guard waits, then its vSwitch goes.
      { parent: this, dependsOn: vswitchRelease },
    );
    const kubeconfig = new ScriptCommand(
      `${name}-kubeconfig`,
      {
        script: "ackone/hub-kubeconfig.sh",
        result: stringFields("kubeconfig"),
        environment: {
          ...alibabaScriptEnv(args.credentials),
          HUB_CLUSTER_ID: this.hub.id,
          HUB_PRIVATE: String(args.privateEndpoint),
        },
        replaceOn: [this.hub.id, String(args.privateEndpoint)],
        secretStdout: true,
      },
      { parent: this },
    );
    this.fleetMembers = new ScriptCommand(
      `${name}-fleet-members`,
      {
        script: "ackone/fleet-members.sh",
        result: stringFields("HubId"),
        environment: { ...alibabaScriptEnv(args.credentials), HUB_CLUSTER_ID: this.hub.id },
        replaceOn: [this.hub.id],
      },
      // After the kubeconfig command: on destroy, the endpoint's shutdown waits for every detach.
      { parent: this, dependsOn: [kubeconfig] },
    );
    this.lastChange = this.fleetMembers;
    this.kubeconfig = pulumi.secret(kubeconfig.field("kubeconfig"));
    // The hub's id names its cluster: the provider is replaced (and every hub object with it)
    // only when the hub is, not when its kubeconfig moves between the public and the private
    // endpoint (pulumi-kubernetes provider/pkg/provider/provider.go, DiffConfig, clusterIdentifier).
    // deleteUnreachable as clusterProvider sets it: a destroy finishes when the hub is gone.
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig, deleteUnreachable: true, clusterIdentifier: this.hub.id }, { parent: this });
    this.registerOutputs({ hubId: this.hub.id });
  }

  /**
   * Attaches a member cluster (the Alibaba provider cluster, or a registered external cluster) to
   * the fleet, after the previous change to the hub (attachments are made in the order of the calls).
   */
  attach(name: string, clusterId: pulumi.Input<string>, dependsOn: pulumi.Resource[] = []): alicloud.ackone.MembershipAttachment {
    const attachment = new alicloud.ackone.MembershipAttachment(
      name,
      {
        clusterId: this.hub.id,
        subClusterId: clusterId,
      },
      { parent: this, dependsOn: [...new Set([this.fleetMembers, this.lastChange]), ...dependsOn] },
    );
    this.lastChange = attachment;
    return attachment;
  }
}
