/** The stack configuration as the runtime hands it over, before validation. */
import { HIDDEN, Problems, kindOf } from "./problems";

export interface RawConfig {
  /** Values by key without the project prefix; structured values already parsed. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Keys whose values are stored encrypted (`pulumi config set --secret`). */
  readonly secretKeys: ReadonlySet<string>;
}

/** The entries of a raw list; [] when the value is no list. */
export function rawEntries(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value under `key` of a raw mapping as written (no default, nothing reported); undefined when it is no mapping. */
export function rawKey(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? Reflect.get(value, key) : undefined;
}

/**
 * A secret config value that must be present and encrypted; returns it when it is. Its value is
 * never shown: set in plain text it is refused, and, being as good as published, to be rotated.
 * A kubeconfig given as a mapping (JSON) is taken as its JSON text.
 */
export function requireSecret(problems: Problems, raw: RawConfig, key: string, what: string, command: string): string | undefined {
  problems.secretKeys.add(key);
  const value = raw.values[key];
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    problems.add(key, value, `is ${what} and is missing`, `run: ${command}`);
    return undefined;
  }
  if (!raw.secretKeys.has(key)) {
    problems.add(
      key,
      HIDDEN,
      `is set in plain text, but it is ${what} and must be a secret`,
      `set it with --secret (${command}), and rotate it: the plain value is in the stack file`,
    );
    return undefined;
  }
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value !== "string") {
    problems.add(key, HIDDEN, `is ${what} and must be text, not ${kindOf(value)}`, `run: ${command}`);
    return undefined;
  }
  return value;
}
