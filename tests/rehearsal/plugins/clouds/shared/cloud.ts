import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as provider from "@pulumi/pulumi/provider";
import { takeTime, timeScale } from "../../../lib/durations";
import { changeState, readState } from "../../../lib/stateLock";
import { DEFAULTS_KEY, Decision, ForceNewTable, ProviderDefaults, decide } from "./diff";
import { CloudError, OperationMeta, operation } from "./operation";
import { StandIn } from "./server";
import { Props, engineOutputs, fingerprintSecrets, isSecret, reveal } from "./values";

/** What a stand-in keeps of an object it created, beside the cloud's own fields. */
export interface Stored {
  readonly type: string;
  readonly name?: string;
  /** The inputs, each secret replaced by its fingerprint. */
  readonly inputs: Props;
  /** The outputs (inputs plus computed values), secrets fingerprinted likewise. */
  readonly outputs: Props;
  /** Ids of the objects the inputs name. */
  readonly refs: string[];
  readonly deleting?: boolean;
}

/** A state file: collections of objects by id (each an object of the cloud's own shape plus Stored). */
export type CloudState = Record<string, unknown>;

export interface Ctx {
  readonly config: Readonly<Record<string, string | undefined>>;
  readonly state: CloudState;
  /** The name part of the resource's URN. */
  readonly urnName: string;
}

/** One resource type as a cloud keeps it. */
export interface Kind {
  readonly type: string;
  /** Top-level key of the state file holding this type's objects. */
  readonly collection: string;
  /** The name the cloud shows (and checks for duplicates). */
  readonly name: (inputs: Props) => string | undefined;
  /** The object's id; called under the state lock before the create. */
  readonly id: (ctx: Ctx, inputs: Props) => string;
  /** Ids of the objects the inputs name (refs in the operation log). */
  readonly refs: (ctx: Ctx, inputs: Props) => string[];
  /** Refusals of a create or update, before anything changes. */
  readonly admit?: (ctx: Ctx, inputs: Props, id: string, existing: Stored | undefined) => void;
  /** Values the cloud computes. */
  readonly computed: (ctx: Ctx, inputs: Props, id: string, previous: Props | undefined) => Props;
  /** The cloud's own fields of the object, stored beside Stored (e.g. the aliyun stand-in's shapes). */
  readonly shape?: (ctx: Ctx, inputs: Props, outputs: Props, id: string) => Props;
  /** The cloud's own fields while the object is being deleted (an ACK cluster's `state: deleting`). */
  readonly deletingShape?: Props;
  /** The refusal of a delete while another live object still needs this one. */
  readonly inUse?: (state: CloudState, id: string) => CloudError | undefined;
  /** Error codes on which the real provider retries a delete, and its delete timeout in seconds. */
  readonly deleteRetry?: { readonly codes: readonly string[]; readonly timeoutSeconds: number };
  /** Changes to other objects when this one is created, updated or deleted (under the lock). */
  readonly onCreate?: (state: CloudState, id: string, inputs: Props) => void;
  readonly onDelete?: (state: CloudState, id: string, stored: Stored) => void;
  /** A change of this object in two phases (an ACK One hub busy while it changes): begin under the lock, end after the wait. */
  busy?: { begin(state: CloudState, id: string, inputs: Props, op: string): string | undefined; end(state: CloudState, token: string): void };
  /** What the cloud still does before it answers a create or a delete as done, once the state has settled (an ACK One hub waiting for its fleet). */
  done?(id: string, inputs: Props, op: "create" | "delete"): Promise<void>;
}

export function collection<T = Props & Stored>(state: CloudState, name: string): Record<string, T> {
  state[name] ??= {};
  return state[name] as Record<string, T>;
}

/** Every stored object of the given types, with its id. */
export function objectsOf(state: CloudState, kinds: readonly Kind[], types?: readonly string[]): [string, Props & Stored][] {
  return kinds
    .filter((k) => !types || types.includes(k.type))
    .flatMap((k) => Object.entries(collection(state, k.collection)).filter(([, o]) => o.type === k.type && !o.deleting));
}

/** The live objects of `types` whose refs name `id`. */
export function referrers(state: CloudState, kinds: readonly Kind[], id: string, types?: readonly string[]): [string, Props & Stored][] {
  return objectsOf(state, kinds, types).filter(([, o]) => o.refs.includes(id));
}

const strip = (props: Props): Props => Object.fromEntries(Object.entries(props).filter(([k]) => k !== DEFAULTS_KEY));

/** Restores the secrets a stored copy holds as fingerprints from the engine's copy of the same properties. */
export function withSecretsFrom(stored: unknown, engine: unknown): unknown {
  if (typeof stored === "object" && stored !== null && "secretSha256" in stored && isSecret(engine)) return engine;
  if (Array.isArray(stored)) return stored.map((v, i) => withSecretsFrom(v, Array.isArray(engine) ? engine[i] : undefined));
  if (typeof stored === "object" && stored !== null) {
    const e = (typeof engine === "object" && engine !== null ? (isSecret(engine) ? engine.value : engine) : {}) as Props;
    return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, withSecretsFrom(v, e[k])]));
  }
  return stored;
}

