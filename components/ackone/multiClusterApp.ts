import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Distribution, McsAppSpec, ServiceExposure } from "../../config/types";
import { NO_RESULT, ScriptCommand } from "../command/scriptCommand";
import { appDeployment, appService, consumerDeployment } from "./appManifests";
import { namespacePropagation } from "./distribution";
import { HubObject, hubDistributionPlan } from "./hubDistribution";

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
  /** The hub's kubeconfig (secret), for the checks run on the hub by script. */
  readonly hubKubeconfig: pulumi.Input<string>;
  /**
   * The exporting cluster (Alibaba's): runs the app whose Service is exported; reached through
   * the hub. Its `provider`, a Kubernetes provider on it, only when the user made its API
   * reachable from where Pulumi runs: the app namespace is then created there directly.
   * @default provider undefined (the hub hands the namespace over with the app)
   */
  readonly exporter: MemberCluster & { readonly provider?: k8s.Provider };
  /** The importing cluster (GKE): calls the Service and runs the consumer, with its Kubernetes provider. */
  readonly importer: MemberCluster & { readonly provider: k8s.Provider };
  /**
   * The membership attachments. Every hub object depends on them, so on destroy the hub
   * objects (and what they handed to the members) go before the members are detached.
   */
  readonly after: pulumi.Resource[];
}

// Objects on the hub are templates: the hub runs no pods, so readiness would never come.
const TEMPLATE = { "pulumi.com/skipAwait": "true" };

/**
 * Karmada propagates every namespace of its control plane that is not reserved to every member
 * cluster unless the namespace carries this label (karmada-io/karmada
 * pkg/controllers/namespace/namespace_sync_controller.go, Reconcile;
 * pkg/apis/policy/v1alpha1/well_known_constants.go, NamespaceSkipAutoPropagationLabel). The
 * exporting cluster gets the namespace by an explicit policy (or KubeVela, or directly), GKE from
 * Pulumi. ACK One's fleet follows Karmada's policies; whether it runs this controller and honours
 * the label no ACK One source says, so the member namespaces are also created before the hub's.
 */
const SKIP_AUTO_PROPAGATION = { "namespace.karmada.io/skip-auto-propagation": "true" };

/**
 * Multi-cluster services through the hub: the app as templates on the hub, handed to the
 * exporting cluster by PropagationPolicy (or KubeVela), its Service offered to the importing
 * cluster by a MultiClusterService (or ServiceExport / ServiceImport), the consumer there. Nothing
 * here needs the exporting cluster's API unless `exporter.provider` is given.
 *
 * Order: the namespaces Pulumi creates in the members come before the hub's (a namespace the
 * fleet created first would make Pulumi's create fail with AlreadyExists, and Karmada does not
 * take over a member's object it did not create: pkg/util/objectwatcher/objectwatcher.go,
 * allowUpdate). A guard (scripts/ackone/member-objects.sh) sits between the attachments and
 * every hub object: on destroy it waits until the members hold nothing the hub handed out, so
 * the members are detached only then.
 */
export class MultiClusterApp extends pulumi.ComponentResource {
  readonly consumer: k8s.apps.v1.Deployment;
  readonly hubObjects: k8s.apiextensions.CustomResource[];
  /** What the consumer calls. */
  readonly consumerUrl: string;

