/**
 * What a member receives of a hub object and how the fleet writes it, as Karmada's execution
 * controller does (karmada-io/karmada f8fdd02df): fields the hub's API server made are pruned
 * (pkg/resourceinterpreter/default/native/prune/prune.go RemoveIrrelevantFields, a Service's
 * clusterIP, a Deployment's revision annotations), the object carries `karmada.io/managed: "true"`
 * (pkg/controllers/ctrlutil/work.go CreateOrUpdateWork), an existing object without that label is
 * left alone unless the policy says Overwrite (pkg/util/objectwatcher/objectwatcher.go allowUpdate),
 * an update keeps what the member's controllers set (retainClusterFields: resourceVersion,
 * finalizers, owner references, labels and annotations merged), and only managed objects are
 * deleted (objectwatcher.go Delete: "Abort deleting the resource ... not managed by Karmada").
 */
import type { KubeObject } from "./kube";

export const MANAGED_LABEL = "karmada.io/managed";

const DEPLOYMENT_REVISION_ANNOTATIONS = ["deployment.kubernetes.io/revision", "deployment.kubernetes.io/revision-history"];

function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

/** The hub object as a member receives it. */
export function forMember(template: KubeObject): KubeObject {
  const obj = clone(template);
  const meta = (obj.metadata ?? {}) as KubeObject;
  obj.metadata = {
    name: meta.name,
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
    labels: { ...((meta.labels ?? {}) as Record<string, string>), [MANAGED_LABEL]: "true" },
    ...(meta.annotations ? { annotations: { ...(meta.annotations as Record<string, string>) } } : {}),
  };
  delete obj.status;
  if (obj.kind === "Deployment" && obj.metadata.annotations) {
    for (const a of DEPLOYMENT_REVISION_ANNOTATIONS) delete obj.metadata.annotations[a];
    if (Object.keys(obj.metadata.annotations as object).length === 0) delete obj.metadata.annotations;
  }
  if (obj.kind === "Service" && obj.apiVersion === "v1" && obj.spec?.clusterIP && obj.spec.clusterIP !== "None") {
    delete obj.spec.clusterIP;
    delete obj.spec.clusterIPs;
  }
  return obj;
}

export function isManaged(obj: KubeObject): boolean {
  return obj.metadata?.labels?.[MANAGED_LABEL] === "true";
}

/** `want` holds nothing `have` lacks: every field it sets has the same value there (arrays item by item). */
export function contained(want: unknown, have: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(have) && want.length === have.length && want.every((w, i) => contained(w, have[i]));
  if (want !== null && typeof want === "object") {
    if (have === null || typeof have !== "object" || Array.isArray(have)) return false;
    return Object.entries(want as Record<string, unknown>).every(([k, v]) => contained(v, (have as Record<string, unknown>)[k]));
  }
  return want === have;
}

/** The desired object with what the member holds of its own kept, ready for a PUT. */
export function retained(desired: KubeObject, observed: KubeObject): KubeObject {
  const obj = clone(desired);
  const om = (observed.metadata ?? {}) as KubeObject;
  const annotations = { ...((om.annotations ?? {}) as Record<string, string>), ...((obj.metadata.annotations ?? {}) as Record<string, string>) };
  obj.metadata = {
    ...obj.metadata,
    resourceVersion: om.resourceVersion,
    ...(om.finalizers ? { finalizers: om.finalizers } : {}),
    ...(om.ownerReferences ? { ownerReferences: om.ownerReferences } : {}),
    labels: { ...((om.labels ?? {}) as Record<string, string>), ...((obj.metadata.labels ?? {}) as Record<string, string>) },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  if (Object.keys(annotations).length === 0) delete obj.metadata.annotations;
  // pkg/resourceinterpreter/default/native/retain.go: a Service keeps the addresses its cluster gave it.
  if (obj.kind === "Service" && observed.spec) {
    for (const f of ["clusterIP", "clusterIPs", "healthCheckNodePort"]) if (observed.spec[f] !== undefined) obj.spec[f] = observed.spec[f];
  }
  return obj;
}

export type ApplyDecision =
  | { readonly action: "create"; readonly object: KubeObject }
  | { readonly action: "update"; readonly object: KubeObject }
  | { readonly action: "none" }
  | { readonly action: "conflict"; readonly message: string };

/** What the execution controller does with one desired object given what the member holds. */
export function decideApply(desired: KubeObject, observed: KubeObject | undefined, overwrite: boolean, memberText: string): ApplyDecision {
  if (!observed) return { action: "create", object: desired };
  if (!isManaged(observed) && !overwrite)
    return {
      action: "conflict",
      message: `${desired.kind as string} ${observed.metadata?.namespace ? `${observed.metadata.namespace as string}/` : ""}${observed.metadata?.name as string} already exists in the cluster ${memberText} and the work.karmada.io/conflict-resolution strategy value is empty, the fleet will not manage this resource`,
    };
  const object = retained(desired, observed);
  return contained(object, observed) ? { action: "none" } : { action: "update", object };
}

/** What the execution controller does when a member should no longer hold an object. */
export function decideDelete(observed: KubeObject | undefined): "absent" | "delete" | "unmanaged" {
  if (!observed) return "absent";
  return isManaged(observed) ? "delete" : "unmanaged";
}

/**
 * A released object (preserveResourcesOnDeletion): the fleet's label is taken off and the object
 * stays (pkg/controllers/execution/execution_controller.go cleanupPolicyClaimMetadata).
 */
export function released(observed: KubeObject): KubeObject {
  const obj = clone(observed);
  if (obj.metadata?.labels) delete obj.metadata.labels[MANAGED_LABEL];
  return obj;
}
