/**
 * Which policy propagates a resource template, and to which clusters, as Karmada decides it
 * (karmada-io/karmada f8fdd02df): pkg/util/selector.go ResourceSelectorPriority, pkg/detector/
 * compare.go (explicit priority, then implicit, then name), pkg/detector/policy.go
 * propagateResource (a claimed template stays with its policy; a PropagationPolicy of the
 * template's namespace before any ClusterPropagationPolicy), pkg/controllers/multiclusterservice/
 * mcs_controller.go claimMultiClusterServiceForService (a MultiClusterService takes its Service
 * over, "Policy cannot reclaim it": pkg/detector/detector.go Reconcile).
 */
import type { KubeObject } from "./kube";
import { Binding, Claimant, ObjectRef, Problem, claimantText, refKey, refOf, refText } from "./model";

export interface PolicyView {
  readonly kind: "PropagationPolicy" | "ClusterPropagationPolicy";
  /** Empty for a ClusterPropagationPolicy. */
  readonly namespace: string;
  readonly name: string;
  readonly spec: KubeObject;
  /** Has a deletionTimestamp: a policy being deleted matches nothing (pkg/detector/detector.go LookForMatchedPolicy). */
  readonly deleting: boolean;
}

export interface MultiClusterServiceView {
  readonly namespace: string;
  readonly name: string;
  readonly spec: KubeObject;
  readonly deleting: boolean;
}

/** pkg/util/selector.go ImplicitPriority. */
export const MISMATCH = 0;
const MATCH_ALL = 1;
const MATCH_LABEL_SELECTOR = 2;
const MATCH_NAME = 3;

