import { Finding } from "./finding";

/** One object as the comparison sees it: what a user or a controller put there, not what the API server keeps on its own. */
export interface InventoryObject {
  readonly key: string;
  readonly content: string;
}

/** Fields the API server or controllers change on their own (bookkeeping, status). */
const VOLATILE_METADATA = ["resourceVersion", "managedFields", "generation", "uid", "creationTimestamp", "selfLink"];
const VOLATILE_ANNOTATIONS = ["deployment.kubernetes.io/revision", "kubectl.kubernetes.io/last-applied-configuration"];

/** The comparable form of an object of `kubectl get -o json`: no status, no bookkeeping. */
export function inventoryObject(o: Record<string, any>): InventoryObject {
  const metadata = { ...(o.metadata ?? {}) } as Record<string, any>;
  for (const field of VOLATILE_METADATA) delete metadata[field];
  if (metadata.annotations) {
    const annotations = { ...(metadata.annotations as Record<string, string>) };
    for (const a of VOLATILE_ANNOTATIONS) delete annotations[a];
    // An object that held only bookkeeping annotations compares as one that holds none.
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  const rest: Record<string, any> = { ...o, metadata };
  delete rest.status;
  const key = `${String(o.apiVersion).split("/")[0]}/${o.kind} ${metadata.namespace ? `${metadata.namespace}/` : ""}${metadata.name}`;
  return { key, content: canonicalJson(rest) };
}

/** JSON with every object's keys sorted, so two equal values always print alike. */
export function canonicalJson(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(value));
}

/**
 * After `destroy`: every object that existed before the run is exactly as it was (`foreign`),
 * and no object the run added is left (`leftovers`). `ignore` skips objects the cluster makes
 * by itself (events, leases, endpoints, pods and ReplicaSets whose owners are compared instead).
 */
export function compareInventories(
  place: string,
  before: readonly InventoryObject[],
  after: readonly InventoryObject[],
  ignore: (key: string) => boolean = () => false,
): { leftovers: Finding[]; foreign: Finding[] } {
  const was = new Map(before.filter((o) => !ignore(o.key)).map((o) => [o.key, o.content]));
  const is = new Map(after.filter((o) => !ignore(o.key)).map((o) => [o.key, o.content]));
  const leftovers: Finding[] = [];
  const foreign: Finding[] = [];
  for (const [key, content] of is) {
    if (!was.has(key)) leftovers.push({ check: "leftovers", message: `${place}: ${key} is left after destroy` });
    else if (was.get(key) !== content) foreign.push({ check: "foreign", message: `${place}: ${key}, which existed before the run, was changed` });
  }
  for (const key of was.keys()) {
    if (!is.has(key)) foreign.push({ check: "foreign", message: `${place}: ${key}, which existed before the run, was deleted` });
  }
  return { leftovers, foreign };
}
