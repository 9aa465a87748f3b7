import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand, stringFields } from "../command/scriptCommand";
import { eastWestOperator } from "./eastWestOperator";
import { MeshCluster } from "./meshCluster";

export interface EastWestGatewayArgs {
  /** The mesh member cluster this is installed on. */
  readonly cluster: MeshCluster;
  /** Mesh revision label (istio.io/rev). */
  readonly revision: string;
  /** Namespace the objects go into. */
  readonly namespace: string;
}

/**
 * The east-west gateway, installed by `istioctl install -f` from the typed IstioOperator with
 * the istioctl of the revision's own release (scripts/mesh/eastwest-gateway.sh).
 */
export class EastWestGateway extends pulumi.ComponentResource {
  readonly operator: ReturnType<typeof eastWestOperator>;
  readonly command: ScriptCommand<{ address: string }>;
  /** The gateway Service's load-balancer address, as the cluster reports it. */
  readonly address: pulumi.Output<string>;

  constructor(name: string, args: EastWestGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:EastWestGateway", name, {}, opts);
    this.operator = eastWestOperator({
      revision: args.revision,
      network: args.cluster.meshNetwork,
      namespace: args.namespace,
      exposure: args.cluster.exposure,
    });
    this.command = new ScriptCommand(
      `${name}-istioctl`,
      {
        script: "mesh/eastwest-gateway.sh",
        result: stringFields("address"),
        environment: {
          KUBECONFIG_DATA: args.cluster.kubeconfig,
          ISTIO_OPERATOR: JSON.stringify(this.operator),
          GATEWAY_NAMESPACE: args.namespace,
        },
      },
      // The engine records a resource's own dependencies only: the command carries its component's (destroy order).
      { parent: this, dependsOn: opts?.dependsOn },
    );
    this.address = this.command.field("address");
    this.registerOutputs({ address: this.address });
  }
}
