/**
 * Multi-cluster Services between members.
 *
 * MultiClusterService (ACK One's recommended form; ACK One docs "Multi-cluster service overview",
 * help.aliyun.com/zh/ack/distributed-cloud-container-platform-for-kubernetes/user-guide/mcs-overview:
 * the fleet creates a Service of the same name in each consumer cluster, called by its native
 * name): the Service itself travels with the MultiClusterService's binding (policies.ts), and the
 * provider clusters' EndpointSlices are copied into each consumer as Karmada's endpointslice
 * collect and dispatch controllers do (karmada-io/karmada f8fdd02df, pkg/controllers/
 * multiclusterservice/endpointslice_collect_controller.go: slices labelled with the Service's name
 * and not made by Karmada; endpointslice_dispatch_controller.go ensureEndpointSliceWork: named
 * `<provider cluster>-<slice>`, labelled kubernetes.io/service-name and
 * endpointslice.kubernetes.io/managed-by=endpointslice-dispatch-controller.karmada.io, annotated
 * endpointslice.karmada.io/provision-cluster; never back into the provider itself).
 *
 * ServiceExport / ServiceImport (ACK One docs, same overview: "the fleet confirms the pairing of
 * ServiceExport and ServiceImport, then creates a Service prefixed with amcs- in the consumer
 * cluster"): the Service is shaped as Karmada derives it from a ServiceImport (pkg/controllers/mcs/
 * service_import_controller.go deriveServiceFromServiceImport: ClusterIP, the import's ports, no
 * selector) and its slices as Karmada's mcs endpointslice controller names them
 * (pkg/util/names/names.go GenerateEndpointSliceName `imported-<cluster>-<slice>`, managed by
 * endpointslice-controller.karmada.io), under ACK One's `amcs-` name.
 */
import type { KubeObject } from "./kube";
import { MultiClusterServiceView, crossCluster, serviceClusters } from "./policies";

export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const DISPATCH_MANAGER = "endpointslice-dispatch-controller.karmada.io";
export const IMPORT_MANAGER = "endpointslice-controller.karmada.io";
export const PROVISION_CLUSTER_ANNOTATION = "endpointslice.karmada.io/provision-cluster";
export const IMPORTED_PREFIX = "amcs-";

/** pkg/util/helper/mcs.go IsEndpointSliceManagedByKarmada: slices the fleet made are never collected again. */
export function madeByFleet(slice: KubeObject): boolean {
  const by = slice.metadata?.labels?.[MANAGED_BY_LABEL];
  return by === DISPATCH_MANAGER || by === IMPORT_MANAGER;
}

/** The slices a provider's endpointslice controller made for one Service. */
export function slicesOf(slices: readonly KubeObject[], namespace: string, service: string): KubeObject[] {
  return slices.filter((s) => s.metadata?.namespace === namespace && s.metadata?.labels?.[SERVICE_NAME_LABEL] === service && !madeByFleet(s));
}

function copySlice(slice: KubeObject, name: string, service: string, manager: string, provider: string): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name,
      namespace: slice.metadata.namespace,
      labels: { [SERVICE_NAME_LABEL]: service, [MANAGED_BY_LABEL]: manager },
      annotations: { [PROVISION_CLUSTER_ANNOTATION]: provider },
    },
    addressType: slice.addressType,
    endpoints: slice.endpoints ?? [],
    ports: slice.ports ?? [],
  };
}

/** Per consumer cluster, the EndpointSlices a MultiClusterService dispatches to it. */
export function dispatchedSlices(
  mcs: MultiClusterServiceView,
  slicesByMember: ReadonlyMap<string, readonly KubeObject[]>,
  members: readonly string[],
): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  if (!crossCluster(mcs)) return out;
  const providers = serviceClusters(mcs.spec.providerClusters as KubeObject[], members);
  const consumers = serviceClusters(mcs.spec.consumerClusters as KubeObject[], members);
  for (const provider of providers) {
    for (const slice of slicesOf(slicesByMember.get(provider) ?? [], mcs.namespace, mcs.name)) {
      for (const consumer of consumers) {
        if (consumer === provider) continue;
        const list = out.get(consumer) ?? [];
        list.push(copySlice(slice, `${provider}-${slice.metadata.name as string}`, mcs.name, DISPATCH_MANAGER, provider));
        out.set(consumer, list);
      }
    }
  }
  return out;
}

export interface MemberServices {
  readonly exports: readonly KubeObject[];
  readonly imports: readonly KubeObject[];
  readonly services: readonly KubeObject[];
  readonly slices: readonly KubeObject[];
}

/** The amcs- Service a ServiceImport yields in its cluster. */
export function importedService(serviceImport: KubeObject): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: `${IMPORTED_PREFIX}${serviceImport.metadata.name as string}`, namespace: serviceImport.metadata.namespace },
    spec: {
      type: "ClusterIP",
      ports: ((serviceImport.spec?.ports ?? []) as KubeObject[]).map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port,
        protocol: p.protocol ?? "TCP",
      })),
    },
  };
}

/**
 * Per consumer cluster, what its ServiceImports yield once another member exports the same
 * Service (a ServiceExport beside an existing Service of that name): the amcs- Service and the
 * exporting clusters' slices.
 */
export function importedObjects(byMember: ReadonlyMap<string, MemberServices>): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const [consumer, held] of byMember) {
    for (const imp of held.imports) {
      const ns = imp.metadata.namespace as string;
      const name = imp.metadata.name as string;
      const providers = [...byMember.entries()].filter(
        ([id, m]) =>
          id !== consumer &&
          m.exports.some((e) => e.metadata.namespace === ns && e.metadata.name === name) &&
          m.services.some((s) => s.metadata.namespace === ns && s.metadata.name === name),
      );
      if (providers.length === 0) continue;
      const list = out.get(consumer) ?? [];
      list.push(importedService(imp));
      for (const [provider, m] of providers) {
        for (const slice of slicesOf(m.slices, ns, name))
          list.push(copySlice(slice, `imported-${provider}-${slice.metadata.name as string}`, `${IMPORTED_PREFIX}${name}`, IMPORT_MANAGER, provider));
      }
      out.set(consumer, list);
    }
  }
  return out;
}