/**
 * The part every cloud stand-in shares: check (the bridge's auto-naming), diff (ForceNew), and
 * create / read / update / delete of the kinds it serves against one state file under its lock,
 * each an entry of the operation log taking its scaled real duration.
 */
export abstract class CloudStandIn implements StandIn {
  readonly version: string;
  protected config: Record<string, string | undefined> = {};
  private readonly byType: Map<string, Kind>;

  constructor(
    readonly pkg: string,
    readonly cloud: "gcp" | "alibaba",
    readonly table: ForceNewTable,
    readonly kinds: readonly Kind[],
    version: string,
  ) {
    this.version = version;
    this.byType = new Map(kinds.map((k) => [k.type, k]));
  }

  abstract stateFile(): string;

  /** The state file, its folder made if need be. */
  protected file(): string {
    const file = this.stateFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return file;
  }
  abstract configure(args: Props, variables: Record<string, string>): void;
  /** Inputs the provider configuration fills in when absent (project, region). */
  protected abstract providerDefaults(type: string): ProviderDefaults;
  /** How the bridge fills an absent auto-named input. */
  protected autoName(_type: string, urnName: string): string {
    return `${urnName}-${crypto.randomBytes(4).toString("hex").slice(0, 7)}`;
  }
  abstract invoke(token: string, args: Props): Promise<provider.InvokeResult>;

  protected emptyState(): CloudState {
    return {};
  }

  kind(urn: string): Kind {
    const type = urn.split("::")[2].split("$").pop()!;
    const kind = this.byType.get(type);
    if (!kind) throw new Error(`the ${this.pkg} stand-in does not serve ${type}`);
    return kind;
  }

  private ctx(state: CloudState, urn: string): Ctx {
    return { config: this.config, state, urnName: urn.split("::")[3] };
  }

  private meta(kind: Kind, op: string, id?: string, name?: string, refs?: string[]): OperationMeta & { refs?: string[] } {
    return { cloud: this.cloud, by: `plugin:${this.pkg}`, op, type: kind.type, id, name, refs };
  }

  check(urn: string, olds: Props, news: Props): Promise<provider.CheckResult> {
    const kind = this.kind(urn);
    const key = this.table.types[kind.type]?.autoName;
    const inputs: Props = { ...news, [DEFAULTS_KEY]: [] };
    if (key && news[key] === undefined) {
      const previous = Array.isArray(olds[DEFAULTS_KEY]) && (olds[DEFAULTS_KEY] as unknown[]).includes(key) ? olds[key] : undefined;
      inputs[key] = previous ?? this.autoName(kind.type, urn.split("::")[3]);
      inputs[DEFAULTS_KEY] = [key];
    }
    return Promise.resolve({ inputs });
  }

  decide(urn: string, olds: Props, news: Props, oldInputs: Props | undefined): Decision {
    const kind = this.kind(urn);
    const rules = this.table.types[kind.type];
    if (!rules) throw new Error(`plugins/forceNew has no rules for ${kind.type}`);
    return decide(rules, olds, news, oldInputs, this.providerDefaults(kind.type));
  }

  diff(_id: string, urn: string, olds: Props, news: Props): Promise<provider.DiffResult> {
    return Promise.resolve(this.decide(urn, olds, news, undefined));
  }

  async create(urn: string, raw: Props): Promise<provider.CreateResult> {
    const kind = this.kind(urn);
    const inputs = strip(raw);
    const meta = this.meta(kind, "create", undefined, kind.name(inputs));
    let token: string | undefined;
    const created = await operation(
      meta,
      async () => {
        let made: { id: string; outputs: Props } | undefined;
        changeState(
          this.file(),
          () => this.emptyState(),
          (state) => {
            const ctx = this.ctx(state, urn);
            const id = kind.id(ctx, inputs);
            meta.refs = kind.refs(ctx, inputs);
            kind.admit?.(ctx, inputs, id, undefined);
            const outputs = { ...inputs, ...kind.computed(ctx, inputs, id, undefined) };
            this.store(ctx, kind, id, inputs, outputs, meta.refs);
            kind.onCreate?.(state, id, inputs);
            token = kind.busy?.begin(state, id, inputs, "create");
            made = { id, outputs };
            return state;
          },
        );
        await takeTime(`${kind.type}.create`);
        this.settle(kind, token);
        await kind.done?.(made!.id, inputs, "create");
        return made!;
      },
      (r) => r.id,
    );
    return { id: created.id, outs: engineOutputs(created.outputs, inputs) };
  }

