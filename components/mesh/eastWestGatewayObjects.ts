import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { eastWestGatewayObjects, eastWestOperator } from "./eastWestOperator";
import { MeshCluster } from "./meshCluster";

export interface EastWestGatewayObjectsArgs {
  /** The mesh member cluster this is installed on. */
  readonly cluster: MeshCluster;
  /** Mesh revision label (istio.io/rev). */
  readonly revision: string;
  /** Namespace the objects go into. */
  readonly namespace: string;
}

/** The east-west gateway rendered from the same typed IstioOperator, applied as objects (installer: manifests). */
export class EastWestGatewayObjects extends pulumi.ComponentResource {
  readonly service: k8s.core.v1.Service;

  constructor(name: string, args: EastWestGatewayObjectsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:EastWestGatewayObjects", name, {}, opts);
    const child = { parent: this, provider: args.cluster.provider };
    const objects = eastWestGatewayObjects(
      eastWestOperator({ revision: args.revision, network: args.cluster.meshNetwork, namespace: args.namespace, exposure: args.cluster.exposure }),
    );
    const serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-sa`, objects.serviceAccount, child);
    new k8s.apps.v1.Deployment(`${name}-deployment`, objects.deployment, { ...child, dependsOn: [serviceAccount] });
    this.service = new k8s.core.v1.Service(`${name}-service`, objects.service, child);
    this.registerOutputs({});
  }
}
