/** Collects every configuration problem so that one run reports them all at once. */

export const PROJECT = "multicloud-mesh";

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export class Problems {
  readonly list: string[] = [];

  /** Records `<key> = <value>: <why>. Fix: <fix>`. */
  add(key: string, value: unknown, why: string, fix: string): void {
    this.list.push(`${PROJECT}:${key} = ${show(value)}: ${why}. Fix: ${fix}`);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ConfigError(this.list);
  }
}

function show(value: unknown): string {
  if (value === undefined) return "(not set)";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Reads typed fields from an untyped config object, recording problems instead of throwing. */
export class Reader {
  constructor(
    readonly problems: Problems,
    readonly path: string,
    readonly value: Record<string, unknown>,
  ) {}

  static of(problems: Problems, path: string, value: unknown): Reader | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      problems.add(path, value, "must be an object", `set ${path} to a YAML mapping as in Pulumi.dev.yaml`);
      return undefined;
    }
    return new Reader(problems, path, value as Record<string, unknown>);
  }

  key(name: string): string {
    return `${this.path}.${name}`;
  }

  child(name: string): Reader | undefined {
    return Reader.of(this.problems, this.key(name), this.value[name]);
  }

  optionalChild(name: string): Reader | undefined {
    return this.value[name] === undefined ? undefined : this.child(name);
  }

  string(name: string, rule: { pattern?: RegExp; fix?: string; default?: string } = {}): string {
    const raw = this.value[name] ?? rule.default;
    if (typeof raw !== "string" || raw.length === 0) {
      this.problems.add(this.key(name), raw, "is required and must be a non-empty string", rule.fix ?? `set ${this.key(name)}`);
      return "";
    }
    if (rule.pattern && !rule.pattern.test(raw)) {
      this.problems.add(this.key(name), raw, `does not match ${rule.pattern}`, rule.fix ?? `use a value matching ${rule.pattern}`);
    }
    return raw;
  }

  optionalString(name: string, rule: { pattern?: RegExp; fix?: string } = {}): string | undefined {
    return this.value[name] === undefined ? undefined : this.string(name, rule);
  }

  oneOf<T extends string | number>(name: string, allowed: readonly T[], fallback?: T): T {
    const raw = this.value[name] ?? fallback;
    if (!allowed.includes(raw as T)) {
      this.problems.add(this.key(name), raw, "is not supported", `use one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
      return allowed[0];
    }
    return raw as T;
  }

  integer(name: string, range: { min: number; max: number; default?: number }): number {
    const raw = this.value[name] ?? range.default;
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < range.min || raw > range.max) {
      this.problems.add(this.key(name), raw, `must be a whole number from ${range.min} to ${range.max}`, `set ${this.key(name)} within that range`);
      return range.default ?? range.min;
    }
    return raw;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.value[name] ?? fallback;
    if (typeof raw !== "boolean") {
      this.problems.add(this.key(name), raw, "must be true or false", `set ${this.key(name)} to true or false`);
      return fallback;
    }
    return raw;
  }

  list(name: string, options: { required: boolean } = { required: true }): unknown[] {
    const raw = this.value[name];
    if (raw === undefined && !options.required) return [];
    if (!Array.isArray(raw)) {
      this.problems.add(this.key(name), raw, "must be a list", `set ${this.key(name)} to a YAML list`);
      return [];
    }
    return raw;
  }
}
