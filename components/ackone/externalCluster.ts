import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand, stringFields } from "../command/scriptCommand";
import { AlibabaCredentials, alibabaScriptEnv } from "./alibabaCredentials";

export interface ExternalClusterArgs {
  /** Name of the registered cluster in ACK. */
  readonly name: string;
  /** VPC the registered cluster belongs to (its agent reaches ACK through it over the VPN). */
  readonly vpcId: pulumi.Input<string>;
  /** The vSwitch of ACK's private agent endpoint (CreateCluster `vswitch_ids`, ExternalKubernetes). */
  readonly vswitchId: pulumi.Input<string>;
  /** Security group of that endpoint: it must admit GKE's ranges (AlibabaNetwork's group). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The agent connects to ACK's VPC endpoint (over the VPN) rather than the internet. */
  readonly privateEndpoint: boolean;
  /** Secret kubeconfig of the cluster being registered (GKE). */
  readonly kubeconfig: pulumi.Input<string>;
  /** Alibaba API credentials (secret) for the command scripts. */
  readonly credentials: AlibabaCredentials;
}

/**
 * A cluster outside Alibaba Cloud registered in ACK (no Pulumi resource exists for it): the
 * registration, tagged with this project and stack, then ACK's agent applied to the cluster,
 * which completes once ACK sees it run.
 */
export class ExternalCluster extends pulumi.ComponentResource {
  readonly clusterId: pulumi.Output<string>;
  /** Completes when ACK reports the registered cluster running. */
  readonly agent: ScriptCommand<Record<"ClusterId" | "State", string>>;

  constructor(name: string, args: ExternalClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:ackone:ExternalCluster", name, {}, opts);
    const env = alibabaScriptEnv(args.credentials);
    const registration = new ScriptCommand(
      `${name}-registration`,
      {
        script: "ackone/external-cluster.sh",
        result: stringFields("ClusterId"),
        // What scripts/ackone/external-cluster.sh sends for a private agent endpoint (cs/CreateCluster.json).
        environment: {
          ...env,
          EXTERNAL_NAME: args.name,
          EXTERNAL_VPC_ID: args.vpcId,
          EXTERNAL_VSWITCH_ID: args.vswitchId,
          EXTERNAL_SECURITY_GROUP_ID: args.securityGroupId,
          // The owner tag: only a registered cluster carrying it is adopted or deleted.
          EXTERNAL_OWNER: `${pulumi.getProject()}/${pulumi.getStack()}`,
        },
        replaceOn: [args.name, args.vpcId, args.vswitchId, args.securityGroupId, args.credentials.region],
      },
      { parent: this },
    );
    this.clusterId = registration.field("ClusterId");
    this.agent = new ScriptCommand(
      `${name}-agent`,
      {
        script: "ackone/cluster-agent.sh",
        // The script waits until ACK reports the cluster running, and fails with ACK's message otherwise.
        result: stringFields("ClusterId", "State"),
        environment: {
          ...env,
          AGENT_CLUSTER_ID: this.clusterId,
          AGENT_PRIVATE: String(args.privateEndpoint),
          KUBECONFIG_DATA: pulumi.secret(args.kubeconfig),
        },
        replaceOn: [this.clusterId, String(args.privateEndpoint)],
      },
      { parent: this, dependsOn: [registration] },
    );
    this.registerOutputs({ clusterId: this.clusterId });
  }
}
