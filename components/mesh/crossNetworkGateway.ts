import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { crossNetworkGateway } from "./eastWestOperator";

/** The cluster's Kubernetes provider comes through the resource options (`providers`). */
export interface CrossNetworkGatewayArgs {
  /** Namespace of the east-west gateway. */
  readonly namespace: string;
}

/** Exposes every `*.local` service of the cluster on the east-west gateway (port 15443, passthrough). */
export class CrossNetworkGateway extends pulumi.ComponentResource {
  readonly gateway: k8s.apiextensions.CustomResource;

  constructor(name: string, args: CrossNetworkGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:CrossNetworkGateway", name, {}, opts);
    const { apiVersion, kind, metadata, spec } = crossNetworkGateway(args.namespace);
    this.gateway = new k8s.apiextensions.CustomResource(
      `${name}-gateway`,
      {
        apiVersion,
        kind,
        metadata: { ...metadata },
        spec,
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
