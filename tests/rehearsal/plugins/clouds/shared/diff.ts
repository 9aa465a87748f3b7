import * as fs from "fs";
import * as path from "path";
import { Props, UNKNOWN, hasUnknown, reveal, sameValue, valuesAt } from "./values";

/** One type's entry in plugins/forceNew/<provider>.json. */
export interface ForceNewRules {
  readonly tf: string;
  readonly source: string;
  readonly forceNew: readonly string[];
  readonly optionalComputed: readonly string[];
  readonly autoName?: string;
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly conditional?: readonly { path: string; when: string; source: string }[];
  /**
   * ForceNew paths that are nested blocks (a TypeList or TypeSet of a Resource): the SDK gives
   * their ForceNew to their count only, so adding or removing the block replaces, a change inside
   * it only through its own ForceNew fields (terraform-plugin-sdk v2 helper/schema/schema.go
   * schemaMap.diffList: `countSchema` takes the list's ForceNew; a Resource element's fields diff
   * with their own schema, while a primitive element takes the list's).
   */
  readonly blocks?: readonly string[];
}

export interface ForceNewTable {
  readonly provider: { readonly package: string; readonly upstream: string; readonly ref: string; readonly commit: string };
  readonly types: Readonly<Record<string, ForceNewRules>>;
}

export function loadForceNew(provider: "gcp" | "alicloud" | "random"): ForceNewTable {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "forceNew", `${provider}.json`), "utf8")) as ForceNewTable;
}

/** The bridge keeps the names it filled in under this key (pulumi-terraform-bridge reservedkeys.Defaults). */
export const DEFAULTS_KEY = "__defaults";

export type DiffKind = "add" | "delete" | "update";

export interface Decision {
  readonly changes: boolean;
  /** Top-level inputs whose change forces a replacement. */
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
  /** Changed top-level inputs, with how they changed. */
  readonly detailed: Record<string, DiffKind>;
}

/** Values the provider fills in for absent inputs (the provider configuration's project and region). */
export type ProviderDefaults = Readonly<Record<string, unknown>>;

/**
 * What the real provider plans for a change of inputs: a replacement when any ForceNew path
 * changed, an update when any other input changed, nothing otherwise. `olds` are the recorded
 * outputs (inputs plus what the provider computed), `oldInputs` the inputs of the last update.
 * Delete-before-replace follows pulumi-terraform-bridge v3.136.0 pkg/tfbridge/provider.go Diff:
 * only when the resource's auto-named input was given explicitly (schema.go
 * nameRequiresDeleteBeforeReplace); no type here sets ResourceInfo.DeleteBeforeReplace.
 */
export function decide(rules: ForceNewRules, olds: Props, news: Props, oldInputs: Props | undefined, defaults: ProviderDefaults = {}): Decision {
  const before = oldInputs ?? olds;
  const computed = new Set(rules.optionalComputed);
  const fill = (key: string, v: unknown) => (v === undefined ? rules.defaults?.[key] : v);
  // An absent input the provider computes keeps the recorded value; one the provider
  // configuration supplies (project, region) takes the configured value.
  const oldTop = (key: string): unknown => fill(key, before[key] ?? (key in defaults || computed.has(key) ? olds[key] : undefined));
  const newTop = (key: string): unknown => {
    if (news[key] !== undefined) return fill(key, news[key]);
    if (key in defaults) return defaults[key];
    return computed.has(key) ? oldTop(key) : fill(key, undefined);
  };

  const detailed: Record<string, DiffKind> = {};
  const keys = new Set(
    [...Object.keys(before), ...Object.keys(news), ...Object.keys(defaults).filter((k) => olds[k] !== undefined)].filter((k) => k !== DEFAULTS_KEY),
  );
  for (const key of keys) {
    const [a, b] = [oldTop(key), newTop(key)];
    if (hasUnknown(b) || !sameValue(a, b)) detailed[key] = a === undefined ? "add" : b === undefined ? "delete" : "update";
  }

  const replaced = new Set<string>();
  // A path with a condition replaces only when its condition holds.
  const refined = new Set((rules.conditional ?? []).map((c) => c.path));
  const blocks = new Set(rules.blocks ?? []);
  for (const p of rules.forceNew) {
    const top = p.split(".")[0];
    if (!(top in detailed) || refined.has(p)) continue;
    const oldValues = valuesAt({ [top]: oldTop(top) }, p);
    const newValues = valuesAt({ [top]: newTop(top) }, p);
    if (computed.has(p) && newValues.every((v) => v === undefined)) continue;
    if (blocks.has(p)) {
      // A block replaces when it comes or goes (or is unknown as a whole), not when its inside changes.
      if (newValues.some((v) => v === UNKNOWN) || !sameValue(oldValues.map(blockCount), newValues.map(blockCount))) replaced.add(top);
      continue;
    }
    if (newValues.some(hasUnknown) || !sameValue(oldValues, newValues)) replaced.add(top);
  }
  for (const c of rules.conditional ?? []) {
    const top = c.path.split(".")[0];
    if (top in detailed && conditionHolds(c.when, reveal(oldTop(top)), reveal(news[top]))) replaced.add(top);
  }

  const replaces = [...replaced].sort();
  const named = rules.autoName !== undefined && news[rules.autoName] !== undefined && !autoNamed(news, rules.autoName);
  return { changes: Object.keys(detailed).length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && named, detailed };
}

/** How many elements a block has: a list's length, one for a single block (Pulumi's flattened MaxItems 1), none when absent. */
function blockCount(v: unknown): number {
  const plain = reveal(v);
  if (plain === undefined || plain === null) return 0;
  return Array.isArray(plain) ? plain.length : 1;
}

function autoNamed(news: Props, key: string): boolean {
  const filled = news[DEFAULTS_KEY];
  return Array.isArray(filled) && filled.includes(key);
}

/** The CustomizeDiff conditions of the types here (forceNew/*.json `conditional`). */
function conditionHolds(when: string, before: unknown, after: unknown): boolean {
  switch (when) {
    case "cidrShrinks":
      return typeof before === "string" && typeof after === "string" && !cidrContains(after, before);
    case "turnedOff":
      return before === true && after === false;
    case "keepersValuesNotNull":
      return keepersReplace(before, after);
    case "notEmptyToNull":
      return !(after === undefined && before === "");
    default:
      return false;
  }
}

/** terraform-provider-random mapplanmodifiers.RequiresReplaceIfValuesNotNull, v3.9.0. */
function keepersReplace(before: unknown, after: unknown): boolean {
  const o = (before ?? {}) as Props;
  const n = (after ?? {}) as Props;
  const nullish = (v: unknown) => v === undefined || v === null;
  if (Object.entries(n).every(([k, v]) => (nullish(v) && !(k in o)) || sameValue(v, o[k])) && Object.keys(o).every((k) => k in n)) return false;
  if (before === undefined && Object.values(n).every(nullish)) return false;
  return true;
}

function ipv4(a: string): number {
  return a.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** True when CIDR `outer` contains every address of CIDR `inner` (terraform-provider-google IsShrinkageIpCidr). */
export function cidrContains(outer: string, inner: string): boolean {
  const range = (c: string): [number, number] => {
    const [addr, bits] = c.split("/");
    const size = 2 ** (32 - Number(bits));
    const start = Math.floor(ipv4(addr) / size) * size;
    return [start, start + size - 1];
  };
  const [os, oe] = range(outer);
  const [is, ie] = range(inner);
  return os <= is && ie <= oe;
}
