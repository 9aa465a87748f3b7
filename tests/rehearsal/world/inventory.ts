import { InventoryObject, inventoryObject } from "../checks/inventory";
import { LocalCluster, kubectl } from "./clusters";

/** Kinds the cluster makes and changes by itself, compared through their owners instead. */
const SELF_MADE = new Set([
  "events",
  "events.events.k8s.io",
  "leases.coordination.k8s.io",
  "endpoints",
  "endpointslices.discovery.k8s.io",
  "pods",
  "replicasets.apps",
  "controllerrevisions.apps",
  "nodes",
  "componentstatuses",
]);

/** Every listable object of the cluster in comparable form. */
export function clusterInventory(cluster: LocalCluster): InventoryObject[] {
  const kinds = kubectl(cluster, ["api-resources", "--verbs=list", "-o", "name"])
    .split("\n")
    .map((k) => k.trim())
    .filter((k) => k !== "" && !SELF_MADE.has(k));
  const list = JSON.parse(kubectl(cluster, ["get", kinds.join(","), "--all-namespaces", "-o", "json"])) as { items: Record<string, any>[] };
  return list.items.map(inventoryObject);
}

/** Objects every cluster holds by itself: the default ServiceAccounts and root CA ConfigMaps of new namespaces, the API server's own. */
export function clusterMade(key: string): boolean {
  return (
    /^v1\/ServiceAccount [^/]+\/default$/.test(key) ||
    /^v1\/ConfigMap [^/]+\/kube-root-ca\.crt$/.test(key) ||
    / kube-system\//.test(key) ||
    /^v1\/Secret [^/]+\/default-token-/.test(key)
  );
}
