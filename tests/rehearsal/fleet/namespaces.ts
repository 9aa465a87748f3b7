/**
 * Karmada's namespace sync (karmada-io/karmada f8fdd02df, pkg/controllers/namespace/
 * namespace_sync_controller.go, on by default: cmd/controller-manager/app/controllermanager.go):
 * every namespace of the control plane goes to every member cluster, except the reserved ones
 * (karmada-system, karmada-cluster, karmada-es-*: pkg/util/names/names.go IsReservedNamespace),
 * `default`, those matching --skipped-propagating-namespaces (default `kube-.*`:
 * cmd/controller-manager/app/options/options.go) and those labelled
 * namespace.karmada.io/skip-auto-propagation=true. The member's namespace is owned by the hub's
 * namespace and goes when it is gone.
 */
import type { KubeObject } from "./kube";

export const SKIP_AUTO_PROPAGATION_LABEL = "namespace.karmada.io/skip-auto-propagation";

const SKIPPED = [/^kube-.*$/];

/**
 * Namespaces whose objects Karmada never propagates: the reserved ones and the skipped ones
 * (pkg/detector/detector.go EventFilter).
 */
export function namespaceIgnored(name: string): boolean {
  return name === "karmada-system" || name === "karmada-cluster" || name.startsWith("karmada-es-") || SKIPPED.some((r) => r.test(name));
}

export function namespaceSynced(ns: KubeObject): boolean {
  const name = String(ns.metadata?.name ?? "");
  if (name === "default" || namespaceIgnored(name)) return false;
  return String(ns.metadata?.labels?.[SKIP_AUTO_PROPAGATION_LABEL] ?? "").toLowerCase() !== "true";
}

/** The hub namespaces every member receives: name, labels and annotations (the namespace controller copies the object). */
export function syncedNamespaces(namespaces: readonly KubeObject[]): KubeObject[] {
  return namespaces.filter(namespaceSynced).map((ns) => ({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: ns.metadata.name, labels: ns.metadata.labels, annotations: ns.metadata.annotations },
  }));
}