/** metav1.LabelSelector semantics: every matchLabels pair and every matchExpressions requirement holds. */
export function labelSelectorMatches(labels: Readonly<Record<string, string>>, selector: KubeObject): boolean {
  for (const [k, v] of Object.entries((selector.matchLabels ?? {}) as Record<string, string>)) if (labels[k] !== v) return false;
  for (const e of (selector.matchExpressions ?? []) as KubeObject[]) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = (e.values ?? []) as string[];
    switch (e.operator) {
      case "In":
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[e.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** How well one resource selector matches an object (0 when it does not). */
export function selectorPriority(obj: KubeObject, selector: KubeObject): number {
  const ref = refOf(obj);
  if (ref.apiVersion !== selector.apiVersion || ref.kind !== selector.kind) return MISMATCH;
  if (selector.namespace && ref.namespace !== selector.namespace) return MISMATCH;
  if (selector.name) return selector.name === ref.name ? MATCH_NAME : MISMATCH;
  if (!selector.labelSelector) return MATCH_ALL;
  return labelSelectorMatches((obj.metadata?.labels ?? {}) as Record<string, string>, selector.labelSelector as KubeObject) ? MATCH_LABEL_SELECTOR : MISMATCH;
}

/** The best match among a policy's selectors; a PropagationPolicy only ever selects in its own namespace. */
export function policyMatch(obj: KubeObject, policy: PolicyView): number {
  if (policy.deleting) return MISMATCH;
  const ns = obj.metadata?.namespace ?? "";
  if (policy.kind === "PropagationPolicy" && ns !== policy.namespace) return MISMATCH;
  return Math.max(MISMATCH, ...((policy.spec.resourceSelectors ?? []) as KubeObject[]).map((s) => selectorPriority(obj, s)));
}

/** pkg/detector/compare.go getHighestPriorityPropagationPolicy: explicit priority, then implicit, then the smaller name. */
export function bestPolicy(obj: KubeObject, policies: readonly PolicyView[]): PolicyView | undefined {
  let best: PolicyView | undefined;
  let bestExplicit = -Infinity;
  let bestImplicit = MISMATCH;
  for (const p of policies) {
    const implicit = policyMatch(obj, p);
    if (implicit === MISMATCH) continue;
    const explicit = Number(p.spec.priority ?? 0);
    if (explicit > bestExplicit || (explicit === bestExplicit && (implicit > bestImplicit || (implicit === bestImplicit && best && p.name < best.name)))) {
      best = p;
      bestExplicit = explicit;
      bestImplicit = implicit;
    }
  }
  return best;
}

/** pkg/util/helper/mcs.go MultiClusterServiceCrossClusterEnabled. */
export function crossCluster(mcs: MultiClusterServiceView): boolean {
  return !mcs.deleting && ((mcs.spec.types ?? []) as string[]).includes("CrossCluster");
}

function sameClaimant(a: Claimant | undefined, b: Claimant): boolean {
  return !!a && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** Who propagates `obj` now, given who claimed it before. */
export function claimFor(
  obj: KubeObject,
  previous: Claimant | undefined,
  policies: readonly PolicyView[],
  services: readonly MultiClusterServiceView[],
): { claimant: Claimant; policy?: PolicyView; service?: MultiClusterServiceView } | undefined {
  const ref = refOf(obj);
  if (ref.apiVersion === "v1" && ref.kind === "Service") {
    const mcs = services.find((s) => s.namespace === ref.namespace && s.name === ref.name && crossCluster(s));
    if (mcs) return { claimant: { kind: "MultiClusterService", namespace: mcs.namespace, name: mcs.name }, service: mcs };
  }
  const kept = policies.find((p) => sameClaimant(previous, { kind: p.kind, namespace: p.namespace, name: p.name }) && policyMatch(obj, p) > MISMATCH);
  const chosen =
    kept ??
    (ref.namespace
      ? bestPolicy(
          obj,
          policies.filter((p) => p.kind === "PropagationPolicy"),
        )
      : undefined) ??
    bestPolicy(
      obj,
      policies.filter((p) => p.kind === "ClusterPropagationPolicy"),
    );
  return chosen ? { claimant: { kind: chosen.kind, namespace: chosen.namespace, name: chosen.name }, policy: chosen } : undefined;
}

/**
 * The clusters a placement names: clusterAffinity.clusterNames less exclude; no affinity at all
 * means every member (pkg/util/cluster.go ClusterMatches). Names that are not members are not
 * scheduled and are reported (the scheduler's "no cluster fits").
 */
export function placementClusters(spec: KubeObject, members: readonly string[], source: string): { clusters: string[]; problems: Problem[] } {
  const affinity = (spec.placement?.clusterAffinity ?? (spec.placement?.clusterAffinities as KubeObject[] | undefined)?.[0]) as KubeObject | undefined;
  const problems: Problem[] = [];
  if (!affinity) return { clusters: [...members], problems };
  if (affinity.labelSelector || affinity.fieldSelector)
    problems.push({
      key: `${source}/selectors`,
      op: "schedule",
      type: "ackone:fleet:Placement",
      message: `${source}: cluster label and field selectors are not modelled by the fleet stand-in`,
    });
  const exclude = new Set((affinity.exclude ?? []) as string[]);
  const named = ((affinity.clusterNames ?? []) as string[]).filter((n) => !exclude.has(n));
  const missing = named.filter((n) => !members.includes(n));
  if (missing.length > 0)
    problems.push({
      key: `${source}/missing/${missing.join(",")}`,
      op: "schedule",
      type: "ackone:fleet:Placement",
      message: `${source}: cluster(s) ${missing.join(", ")} are not members of the fleet; nothing is scheduled there`,
    });
  return { clusters: named.filter((n) => members.includes(n)), problems };
}

/** The clusters of a MultiClusterService's list; an empty list means every member (pkg/util/helper/mcs.go GetProviderClusters). */
export function serviceClusters(list: readonly KubeObject[] | undefined, members: readonly string[]): string[] {
  const names = (list ?? []).map((c) => String(c.name));
  return names.length === 0 ? [...members] : names.filter((n) => members.includes(n));
}

/**
 * Karmada's detector and binding controllers over one tick: each template a policy or a
 * MultiClusterService selects gets (or keeps) a binding; a binding whose template is gone is
 * dropped (its member objects go with it); a binding whose policy is gone keeps its clusters and
 * its last content. `templates` holds every object any selector could match and every template an
 * existing binding names that still exists.
 */
export function reconcileBindings(
  previous: Readonly<Record<string, Binding>>,
  templates: readonly KubeObject[],
  policies: readonly PolicyView[],
  services: readonly MultiClusterServiceView[],
  members: readonly string[],
): { bindings: Record<string, Binding>; problems: Problem[] } {
  const bindings: Record<string, Binding> = {};
  const problems: Problem[] = [];
  const present = new Map(templates.filter((t) => !t.metadata?.deletionTimestamp).map((t) => [refKey(refOf(t)), t]));
  const keys = new Set([...present.keys(), ...Object.keys(previous)]);
  for (const key of [...keys].sort()) {
    const template = present.get(key);
    const before = previous[key];
    if (!template) continue; // template deleted: the binding goes, and with it what it put on members
    const claim = claimFor(template, before?.claimedBy, policies, services);
    if (!claim) {
      // Not (or no longer) selected: an existing binding stays as it was, on the members still attached.
      if (before) bindings[key] = { ...before, claimedBy: undefined, clusters: before.clusters.filter((c) => members.includes(c)) };
      continue;
    }
    const source = claimantText(claim.claimant);
    if (claim.service) {
      const spec = claim.service.spec;
      const clusters = [
        ...new Set([...serviceClusters(spec.providerClusters as KubeObject[], members), ...serviceClusters(spec.consumerClusters as KubeObject[], members)]),
      ].sort();
      // The MultiClusterService's binding overwrites what members hold (mcs_controller.go buildResourceBinding: ConflictOverwrite).
      bindings[key] = {
        template: refOf(template),
        claimedBy: claim.claimant,
        clusters,
        conflictResolution: "Overwrite",
        preserveResourcesOnDeletion: false,
        content: template,
      };
      continue;
    }
    const spec = claim.policy!.spec;
    const placed = placementClusters(spec, members, `${source} (${refText(refOf(template))})`);
    problems.push(...placed.problems);
    bindings[key] = {
      template: refOf(template),
      claimedBy: claim.claimant,
      clusters: placed.clusters.sort(),
      conflictResolution: spec.conflictResolution === "Overwrite" ? "Overwrite" : "Abort",
      preserveResourcesOnDeletion: spec.preserveResourcesOnDeletion === true,
      content: template,
    };
  }
  return { bindings, problems };
}

/** Every (apiVersion, kind, namespace) a policy or service could select, for the controller to list. */
export function selectedKinds(policies: readonly PolicyView[], services: readonly MultiClusterServiceView[]): ObjectRef[] {
  const seen = new Map<string, ObjectRef>();
  const add = (apiVersion: string, kind: string, namespace: string) =>
    seen.set(`${apiVersion}/${kind}/${namespace}`, { apiVersion, kind, namespace, name: "" });
  for (const p of policies) {
    if (p.deleting) continue;
    for (const s of (p.spec.resourceSelectors ?? []) as KubeObject[])
      add(s.apiVersion, s.kind, p.kind === "PropagationPolicy" ? p.namespace : (s.namespace ?? ""));
  }
  for (const s of services) if (crossCluster(s)) add("v1", "Service", s.namespace);
  return [...seen.values()];
}
