import { EngineEvent } from "./engine";

/** How long each resource's step took in one engine run, from its events (ms, timed on arrival). */
export function stepDurations(events: readonly EngineEvent[]): Map<string, number> {
  const started = new Map<string, number>();
  const took = new Map<string, number>();
  for (const { at, event } of events) {
    const pre = event.resourcePreEvent?.metadata;
    if (pre?.urn) started.set(pre.urn, at);
    const done = event.resOutputsEvent?.metadata ?? event.resOpFailedEvent?.metadata;
    if (done?.urn && started.has(done.urn)) took.set(done.urn, at - started.get(done.urn)!);
  }
  return took;
}

/** A resource of an exported state, as far as ordering goes. */
export interface StateResource {
  readonly urn: string;
  /** False for the stack and components: their "step" spans their children's, so it weighs nothing. */
  readonly custom?: boolean;
  readonly provider?: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** The provider reference `urn::id` names the provider's URN. */
const providerUrn = (ref?: string) => (ref ? ref.slice(0, ref.lastIndexOf("::")) : undefined);

/**
 * The longest chain of steps that run one after another, each weighted by how long its step
 * took. `data` true follows only the dependencies an input truly has on another resource's
 * output (property dependencies) and on its provider: the floor no ordering can beat. `data`
 * false follows every declared dependency (dependsOn included): what the engine had to wait for.
 */
export function longestChain(resources: readonly StateResource[], took: ReadonlyMap<string, number>, data: boolean): { ms: number; chain: string[] } {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const memo = new Map<string, { ms: number; chain: string[] }>();
  const edges = (r: StateResource): string[] => {
    const deps = data ? Object.values(r.propertyDependencies ?? {}).flat() : [...(r.dependencies ?? [])];
    const provider = providerUrn(r.provider);
    return [...new Set([...deps, ...(provider ? [provider] : [])])].filter((u) => byUrn.has(u));
  };
  const visit = (urn: string, seen: Set<string>): { ms: number; chain: string[] } => {
    const known = memo.get(urn);
    if (known) return known;
    if (seen.has(urn)) return { ms: 0, chain: [] }; // a cycle cannot happen in a state; never loop
    seen.add(urn);
    let best = { ms: 0, chain: [] as string[] };
    for (const dep of edges(byUrn.get(urn)!)) {
      const candidate = visit(dep, seen);
      if (candidate.ms > best.ms) best = candidate;
    }
    seen.delete(urn);
    const own = byUrn.get(urn)!.custom === false ? 0 : (took.get(urn) ?? 0);
    const result = own === 0 ? best : { ms: best.ms + own, chain: [...best.chain, urn] };
    memo.set(urn, result);
    return result;
  };
  let longest = { ms: 0, chain: [] as string[] };
  for (const r of resources) {
    const candidate = visit(r.urn, new Set());
    if (candidate.ms > longest.ms) longest = candidate;
  }
  return longest;
}
