/**
 * ACK One's recommended multi-cluster Service: one `MultiClusterService` on the fleet names the
 * clusters that serve a Service and the clusters that call it; the fleet then creates a Service
 * of the same name in each consumer, called by its ordinary name (no `amcs-` prefix, no CoreDNS
 * change). ServiceExport / ServiceImport remain the other, community-API form.
 */
import type { Input } from "@pulumi/pulumi";
import { McsAppSpec } from "../../config/types";

/** apiVersion of ACK One's MultiClusterService (ACK One docs, "Use native Service domain names for cross-cluster access"). */
export const MULTI_CLUSTER_SERVICE_API = "networking.one.alibabacloud.com/v1alpha1";

/** The object's fields, in Karmada's words: provider clusters export, consumer clusters import. */
export interface MultiClusterServiceSpec {
  /** Must equal the Service's name in the exporting clusters. */
  readonly name: string;
  /** Must equal the Service's namespace. */
  readonly namespace: string;
  /** Ids of the clusters that run the Service's pods. */
  readonly providerClusters: readonly Input<string>[];
  /** Ids of the clusters whose pods call it. */
  readonly consumerClusters: readonly Input<string>[];
  /** @default undefined */
  readonly labels?: Readonly<Record<string, string>>;
}

export function multiClusterService(s: MultiClusterServiceSpec) {
  return {
    apiVersion: MULTI_CLUSTER_SERVICE_API,
    kind: "MultiClusterService",
    metadata: { name: s.name, namespace: s.namespace, labels: s.labels },
    spec: {
      // Karmada's MultiClusterService, which ACK One's fleet is built on, requires the exposure type
      // (karmada-io/karmada pkg/apis/networking/v1alpha1/service_types.go, `Types` +required;
      // CrossCluster: reachable from the consumer clusters). The hub checks the object by a
      // server-side dry run before the stack relies on it (scripts/ackone/hub-dry-run.sh).
      types: ["CrossCluster"],
      consumerClusters: s.consumerClusters.map((name) => ({ name })),
      providerClusters: s.providerClusters.map((name) => ({ name })),
    },
  };
}

/** The app's Service offered from the exporting cluster to the importing cluster. */
export function appMultiClusterService(app: McsAppSpec, exporterCluster: Input<string>, importerCluster: Input<string>) {
  return multiClusterService({
    name: app.serviceName,
    namespace: app.namespace,
    providerClusters: [exporterCluster],
    consumerClusters: [importerCluster],
  });
}

/** What the consumer calls with a MultiClusterService: the Service's own name. */
export function nativeServiceUrl(app: McsAppSpec): string {
  return `http://${app.serviceName}.${app.namespace}.svc.cluster.local${app.port === 80 ? "" : `:${app.port}`}`;
}
