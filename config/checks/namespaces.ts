import { DraftConfig } from "../draft";
import { Problems } from "../problems";

/** Namespaces the platform or the mesh's control plane owns: the stack never creates or deletes them. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease", "istio-system"];

/**
 * Namespaces the stack creates: none a system namespace, each created once (a namespace named
 * twice would be two resources for one object).
 */
export function checkNamespaces(problems: Problems, config: DraftConfig): void {
  const created: [key: string, name: string][] = [];
  if (config.mesh) {
    created.push(["mesh.gatewayNamespace", config.mesh.gatewayNamespace]);
    config.mesh.workloadNamespaces.forEach((ns, i) => {
      if (ns !== config.mesh?.gatewayNamespace) created.push([`mesh.workloadNamespaces[${i}]`, ns]);
    });
  }
  const app = config.ackOne?.app ?? config.multiClusterServices?.app;
  if (app) created.push([config.ackOne ? "ackOne.app.namespace" : "multiClusterServices.app.namespace", app.namespace]);
  const firstKey = new Map<string, string>();
  for (const [key, name] of created) {
    if (SYSTEM_NAMESPACES.includes(name)) {
      problems.add(key, name, "is a system namespace, which the stack must neither create nor delete", "use a namespace of the app's own, e.g. sample");
      continue;
    }
    const first = firstKey.get(name);
    if (first) problems.add(key, name, `is also ${first}: the stack would create that namespace twice`, "give each its own namespace, or list it once");
    else firstKey.set(name, key);
  }
  const ns = config.verify.namespace;
  if (config.verify.enabled && SYSTEM_NAMESPACES.includes(ns)) {
    problems.add("verify.namespace", ns, "is a system namespace, which the stack must neither create nor delete", "use a namespace of its own, e.g. sample");
  } else if (config.verify.enabled && config.mesh && !config.mesh.workloadNamespaces.includes(ns)) {
    problems.add("verify.namespace", ns, "is not one of mesh.workloadNamespaces, so its pods would get no sidecar", `add ${ns} to mesh.workloadNamespaces`);
  }
}
