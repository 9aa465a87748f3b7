import { Registration } from "./mocks";

/**
 * A URN as the engine builds it: the parent's whole qualified type chain, `$`, the type, then
 * the name. (The mock monitor keeps only the parent's last type, so URNs are rebuilt here.)
 */
export function urnOf(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
  const qualified = parentUrn ? `${parentUrn.split("::")[2]}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Each registration's URN as the engine would build it, by the mock's URN. */
export function engineUrns(registrations: readonly Registration[], stack: string, project: string): Map<string, string> {
  const byUrn = new Map(registrations.map((r) => [r.urn, r]));
  const memo = new Map<string, string>();
  const urnFor = (r: Registration): string => {
    const known = memo.get(r.urn);
    if (known) return known;
    const parent = r.parentUrn ? byUrn.get(r.parentUrn) : undefined;
    const urn = urnOf(stack, project, r.type, r.name, parent ? urnFor(parent) : r.parentUrn);
    memo.set(r.urn, urn);
    return urn;
  };
  return new Map(registrations.map((r) => [r.urn, urnFor(r)]));
}

/**
 * Every URN a registration answers to: its own, each alias resolved against its parent, and
 * the same again under each URN its parent answers to (the engine carries a parent's aliases
 * over to its children).
 */
export function answeringUrns(registrations: readonly Registration[], stack: string, project: string): Set<string> {
  const byUrn = new Map(registrations.map((r) => [r.urn, r]));
  const memo = new Map<string, string[]>();
  const urnsOf = (r: Registration): string[] => {
    const known = memo.get(r.urn);
    if (known) return known;
    const parentsOf = (parentUrn: string | undefined): (string | undefined)[] => {
      if (!parentUrn) return [undefined];
      const parent = byUrn.get(parentUrn);
      return parent ? urnsOf(parent) : [parentUrn];
    };
    const found = new Set<string>(parentsOf(r.parentUrn).map((p) => urnOf(stack, project, r.type, r.name, p)));
    for (const a of r.aliases) {
      if (a.urn) {
        found.add(a.urn);
        continue;
      }
      const parents = a.noParent ? [undefined] : parentsOf(a.parentUrn ?? r.parentUrn);
      for (const p of parents) found.add(urnOf(stack, project, a.type ?? r.type, a.name ?? r.name, p));
    }
    const list = [...found];
    memo.set(r.urn, list);
    return list;
  };
  return new Set(registrations.flatMap(urnsOf));
}
