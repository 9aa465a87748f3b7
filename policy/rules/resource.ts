import { scriptOfCommandLine } from "../../lib/scriptCommandLine";

/** The part of a resource every rule reads: enough to test rules without starting the pack. */
export interface Resource {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, any>;
  /** Resources each input property came from (stack policies only). */
  readonly propertyDependencies?: Record<string, readonly { type: string; name: string }[]>;
}

/** Settings a stack's preview passes with `--policy-pack-config`. */
export interface PolicySettings {
  /** dev-like stacks that are created and destroyed freely. @default "persistent" */
  readonly lifecycle?: "ephemeral" | "persistent";
  /** Resource names allowed weak VPN crypto (each needs a reason in the stack's runbook). */
  readonly cryptoWaivers?: readonly string[];
}

export const COMMAND = "command:local:Command";

/**
 * The script a command resource runs, relative to scripts/ (`"nifcloud/firewall-group.sh"`, read
 * from its create command by scriptOfCommandLine; "" for another command), and its environment.
 */
export function scriptOf(r: Resource): { script: string; env: Record<string, string> } | undefined {
  if (r.type !== COMMAND) return undefined;
  const script = scriptOfCommandLine(String(r.props.create ?? "")) ?? "";
  return { script, env: (r.props.environment ?? {}) as Record<string, string> };
}

export function json(text: string | undefined): any {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
