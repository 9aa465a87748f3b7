import * as alicloud from "@pulumi/alicloud";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand, stringFields } from "../command/scriptCommand";
import { AlibabaCredentials, alibabaScriptEnv } from "./alibabaCredentials";
import { clusterProvider } from "../kubernetes/clusterProvider";

export interface AckOneHubArgs {
  /** Name of the ACK One fleet (hub) cluster. */
  readonly hubName: string;
  /** The Alibaba VPC the resources live in. */
  readonly vpcId: pulumi.Input<string>;
  /** vSwitches (one per zone) the resources attach to. */
  readonly vswitchIds: pulumi.Input<string>[];
  /** The kubeconfig names the hub's VPC endpoint instead of its public one. */
  readonly privateEndpoint: boolean;
  /** Alibaba API credentials (secret) for the command scripts. */
  readonly credentials: AlibabaCredentials;
}

/**
 * The ACK One fleet: the hub cluster, its kubeconfig (fetched with the aliyun CLI, kept secret)
 * and a Kubernetes provider for the hub's API (distribution and multi-cluster Service objects).
 * The alicloud provider comes through the resource options (`providers`). Members attach after
 * a guard (scripts/ackone/fleet-members.sh) whose delete runs after every detach and before the
 * hub's delete: it waits until the hub lists no member.
 */
export class AckOneHub extends pulumi.ComponentResource {
  readonly hub: alicloud.ackone.Cluster;
  /** Secret. */
  readonly kubeconfig: pulumi.Output<string>;
  readonly k8sProvider: k8s.Provider;
  private readonly fleetMembers: ScriptCommand<Record<"HubId", string>>;

  constructor(name: string, args: AckOneHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:ackone:AckOneHub", name, {}, opts);
    this.hub = new alicloud.ackone.Cluster(
      `${name}-hub`,
      {
        clusterName: args.hubName,
        network: { vpcId: args.vpcId, vswitches: args.vswitchIds },
        // Argo CD must be off before the hub can be deleted; the seed distributes with KubeVela.
        argocdEnabled: false,
      },
      { parent: this },
    );
    const kubeconfig = new ScriptCommand(
      `${name}-kubeconfig`,
      {
        script: "scripts/ackone/hub-kubeconfig.sh",
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
        script: "scripts/ackone/fleet-members.sh",
        result: stringFields("HubId"),
        environment: { ...alibabaScriptEnv(args.credentials), HUB_CLUSTER_ID: this.hub.id },
        replaceOn: [this.hub.id],
      },
      { parent: this },
    );
    this.kubeconfig = pulumi.secret(kubeconfig.field("kubeconfig"));
    this.k8sProvider = clusterProvider(`${name}-k8s`, this.kubeconfig, { parent: this });
    this.registerOutputs({ hubId: this.hub.id });
  }

  /** Attaches a member cluster (the Alibaba provider cluster, or a registered external cluster) to the fleet. */
  attach(name: string, clusterId: pulumi.Input<string>, dependsOn: pulumi.Resource[] = []): alicloud.ackone.MembershipAttachment {
    return new alicloud.ackone.MembershipAttachment(
      name,
      {
        clusterId: this.hub.id,
        subClusterId: clusterId,
      },
      { parent: this, dependsOn: [this.fleetMembers, ...dependsOn] },
    );
  }
}