  async update(id: string, urn: string, olds: Props, raw: Props): Promise<provider.UpdateResult> {
    const kind = this.kind(urn);
    const inputs = strip(raw);
    let token: string | undefined;
    const meta = this.meta(kind, "update", id, kind.name(inputs));
    const outputs = await operation(meta, async () => {
      let outs: Props = {};
      changeState(
        this.file(),
        () => this.emptyState(),
        (state) => {
          const ctx = this.ctx(state, urn);
          const existing = collection<Stored>(state, kind.collection)[id];
          if (!existing) throw new CloudError("NotFound", `${kind.type} ${id} does not exist`);
          kind.admit?.(ctx, inputs, id, existing);
          outs = { ...inputs, ...kind.computed(ctx, inputs, id, reveal(olds) as Props) };
          meta.refs = kind.refs(ctx, inputs);
          this.store(ctx, kind, id, inputs, outs, meta.refs);
          token = kind.busy?.begin(state, id, inputs, "update");
          return state;
        },
      );
      await takeTime(`${kind.type}.update`);
      this.settle(kind, token);
      return outs;
    });
    return { outs: engineOutputs(outputs, inputs) };
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    const kind = this.kind(urn);
    const stored = readState<CloudState>(this.file(), () => this.emptyState());
    const existing = collection<Stored>(stored, kind.collection)[id];
    const meta = this.meta(kind, "delete", id, existing?.name ?? kind.name(reveal(props) as Props), existing?.refs);
    const deadline = Date.now() + ((kind.deleteRetry?.timeoutSeconds ?? 0) * 1000) / timeScale();
    let refusedOnce = false;
    for (;;) {
      let refusal: CloudError | undefined;
      let token: string | undefined;
      changeState(
        this.file(),
        () => this.emptyState(),
        (state) => {
          const objects = collection<Props & Stored>(state, kind.collection);
          if (!objects[id]) return state; // "not found" is done
          refusal = kind.inUse?.(state, id);
          if (refusal) return state;
          try {
            token = kind.busy?.begin(state, id, reveal(objects[id].inputs) as Props, "delete");
          } catch (e) {
            if (!(e instanceof CloudError)) throw e;
            refusal = e;
            return state;
          }
          objects[id] = { ...objects[id], ...(kind.deletingShape ?? {}), deleting: true };
          return state;
        },
      );
      const retry = refusal && kind.deleteRetry?.codes.includes(refusal.code) && Date.now() < deadline;
      if (refusal && !retry) {
        await operation(meta, () => Promise.reject(refusal!));
        return;
      }
      if (refusal) {
        // The provider retries this code (its IsExpectedErrors list) until its delete timeout.
        if (!refusedOnce) await operation(meta, () => Promise.reject(refusal!)).catch(() => undefined);
        refusedOnce = true;
        await new Promise((resolve) => setTimeout(resolve, Math.max(10, 5000 / timeScale())));
        continue;
      }
      await operation(meta, async () => {
        await takeTime(`${kind.type}.delete`);
        changeState(
          this.file(),
          () => this.emptyState(),
          (state) => {
            const objects = collection<Props & Stored>(state, kind.collection);
            const gone = objects[id];
            if (gone) {
              delete objects[id];
              kind.onDelete?.(state, id, gone);
            }
            if (token) kind.busy?.end(state, token);
            return state;
          },
        );
        await kind.done?.(id, reveal(existing?.inputs ?? props) as Props, "delete");
      });
      return;
    }
  }

  async read(id: string, urn: string, props: Props): Promise<provider.ReadResult> {
    const kind = this.kind(urn);
    return operation(this.meta(kind, "read", id), () => {
      const state = readState<CloudState>(this.file(), () => this.emptyState());
      const found = collection<Stored>(state, kind.collection)[id];
      if (!found || found.deleting) return {};
      const inputs = withSecretsFrom(found.inputs, props) as Props;
      return { id, props: engineOutputs(withSecretsFrom(found.outputs, props) as Props, inputs), inputs };
    });
  }

  private store(ctx: Ctx, kind: Kind, id: string, inputs: Props, outputs: Props, refs: string[]): void {
    const objects = collection<Props>(ctx.state, kind.collection);
    const stored: Stored = {
      type: kind.type,
      name: kind.name(inputs),
      inputs: fingerprintSecrets(inputs) as Props,
      outputs: fingerprintSecrets(outputs) as Props,
      refs,
    };
    objects[id] = { ...(objects[id] ?? {}), ...(kind.shape?.(ctx, reveal(inputs) as Props, reveal(outputs) as Props, id) ?? {}), ...stored };
  }

  private settle(kind: Kind, token: string | undefined): void {
    if (!token || !kind.busy) return;
    changeState(
      this.file(),
      () => this.emptyState(),
      (state) => {
        kind.busy!.end(state, token);
        return state;
      },
    );
  }
}
