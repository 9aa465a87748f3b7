import { CloudState, Ctx, Kind, Stored, collection, referrers } from "../shared/cloud";
import { CloudError } from "../shared/operation";
import { Props, str } from "../shared/values";

/** An Alibaba refusal, its message led by the error code as the provider prints it (SDK.ServerError ErrorCode, Message). */
export function aliError(code: string, message: string): CloudError {
  return new CloudError(code, `${code}: ${message}`);
}

/** All Alibaba kinds, for reference look-ups across types (filled by provider.ts). */
export const ALL: Kind[] = [];

export function exists(state: CloudState, id: string): boolean {
  return ALL.some((k) => {
    const o = collection<Stored>(state, k.collection)[id];
    return o !== undefined && !o.deleting;
  });
}

/** The first live object of `types` naming `id`, as a refusal with the vendor's code and message. */
export function usedBy(state: CloudState, id: string, types: readonly string[], code: string, message: string): CloudError | undefined {
  const [by] = referrers(state, ALL, id, types);
  return by ? aliError(code, `${message} (${id} is used by ${by[0]})`) : undefined;
}

export interface AliKindSpec {
  readonly type: string;
  readonly collection: string;
  readonly name: (inputs: Props) => string | undefined;
  readonly id: (ctx: Ctx, inputs: Props) => string;
  readonly refs?: (ctx: Ctx, inputs: Props) => string[];
  /** The code of "the referenced object does not exist" per input (vpc/CreateVSwitch: InvalidVpcId.NotFound, ...). */
  readonly notFound?: Readonly<Record<string, string>>;
  /** The refusal of a create whose id exists already (a rule that exists, a name taken). */
  readonly duplicate?: { readonly code: string; readonly message: string };
  readonly computed?: (ctx: Ctx, inputs: Props, id: string, previous: Props | undefined) => Props;
  readonly shape?: (ctx: Ctx, inputs: Props, outputs: Props, id: string) => Props;
}

/** An Alibaba kind: every reference must name a live object (else the API's NotFound code). */
export function aliKind(spec: AliKindSpec, rest: Partial<Kind> = {}): Kind {
  return {
    type: spec.type,
    collection: spec.collection,
    name: spec.name,
    id: spec.id,
    refs: (ctx, inputs) => (spec.refs?.(ctx, inputs) ?? []).filter((r) => r !== ""),
    admit(ctx, inputs, id, existing) {
      const found = collection<Stored>(ctx.state, spec.collection)[id];
      if (spec.duplicate && !existing && found && !found.deleting) throw aliError(spec.duplicate.code, spec.duplicate.message);
      for (const [key, code] of Object.entries(spec.notFound ?? {})) {
        const values = ([] as unknown[]).concat(inputs[key] ?? []).map(str);
        for (const v of values) if (v && !exists(ctx.state, v)) throw aliError(code, `The specified ${key} ${v} does not exist.`);
      }
    },
    computed: (ctx, inputs, id, previous) => spec.computed?.(ctx, inputs, id, previous) ?? {},
    shape: spec.shape,
    ...rest,
  };
}
