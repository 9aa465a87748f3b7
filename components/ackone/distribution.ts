/**
 * How the ACK One hub hands objects to member clusters, in both of its vocabularies: a KubeVela
 * `Application` (`ref-objects` component + `topology` policy) and the current Karmada-style
 * `PropagationPolicy`.
 */
import type { Input } from "@pulumi/pulumi";
import { McsAppSpec, Distribution } from "../../config/types";

/** An object on the hub to hand out, named both ways (KubeVela resource name, API kind). */
export interface HubObjectRef {
  /** KubeVela `ref-objects` resource name, e.g. "deployment". */
  readonly resource: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

export interface DistributionSpec {
  readonly name: string;
  readonly namespace: string;
  /** KubeVela component name (web-demo, export-service, import-service for the app's three). */
  readonly component: string;
  /** KubeVela topology policy name (provider-clusters, export-clusters, import-clusters for the app's three). */
  readonly policy: string;
  readonly objects: readonly HubObjectRef[];
  /** Member cluster ids (known only once the clusters exist). */
  readonly clusters: readonly Input<string>[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly publishVersion: string;
}

export function kubevelaApplication(d: DistributionSpec) {
  return {
    apiVersion: "core.oam.dev/v1beta1",
    kind: "Application",
    metadata: {
      name: d.name,
      namespace: d.namespace,
      labels: d.labels,
      annotations: { "app.oam.dev/publishVersion": d.publishVersion },
    },
    spec: {
      components: [
        {
          name: d.component,
          type: "ref-objects",
          properties: { objects: d.objects.map((o) => ({ resource: o.resource, name: o.name })) },
        },
      ],
      policies: [{ type: "topology", name: d.policy, properties: { clusters: [...d.clusters] } }],
    },
  };
}

export function propagationPolicy(d: DistributionSpec) {
  return {
    apiVersion: "policy.one.alibabacloud.com/v1alpha1",
    kind: "PropagationPolicy",
    metadata: { name: d.name, namespace: d.namespace, labels: d.labels },
    spec: {
      resourceSelectors: d.objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: d.namespace })),
      placement: { clusterAffinity: { clusterNames: [...d.clusters] } },
    },
  };
}

export function distributionObject(mode: Distribution, d: DistributionSpec) {
  return mode === "kubevela" ? kubevelaApplication(d) : propagationPolicy(d);
}

/** The labels of the app's Deployment, pods and MCS objects: what its Service selects. */
export function appLabels(app: McsAppSpec): Record<string, string> {
  return { app: app.deploymentName, department: "demo" };
}

/** The app's three distributions: the app and the ServiceExport to the exporting cluster, the ServiceImport to the importing one. */
export function appDistributions(app: McsAppSpec, exporterCluster: Input<string>, importerCluster: Input<string>): DistributionSpec[] {
  const base = { namespace: app.namespace, publishVersion: app.publishVersion };
  // Both MCS objects carry the `amcs` label ACK One's ServiceExport / ServiceImport example uses.
  const mcs = (role: "export" | "import", kind: "ServiceExport" | "ServiceImport", cluster: Input<string>): DistributionSpec => ({
    ...base,
    name: `amcs-${role}-${app.serviceName}`,
    component: `${role}-service`,
    policy: `${role}-clusters`,
    objects: [{ resource: kind.toLowerCase(), apiVersion: MCS_API, kind, name: app.serviceName }],
    clusters: [cluster],
    labels: { amcs: role, "amcs-service": app.serviceName, ...appLabels(app) },
  });
  return [
    {
      ...base,
      name: app.deploymentName,
      component: app.deploymentName,
      // The name the hub objects were first made with: a new one would update them.
      policy: "provider-clusters",
      objects: [
        { resource: "deployment", apiVersion: "apps/v1", kind: "Deployment", name: app.deploymentName },
        { resource: "service", apiVersion: "v1", kind: "Service", name: app.serviceName },
      ],
      clusters: [exporterCluster],
    },
    mcs("export", "ServiceExport", exporterCluster),
    mcs("import", "ServiceImport", importerCluster),
  ];
}

export const MCS_API = "multicluster.x-k8s.io/v1alpha1";

/**
 * Hands a namespace held on the hub to member clusters: a Namespace is cluster-scoped, so only a
 * ClusterPropagationPolicy selects it (ACK One docs, "Propagation policies and override policies",
 * alibabacloud.com/help/en/document_detail/2848498.html).
 */
export function namespacePropagation(namespace: string, clusters: readonly Input<string>[]) {
  return {
    apiVersion: "policy.one.alibabacloud.com/v1alpha1",
    kind: "ClusterPropagationPolicy",
    metadata: { name: `namespace-${namespace}` },
    spec: {
      resourceSelectors: [{ apiVersion: "v1", kind: "Namespace", name: namespace }],
      placement: { clusterAffinity: { clusterNames: [...clusters] } },
    },
  };
}
