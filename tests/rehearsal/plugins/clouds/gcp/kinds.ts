import { CloudState, Ctx, Kind, Stored, collection, referrers } from "../shared/cloud";
import { CloudError } from "../shared/operation";
import { Props, str } from "../shared/values";
import { alreadyExists, inUse, notFound } from "./errors";

export interface GcpKindSpec {
  readonly type: string;
  readonly collection: string;
  /** What terraform-provider-google calls it in messages ("Network", "VpnTunnel"). */
  readonly what: string;
  /** How Compute Engine names it in "The <word> resource ... is already being used". */
  readonly word: string;
  readonly id: (ctx: Ctx, inputs: Props) => string;
  readonly refs?: (ctx: Ctx, inputs: Props) => string[];
  readonly computed?: (ctx: Ctx, inputs: Props, id: string, previous: Props | undefined) => Props;
  /** Types whose live objects naming this one refuse its delete. */
  readonly usedBy?: readonly string[];
  /** Objects embedded in this one in the API (a router's interfaces and peers), gone with it. */
  readonly embeds?: readonly string[];
  readonly name?: (inputs: Props) => string | undefined;
}

/** All GCP kinds, for reference look-ups across types (filled by provider.ts). */
export const ALL: Kind[] = [];

function exists(state: CloudState, id: string): boolean {
  return ALL.some((k) => {
    const o = collection<Stored>(state, k.collection)[id];
    return o !== undefined && !o.deleting;
  });
}

/**
 * A GCP kind: ids from names (so a name exists once in its scope), every reference must name a
 * live object, and a delete is refused while a live object of `usedBy` names it.
 */
export function gcpKind(spec: GcpKindSpec): Kind {
  return {
    type: spec.type,
    collection: spec.collection,
    name: spec.name ?? ((inputs) => str(inputs.name)),
    id: spec.id,
    refs: (ctx, inputs) => (spec.refs?.(ctx, inputs) ?? []).filter((r) => r !== ""),
    admit(ctx, inputs, id, existing) {
      const found = collection<Stored>(ctx.state, spec.collection)[id];
      if (!existing && found && !found.deleting) throw alreadyExists(spec.what, id);
      for (const ref of spec.refs?.(ctx, inputs) ?? []) if (ref !== "" && !exists(ctx.state, ref)) throw notFound(spec.what, ref);
    },
    computed: (ctx, inputs, id, previous) => ({
      selfLink: `https://www.googleapis.com/compute/v1/${id}`,
      ...(spec.computed?.(ctx, inputs, id, previous) ?? {}),
    }),
    inUse(state, id): CloudError | undefined {
      const [by] = referrers(state, ALL, id, spec.usedBy ?? []);
      return by ? inUse(spec.what, spec.word, id, by[0]) : undefined;
    },
    onDelete(state, id) {
      for (const [embedded, o] of referrers(state, ALL, id, spec.embeds ?? [])) {
        const k = ALL.find((x) => x.type === o.type)!;
        delete collection(state, k.collection)[embedded];
      }
    },
  };
}
