import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";

export interface ScriptCommandArgs {
  /** Script path relative to the project root; called with `create` or `delete`. */
  readonly script: string;
  /** Inputs as environment variables. Secret values stay secret in state. */
  readonly environment: Record<string, pulumi.Input<string>>;
  /** Changes to these replace the resource (delete, then create) instead of re-running create. */
  readonly replaceOn?: pulumi.Input<unknown>[];
  /** Mark stdout secret (it carries credentials). */
  readonly secretStdout?: boolean;
}

/**
 * A lifecycle driven by one shell script: `create` (idempotent: it looks before creating, and
 * re-converges on update), `delete` (treats not-found as done). The script prints a JSON object
 * on stdout; stderr is logged, stdout only when it holds nothing secret.
 */
export class ScriptCommand extends pulumi.ComponentResource {
  readonly command: command.local.Command;
  /** The JSON object the script printed on create. */
  readonly result: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ScriptCommandArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:command:ScriptCommand", name, {}, opts);
    const run = (action: string) => `bash ${args.script} ${action}`;
    this.command = new command.local.Command(
      `${name}-run`,
      {
        create: run("create"),
        update: run("create"),
        delete: run("delete"),
        environment: args.environment,
        triggers: args.replaceOn,
        logging: args.secretStdout ? "stderr" : "stdoutAndStderr",
      },
      { parent: this, additionalSecretOutputs: args.secretStdout ? ["stdout"] : [], deleteBeforeReplace: true },
    );
    const parsed = this.command.stdout.apply((text) => parseResult(args.script, text));
    this.result = args.secretStdout ? pulumi.secret(parsed) : parsed;
    this.registerOutputs({});
  }

  /** One field of the script's result. */
  field(key: string): pulumi.Output<string> {
    return this.result.apply((r) => r[key] ?? "");
  }
}

/** The last non-empty stdout line must be a JSON object. */
export function parseResult(script: string, stdout: string): Record<string, string> {
  const last = (stdout ?? "").trim().split("\n").pop() ?? "";
  if (last === "") return {};
  try {
    const value: unknown = JSON.parse(last);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, string>;
  } catch {
    // fall through to the error below
  }
  throw new Error(`${script} printed no JSON object as its last line of output`);
}
