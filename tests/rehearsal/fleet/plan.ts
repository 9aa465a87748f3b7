/** What every member should hold, from the bindings, the namespace sync, the multi-cluster Services and KubeVela. Pure. */
import type { KubeObject } from "./kube";
import { Binding, Desired, claimantText, refKey, refOf } from "./model";
import { syncedNamespaces } from "./namespaces";
import { MultiClusterServiceView } from "./policies";
import { MemberServices, dispatchedSlices, importedObjects } from "./services";
import { forMember } from "./workload";

/** A KubeVela Application's last dispatch (the workflow's output, kept until the next version). */
export interface AppDispatch {
  readonly version: string;
  readonly clusters: readonly string[];
  readonly objects: readonly KubeObject[];
}

export interface PlanInput {
  /** Joined member ids. */
  readonly members: readonly string[];
  readonly bindings: Readonly<Record<string, Binding>>;
  readonly namespaces: readonly KubeObject[];
  readonly namespaceSync: boolean;
  readonly services: readonly MultiClusterServiceView[];
  /** What each joined member holds of Services, EndpointSlices, ServiceExports and ServiceImports. */
  readonly memberServices: ReadonlyMap<string, MemberServices>;
  readonly apps: Readonly<Record<string, AppDispatch>>;
}

export type MemberPlan = Map<string, Desired>;

function put(plan: Map<string, MemberPlan>, member: string, desired: Desired): void {
  const forMemberPlan = plan.get(member) ?? new Map<string, Desired>();
  const key = refKey(refOf(desired.object));
  // The first source wins a key two sources want (a Namespace both synced and selected is one object).
  if (!forMemberPlan.has(key)) forMemberPlan.set(key, desired);
  plan.set(member, forMemberPlan);
}

export function desiredByMember(input: PlanInput): Map<string, MemberPlan> {
  const plan = new Map<string, MemberPlan>(input.members.map((m) => [m, new Map<string, Desired>()]));
  const joined = new Set(input.members);
  for (const binding of Object.values(input.bindings)) {
    const source = binding.claimedBy ? claimantText(binding.claimedBy) : `ResourceBinding of ${binding.template.kind} ${binding.template.name} (no policy)`;
    for (const cluster of binding.clusters) {
      if (!joined.has(cluster)) continue;
      put(plan, cluster, {
        object: forMember(binding.content),
        overwrite: binding.conflictResolution === "Overwrite",
        preserveOnDeletion: binding.preserveResourcesOnDeletion,
        source,
        timing: "propagate",
      });
    }
  }
  if (input.namespaceSync) {
    for (const ns of syncedNamespaces(input.namespaces))
      for (const m of input.members)
        put(plan, m, { object: forMember(ns), overwrite: false, preserveOnDeletion: false, source: "namespace sync", timing: "propagate" });
  }
  const slices = new Map([...input.memberServices].map(([id, s]) => [id, s.slices]));
  for (const mcs of input.services) {
    for (const [consumer, list] of dispatchedSlices(mcs, slices, input.members))
      for (const slice of list)
        put(plan, consumer, {
          object: forMember(slice),
          overwrite: true,
          preserveOnDeletion: false,
          source: `MultiClusterService ${mcs.namespace}/${mcs.name}`,
          timing: "endpointSlices",
        });
  }
  for (const [consumer, list] of importedObjects(input.memberServices))
    for (const obj of list)
      put(plan, consumer, {
        object: forMember(obj),
        overwrite: false,
        preserveOnDeletion: false,
        source: "ServiceExport/ServiceImport",
        timing: "endpointSlices",
      });
  for (const [key, app] of Object.entries(input.apps))
    for (const cluster of app.clusters)
      if (joined.has(cluster))
        for (const obj of app.objects)
          put(plan, cluster, { object: forMember(obj), overwrite: false, preserveOnDeletion: false, source: `Application ${key}`, timing: "propagate" });
  return plan;
}