  constructor(name: string, args: MultiClusterAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:ackone:MultiClusterApp", name, {}, opts);
    const { app } = args;
    const plan = hubDistributionPlan(app, args.exporter.id, args.importer.id, { distribution: args.distribution, services: args.services });
    this.consumerUrl = plan.consumerUrl;
    const hubKubeconfig = pulumi.secret(args.hubKubeconfig);
    // Without direct access the hub hands the namespace to the exporting cluster. KubeVela's
    // dispatch creates a missing namespace in the member by itself.
    const hubHandsNamespace = !args.exporter.provider && (args.distribution ?? "propagation-policy") === "propagation-policy";
    const memberObjects = new ScriptCommand(
      `${name}-member-objects`,
      {
        script: "ackone/member-objects.sh",
        result: NO_RESULT,
        environment: {
          KUBECONFIG_DATA: hubKubeconfig,
          MEMBER_CLUSTER_IDS: pulumi.all([args.exporter.id, args.importer.id]).apply((ids) => ids.join(" ")),
          MEMBER_NAMESPACE: app.namespace,
          MEMBER_OBJECTS: plan.memberObjects.join(" "),
          // The namespace the hub handed to a member is distributed too: the guard waits for it there.
          ...(hubHandsNamespace ? { MEMBER_NAMESPACE_CLUSTERS: pulumi.output(args.exporter.id) } : {}),
        },
      },
      { parent: this, dependsOn: args.after },
    );
    const onHub = { parent: this, provider: args.hub, dependsOn: [...args.after, memberObjects] };
    const namespace = (cluster: string, provider: k8s.Provider) =>
      new k8s.core.v1.Namespace(`${name}-${cluster}-ns`, { metadata: { name: app.namespace } }, { parent: this, provider, dependsOn: args.after });

    // The resource names keep the words their URNs were recorded with.
    const pulumiMemberNamespaces = [namespace("consumer", args.importer.provider)];
    if (args.exporter.provider) pulumiMemberNamespaces.push(namespace("provider", args.exporter.provider));
    const hubNamespace = new k8s.core.v1.Namespace(
      `${name}-hub-ns`,
      { metadata: { name: app.namespace, labels: SKIP_AUTO_PROPAGATION } },
      { ...onHub, dependsOn: [...onHub.dependsOn, ...pulumiMemberNamespaces] },
    );
    const memberNamespaces: pulumi.Resource[] = [...pulumiMemberNamespaces];
    if (hubHandsNamespace)
      memberNamespaces.push(
        new k8s.apiextensions.CustomResource(`${name}-distribute-namespace`, namespacePropagation(app.namespace, [args.exporter.id]), {
          ...onHub,
          dependsOn: [...onHub.dependsOn, hubNamespace],
        }),
      );
    const inNamespace = { ...onHub, dependsOn: [...onHub.dependsOn, hubNamespace] };
    const withTemplate = <T extends { metadata: object }>(o: T) => ({ ...o, metadata: { ...o.metadata, annotations: TEMPLATE } });
    const templates: pulumi.Resource[] = [
      new k8s.apps.v1.Deployment(`${name}-provider`, withTemplate(appDeployment(app)), inNamespace),
      new k8s.core.v1.Service(`${name}-service`, withTemplate(appService(app)), inNamespace),
      ...plan.templates.map((t) => new k8s.apiextensions.CustomResource(`${name}-${t.role}`, t.object as k8s.apiextensions.CustomResourceArgs, inNamespace)),
    ];
    // The hub's server-side dry run (strict field validation) of an object no vendor source
    // confirms: a kind the hub does not serve, a missing required field or a field its schema
    // does not know fails here, before the object, the consumer and the probe are created.
    const dryRun = (o: HubObject) =>
      new ScriptCommand(
        `${name}-${o.role}-dry-run`,
        {
          script: "ackone/hub-dry-run.sh",
          result: NO_RESULT,
          environment: { KUBECONFIG_DATA: hubKubeconfig, DRY_RUN_OBJECT: pulumi.output(o.object).apply((object) => JSON.stringify(object)) },
        },
        // A namespaced dry run needs the namespace on the hub.
        { parent: this, dependsOn: [hubNamespace] },
      );
    this.hubObjects = plan.objects.map(
      (o) =>
        new k8s.apiextensions.CustomResource(`${name}-${o.role}`, o.object as k8s.apiextensions.CustomResourceArgs, {
          ...onHub,
          dependsOn: [...onHub.dependsOn, ...templates, ...memberNamespaces, ...(o.dryRunFirst ? [dryRun(o)] : [])],
        }),
    );

    this.consumer = new k8s.apps.v1.Deployment(`${name}-consumer`, consumerDeployment(app), {
      parent: this,
      provider: args.importer.provider,
      dependsOn: [memberNamespaces[0], ...this.hubObjects],
    });
    this.registerOutputs({ consumerUrl: this.consumerUrl });
  }
}
