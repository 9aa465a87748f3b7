/** Collects every configuration problem so that one run reports them all at once. */
import { nearestKey } from "./suggest";

export const PROJECT = "multicloud-mesh";

/** Shown instead of a secret's value, or of any value of a key that holds a secret. */
export const HIDDEN = "[secret]";

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The top-level config key a key path lies under: `vpnLinks[0].peer.zone` -> `vpnLinks`. */
export function topLevelKey(key: string): string {
  return key.split(/[.[]/)[0];
}

export class Problems {
  readonly list: string[] = [];
  readonly warnings: string[] = [];
  /** Every mapping read, so that keys nobody read can be reported as unknown. */
  readonly readers: Reader[] = [];
  /**
   * Top-level keys that hold a secret (set with --secret, or named as a kubeconfig or credential):
   * no value under them is ever shown. A structured key with one `secure:` value inside reaches
   * the program as one secret text, so which part was secret is not known: none is shown.
   */
  readonly secretKeys = new Set<string>();

  /** The value as messages may show it: `[secret]` for anything set under a secret key. */
  private shown(key: string, value: unknown): string {
    return value !== undefined && this.secretKeys.has(topLevelKey(key)) ? HIDDEN : show(value);
  }

  /** Records `<key> = <value>: <why>. Fix: <fix>`. */
  add(key: string, value: unknown, why: string, fix: string): void {
    this.list.push(`${PROJECT}:${key} = ${this.shown(key, value)}: ${why}. Fix: ${fix}`);
  }

  /** A setting accepted on purpose although it is unsafe: reported, not rejected. */
  warn(key: string, value: unknown, why: string): void {
    this.warnings.push(`${PROJECT}:${key} = ${this.shown(key, value)}: ${why}`);
  }

  /** Reports each key of a mapping that no check read: a misspelling that would otherwise be ignored. */
  reportUnknownKeys(): void {
    for (const r of this.readers) {
      for (const key of Object.keys(r.value)) {
        if (r.read.has(key) || r.extraKnown.has(key)) continue;
        const known = [...r.read, ...r.extraKnown];
        const near = nearestKey(key, known);
        if (r.hidden.has(key)) {
          // A secret may be shared with other stacks (ESC): unused here is worth a warning only.
          this.warn(r.key(key), HIDDEN, "is a secret this stack does not use");
          continue;
        }
        const value = r.value[key];
        this.add(
          r.key(key),
          value,
          "is not a known key",
          near ? `did you mean ${r.key(near)}?` : `remove it; the keys read here are ${known.length > 0 ? known.join(", ") : "(none)"}`,
        );
      }
    }
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ConfigError(this.list);
  }
}

export function show(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (value === HIDDEN) return HIDDEN;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** What a wrong value is, for "must be X, not Y". */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}

/** What a string field must look like. */
export interface StringRule {
  /** A RegExp, or any test (give `why` then: only a RegExp can be quoted). */
  readonly pattern?: { test(value: string): boolean };
  /** Why a value that does not match is wrong, in words. @default "does not match <pattern>" */
  readonly why?: string;
  readonly fix?: string;
}

/** Reads typed fields from an untyped config object, recording problems instead of throwing. */
export class Reader {
  /** Keys some check asked for (known keys, whether set or not). */
  readonly read = new Set<string>();
  /** Keys allowed here although no field reader asks for them (secrets named elsewhere). */
  readonly extraKnown = new Set<string>();
  /** Keys whose values must never be shown. */
  readonly hidden = new Set<string>();

  constructor(
    readonly problems: Problems,
    readonly path: string,
    readonly value: Record<string, unknown>,
  ) {
    problems.readers.push(this);
  }

  static of(problems: Problems, path: string, value: unknown): Reader | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      problems.add(path, value, `must be a mapping, not ${kindOf(value)}`, `set ${path} to a YAML mapping as in Pulumi.dev.yaml`);
      return undefined;
    }
    return new Reader(problems, path, value as Record<string, unknown>);
  }

  key(name: string): string {
    return this.path === "" ? name : `${this.path}.${name}`;
  }

  /** An entry that cannot be read (unknown kind): its other keys are not reported as unknown. */
  skipRest(): void {
    Object.keys(this.value).forEach((k) => this.read.add(k));
  }

  /** The raw value of a known key. */
  get(name: string): unknown {
    this.read.add(name);
    return this.value[name];
  }

  child(name: string): Reader | undefined {
    return Reader.of(this.problems, this.key(name), this.get(name));
  }

  optionalChild(name: string): Reader | undefined {
    return this.get(name) === undefined ? undefined : this.child(name);
  }

  /**
   * A required string; with `pattern`, one that matches it (`why` says in words what a mismatch
   * is, instead of quoting the pattern).
   */
  string(name: string, rule: StringRule & { default?: string } = {}): string {
    const raw = this.get(name) ?? rule.default;
    if (raw === undefined || raw === "") {
      this.problems.add(this.key(name), raw, "is required", rule.fix ?? `set ${this.key(name)}`);
      return "";
    }
    if (typeof raw !== "string") {
      this.problems.add(this.key(name), raw, `must be a string, not ${kindOf(raw)}`, rule.fix ?? `set ${this.key(name)} to a string`);
      return "";
    }
    if (rule.pattern && !rule.pattern.test(raw)) {
      const form = rule.pattern instanceof RegExp ? String(rule.pattern) : "the required form";
      this.problems.add(this.key(name), raw, rule.why ?? `does not match ${form}`, rule.fix ?? `use a value matching ${form}`);
    }
    return raw;
  }

  optionalString(name: string, rule: StringRule = {}): string | undefined {
    return this.get(name) === undefined ? undefined : this.string(name, rule);
  }

  oneOf<T extends string | number>(name: string, allowed: readonly T[], fallback?: T): T {
    const raw = this.get(name) ?? fallback;
    if (!allowed.includes(raw as T)) {
      const why = raw === undefined ? "is required" : "is not supported";
      this.problems.add(this.key(name), raw, why, `use one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
      return allowed[0];
    }
    return raw as T;
  }

  integer(name: string, range: { min: number; max: number; default?: number }): number {
    const raw = this.get(name) ?? range.default;
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < range.min || raw > range.max) {
      const not = typeof raw === "number" ? "" : `, not ${kindOf(raw)}`;
      this.problems.add(this.key(name), raw, `must be a whole number from ${range.min} to ${range.max}${not}`, `set ${this.key(name)} within that range`);
      return range.default ?? range.min;
    }
    return raw;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.get(name) ?? fallback;
    if (typeof raw !== "boolean") {
      this.problems.add(this.key(name), raw, `must be true or false, not ${kindOf(raw)}`, `set ${this.key(name)} to true or false without quotes`);
      return fallback;
    }
    return raw;
  }

  list(name: string, options: { required: boolean } = { required: true }): unknown[] {
    const raw = this.get(name);
    if (raw === undefined && !options.required) return [];
    if (!Array.isArray(raw)) {
      this.problems.add(this.key(name), raw, `must be a list, not ${kindOf(raw)}`, `set ${this.key(name)} to a YAML list`);
      return [];
    }
    return raw;
  }
}
