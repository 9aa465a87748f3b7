import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand, NO_RESULT } from "../command/scriptCommand";
import { eastWestOperator } from "./eastWestOperator";
import { MeshCluster } from "./meshCluster";

export interface EastWestGatewayArgs {
  /** The mesh member cluster this is installed on. */
  readonly cluster: MeshCluster;
  /** Mesh revision label (istio.io/rev). */
  readonly revision: string;
  /** Namespace the objects go into. */
  readonly namespace: string;
  /** The istioctl of the installed revision. */
  readonly istioctl: string;
}

/** The east-west gateway, installed by `istioctl install -f` from the typed IstioOperator. */
export class EastWestGateway extends pulumi.ComponentResource {
  readonly operator: ReturnType<typeof eastWestOperator>;
  readonly command: ScriptCommand;

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
        script: "scripts/mesh/eastwest-gateway.sh",
        result: NO_RESULT,
        environment: {
          KUBECONFIG_DATA: args.cluster.kubeconfig,
          ISTIOCTL: args.istioctl,
          ISTIO_OPERATOR: JSON.stringify(this.operator),
          GATEWAY_NAMESPACE: args.namespace,
        },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
