/** The fleet's shared vocabulary: object references, bindings and what a member should hold. */
import type { KubeObject } from "./kube";

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  /** Empty for a cluster-scoped object. */
  readonly namespace: string;
  readonly name: string;
}

export function refOf(obj: KubeObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata?.namespace ?? "", name: obj.metadata?.name };
}

/** One stable key per object: apiVersion/kind/namespace/name. */
export function refKey(ref: ObjectRef): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

export function refText(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

/** What propagates a template: a policy of either kind or a MultiClusterService. */
export interface Claimant {
  readonly kind: "PropagationPolicy" | "ClusterPropagationPolicy" | "MultiClusterService";
  readonly namespace: string;
  readonly name: string;
}

export function claimantText(c: Claimant): string {
  return `${c.kind} ${c.namespace ? `${c.namespace}/` : ""}${c.name}`;
}

/**
 * Karmada's ResourceBinding, kept by the fleet between ticks: a template once bound stays bound
 * (with the clusters it was scheduled to and the content last propagated) until the template is
 * deleted, also after its policy is gone (karmada-io/karmada pkg/detector/detector.go
 * handlePolicyDeletion: "The relevant ResourceBinding will continue to exist until the resource
 * template is gone").
 */
export interface Binding {
  readonly template: ObjectRef;
  /** Undefined once the claiming policy is deleted or no longer selects the template. */
  readonly claimedBy?: Claimant;
  /** Member cluster ids the template is scheduled to. */
  readonly clusters: readonly string[];
  readonly conflictResolution: "Abort" | "Overwrite";
  readonly preserveResourcesOnDeletion: boolean;
  /** The template as last propagated (frozen while unclaimed). */
  readonly content: KubeObject;
}

/** One object a member should hold, and why. */
export interface Desired {
  readonly object: KubeObject;
  /** Overwrite an existing object the fleet did not create (Karmada's conflictResolution Overwrite). */
  readonly overwrite: boolean;
  /** Leave the object in the member, released, when it stops being desired. */
  readonly preserveOnDeletion: boolean;
  /** What wants it there, for the operation log, e.g. "PropagationPolicy provider-ns/web-demo". */
  readonly source: string;
  /** Which duration table entry its propagation takes. */
  readonly timing: "propagate" | "endpointSlices";
}

/** A problem the fleet reports once (a cluster a policy names that is not a member, a template it cannot read). */
export interface Problem {
  readonly key: string;
  readonly op: string;
  readonly type: string;
  readonly message: string;
}
