import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { McsAppSpec, Distribution } from "../../config/types";
import { consumerDeployment, providerDeployment, providerService, serviceExport, serviceImport } from "./appManifests";
import { distributionObject, seedDistributions } from "./distribution";

export interface MemberCluster {
  /** The cluster's id in ACK One (ASK id, or the registered cluster's id). */
  readonly id: pulumi.Input<string>;
  readonly provider: k8s.Provider;
}

export interface MultiClusterAppArgs {
  /** The multi-cluster-services app, as validated. */
  readonly app: McsAppSpec;
  /** How the hub hands the app to member clusters. */
  readonly distribution: Distribution;
  /** Kubernetes provider of the ACK One hub. */
  readonly hub: k8s.Provider;
  /** Runs the app and exports its Service (ASK). */
  readonly provider: MemberCluster;
  /** Imports the Service and runs the consumer (GKE). */
  readonly consumer: MemberCluster;
  /** Members must be attached to the hub first. */
  readonly after: pulumi.Resource[];
}

// Objects on the hub are templates: the hub runs no pods, so readiness would never come.
const TEMPLATE = { "pulumi.com/skipAwait": "true" };

/**
 * Seed 001 step 10/12 on the hub: the provider app and the ServiceExport / ServiceImport pair,
 * handed to the member clusters; the namespace in each member; the consumer in GKE.
 */
export class MultiClusterApp extends pulumi.ComponentResource {
  readonly consumer: k8s.apps.v1.Deployment;
  readonly distributions: k8s.apiextensions.CustomResource[];

  constructor(name: string, args: MultiClusterAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:ackone:MultiClusterApp", name, {}, opts);
    const { app } = args;
    const onHub = { parent: this, provider: args.hub, dependsOn: args.after };
    const namespace = (cluster: string, provider: k8s.Provider) =>
      new k8s.core.v1.Namespace(`${name}-${cluster}-ns`, { metadata: { name: app.namespace } }, { parent: this, provider, dependsOn: args.after });

    const hubNamespace = namespace("hub", args.hub);
    const memberNamespaces = [namespace("provider", args.provider.provider), namespace("consumer", args.consumer.provider)];
    const inNamespace = { ...onHub, dependsOn: [...args.after, hubNamespace] };
    const withTemplate = <T extends { metadata: object }>(o: T) => ({ ...o, metadata: { ...o.metadata, annotations: TEMPLATE } });
    const templates: pulumi.Resource[] = [
      new k8s.apps.v1.Deployment(`${name}-provider`, withTemplate(providerDeployment(app)), inNamespace),
      new k8s.core.v1.Service(`${name}-service`, withTemplate(providerService(app)), inNamespace),
      new k8s.apiextensions.CustomResource(`${name}-export`, serviceExport(app), inNamespace),
      new k8s.apiextensions.CustomResource(`${name}-import`, serviceImport(app), inNamespace),
    ];

    const roles = ["app", "export", "import"];
    this.distributions = seedDistributions(app, args.provider.id, args.consumer.id).map(
      (d, i) =>
        new k8s.apiextensions.CustomResource(`${name}-distribute-${roles[i]}`, distributionObject(args.distribution, d), {
          ...onHub,
          dependsOn: [...args.after, ...templates, ...memberNamespaces],
        }),
    );

    this.consumer = new k8s.apps.v1.Deployment(`${name}-consumer`, consumerDeployment(app), {
      parent: this,
      provider: args.consumer.provider,
      dependsOn: [memberNamespaces[1], ...this.distributions],
    });
    this.registerOutputs({});
  }
}
