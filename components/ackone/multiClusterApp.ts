import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Distribution, McsAppSpec, ServiceExposure } from "../../config/types";
import { consumerDeployment, providerDeployment, providerService } from "./appManifests";
import { namespacePropagation } from "./distribution";
import { hubDistributionPlan } from "./hubDistribution";

export interface MemberCluster {
  /** The cluster's id in ACK One (the Alibaba cluster's id, or the registered cluster's id). */
  readonly id: pulumi.Input<string>;
}

export interface MultiClusterAppArgs {
  /** The multi-cluster-services app, as validated. */
  readonly app: McsAppSpec;
  /** How the hub hands the app to member clusters. @default "propagation-policy" */
  readonly distribution?: Distribution;
  /** How the consumer reaches the Service. @default "multi-cluster-service" */
  readonly services?: ServiceExposure;
  /** Kubernetes provider of the ACK One hub. */
  readonly hub: k8s.Provider;
  /** Runs the app (the Alibaba provider cluster); reached only through the hub. */
  readonly provider: MemberCluster;
  /**
   * A Kubernetes provider on the provider cluster, when the user made its API reachable from
   * where Pulumi runs: the app namespace is then created there directly.
   * @default undefined (the hub hands the namespace over with the app)
   */
  readonly directProvider?: k8s.Provider;
  /** Calls the Service and runs the consumer (GKE), with its Kubernetes provider. */
  readonly consumer: MemberCluster & { readonly provider: k8s.Provider };
  /**
   * The membership attachments. Every hub object depends on them, so on destroy the hub
   * objects (and what they handed to the members) go before the members are detached.
   */
  readonly after: pulumi.Resource[];
}

// Objects on the hub are templates: the hub runs no pods, so readiness would never come.
const TEMPLATE = { "pulumi.com/skipAwait": "true" };

/**
 * Seed 001 step 10/12 through the hub: the provider app as templates on the hub, handed to the
 * provider cluster by PropagationPolicy (or KubeVela), the Service offered to the consumer by a
 * MultiClusterService (or ServiceExport / ServiceImport), the consumer in GKE. Nothing here
 * needs the provider cluster's API unless `directProvider` is given.
 */
export class MultiClusterApp extends pulumi.ComponentResource {
  readonly consumer: k8s.apps.v1.Deployment;
  readonly hubObjects: k8s.apiextensions.CustomResource[];
  /** What the consumer calls. */
  readonly consumerUrl: string;

  constructor(name: string, args: MultiClusterAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:ackone:MultiClusterApp", name, {}, opts);
    const { app } = args;
    const plan = hubDistributionPlan(app, args.provider.id, args.consumer.id, { distribution: args.distribution, services: args.services });
    this.consumerUrl = plan.consumerUrl;
    const onHub = { parent: this, provider: args.hub, dependsOn: args.after };
    const namespace = (cluster: string, provider: k8s.Provider) =>
      new k8s.core.v1.Namespace(`${name}-${cluster}-ns`, { metadata: { name: app.namespace } }, { parent: this, provider, dependsOn: args.after });

    const hubNamespace = namespace("hub", args.hub);
    const memberNamespaces: pulumi.Resource[] = [namespace("consumer", args.consumer.provider)];
    if (args.directProvider) memberNamespaces.push(namespace("provider", args.directProvider));
    // Without direct access the hub hands the namespace to the provider cluster. KubeVela's
    // dispatch creates a missing namespace in the member by itself.
    else if ((args.distribution ?? "propagation-policy") === "propagation-policy")
      memberNamespaces.push(
        new k8s.apiextensions.CustomResource(`${name}-distribute-namespace`, namespacePropagation(app.namespace, [args.provider.id]), {
          ...onHub,
          dependsOn: [...args.after, hubNamespace],
        }),
      );
    const inNamespace = { ...onHub, dependsOn: [...args.after, hubNamespace] };
    const withTemplate = <T extends { metadata: object }>(o: T) => ({ ...o, metadata: { ...o.metadata, annotations: TEMPLATE } });
    const templates: pulumi.Resource[] = [
      new k8s.apps.v1.Deployment(`${name}-provider`, withTemplate(providerDeployment(app)), inNamespace),
      new k8s.core.v1.Service(`${name}-service`, withTemplate(providerService(app)), inNamespace),
      ...plan.templates.map((t) => new k8s.apiextensions.CustomResource(`${name}-${t.role}`, t.object as k8s.apiextensions.CustomResourceArgs, inNamespace)),
    ];
    this.hubObjects = plan.objects.map(
      (o) =>
        new k8s.apiextensions.CustomResource(`${name}-${o.role}`, o.object as k8s.apiextensions.CustomResourceArgs, {
          ...onHub,
          dependsOn: [...args.after, ...templates, ...memberNamespaces],
        }),
    );

    this.consumer = new k8s.apps.v1.Deployment(`${name}-consumer`, consumerDeployment(app), {
      parent: this,
      provider: args.consumer.provider,
      dependsOn: [memberNamespaces[0], ...this.hubObjects],
    });
    this.registerOutputs({ consumerUrl: this.consumerUrl });
  }
}
