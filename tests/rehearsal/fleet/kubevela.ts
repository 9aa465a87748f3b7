/**
 * The seed's KubeVela distribution: an Application whose `ref-objects` component names objects on
 * the hub and whose `topology` policy names the clusters (kubevela/kubevela v1.11.0-alpha.4,
 * vela-templates/definitions/internal/component/ref-objects.cue and policy/topology.cue). The
 * objects are read from the hub in the Application's namespace unless one is named, found by
 * resource name (pkg/component/ref_objects.go GetGroupVersionKindFromRefObjectSelector: the
 * RESTMapper's KindsFor, which takes a singular or plural name), cleared for dispatch
 * (ClearRefObjectForDispatch) and applied to every topology cluster. With
 * `app.oam.dev/publishVersion` set, the workflow runs again only when that version changes
 * (pkg/controller/core.oam.dev/v1beta1/application/workflow.go); deleting the Application
 * deletes what it dispatched (pkg/resourcekeeper/gc.go).
 */
import type { KubeObject } from "./kube";
import { Problem } from "./model";

export const PUBLISH_VERSION_ANNOTATION = "app.oam.dev/publishVersion";

/** One object a ref-objects component names. */
export interface RefObject {
  readonly resource: string;
  readonly group: string;
  readonly namespace: string;
  readonly name: string;
}

export interface ApplicationPlan {
  readonly refs: readonly RefObject[];
  /** Cluster ids of every topology policy, members only. */
  readonly clusters: readonly string[];
  /** When this changes, the workflow runs again: publishVersion if set, else the generation. */
  readonly version: string;
  readonly problems: readonly Problem[];
}

export function applicationPlan(app: KubeObject, members: readonly string[]): ApplicationPlan {
  const ns = String(app.metadata?.namespace ?? "");
  const source = `Application ${ns}/${String(app.metadata?.name)}`;
  const problems: Problem[] = [];
  const refs: RefObject[] = [];
  for (const c of (app.spec?.components ?? []) as KubeObject[]) {
    if (c.type !== "ref-objects") {
      problems.push({
        key: `${source}/type/${c.type as string}`,
        op: "dispatch",
        type: "ackone:fleet:Application",
        message: `${source}: component type ${c.type as string} is not modelled by the fleet stand-in`,
      });
      continue;
    }
    for (const o of (c.properties?.objects ?? []) as KubeObject[])
      refs.push({ resource: String(o.resource ?? ""), group: String(o.group ?? ""), namespace: String(o.namespace ?? ns), name: String(o.name ?? c.name) });
  }
  const named = new Set<string>();
  for (const p of (app.spec?.policies ?? []) as KubeObject[])
    if (p.type === "topology") for (const c of (p.properties?.clusters ?? []) as string[]) named.add(c);
  const missing = [...named].filter((c) => !members.includes(c));
  if (missing.length > 0)
    problems.push({
      key: `${source}/missing/${missing.join(",")}`,
      op: "dispatch",
      type: "ackone:fleet:Application",
      message: `${source}: cluster(s) ${missing.join(", ")} are not members of the fleet`,
    });
  const version = String(app.metadata?.annotations?.[PUBLISH_VERSION_ANNOTATION] ?? `generation-${String(app.metadata?.generation ?? 0)}`);
  return { refs, clusters: [...named].filter((c) => members.includes(c)).sort(), version, problems };
}

/** Whether a discovered resource is the one a ref-object names (plural, singular, or kind in lower case; group when given). */
export function resourceNamed(ref: RefObject, info: { apiVersion: string; resource: string; singular: string; kind: string }): boolean {
  const group = info.apiVersion.includes("/") ? info.apiVersion.split("/")[0] : "";
  if (ref.group && ref.group !== group) return false;
  const name = ref.resource.toLowerCase();
  return name === info.resource || name === info.singular || name === info.kind.toLowerCase();
}
