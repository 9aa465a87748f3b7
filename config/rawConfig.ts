/** The stack configuration as the runtime hands it over, before validation. */
import { Problems } from "./problems";

export interface RawConfig {
  /** Values by key without the project prefix; structured values already parsed. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Keys whose values are stored encrypted (`pulumi config set --secret`). */
  readonly secretKeys: ReadonlySet<string>;
}

/** A secret config value that must be present and encrypted; returns it when it is. */
export function requireSecret(problems: Problems, raw: RawConfig, key: string, what: string, command: string): string | undefined {
  const value = raw.values[key];
  if (typeof value !== "string" || value.trim() === "") {
    problems.add(key, value, `is ${what} and is missing`, `run: ${command}`);
    return undefined;
  }
  if (!raw.secretKeys.has(key)) {
    problems.add(key, "(plain text, not shown)", `is ${what} and must be stored as a secret`, `run: ${command}`);
    return undefined;
  }
  return value;
}
