import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { ScriptAction, scriptCommandLine, scriptPath } from "../../lib/scriptCommandLine";

/** Turns the script's JSON object into the typed result; throws naming the script and what is missing. */
export type ResultParser<R> = (value: Readonly<Record<string, unknown>>, script: string) => R;

/** A result of non-empty string fields, each required. */
export function stringFields<K extends string>(...keys: readonly K[]): ResultParser<Record<K, string>> {
  return (value, script) => {
    const result: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const field = value[key];
      if (typeof field !== "string" || field === "") {
        throw new Error(`${script} printed no "${key}" in its JSON result (it printed: ${Object.keys(value).join(", ") || "no keys"})`);
      }
      result[key] = field;
    }
    return result as Record<K, string>;
  };
}

/** A result nobody reads (the script's effect is what matters). */
export const NO_RESULT: ResultParser<Record<string, never>> = () => ({});

/** Per calling cluster, the count of answers per version: `{ east: { v1: 5, v2: 5 } }`. */
export const countsByCluster: ResultParser<Record<string, Record<string, number>>> = (value, script) =>
  Object.fromEntries(
    Object.entries(value).map(([cluster, counts]) => {
      if (counts === null || typeof counts !== "object" || Object.values(counts).some((n) => typeof n !== "number")) {
        throw new Error(`${script} printed no answer counts for "${cluster}" (expected {"<version>": <count>})`);
      }
      return [cluster, Object.fromEntries(Object.entries(counts).map(([version, n]) => [version, Number(n)]))];
    }),
  );

export interface ScriptCommandArgs<R> {
  /**
   * The script, relative to scripts/ (`"mesh/probe.sh"`); run as scriptCommandLine writes it
   * (lib/scriptCommandLine.ts) with `create`, `update` or `delete`.
   */
  readonly script: string;
  /** Inputs as environment variables. Secret values stay secret in state. */
  readonly environment: Record<string, pulumi.Input<string>>;
  /** Changes to these replace the resource (delete, then create) instead of re-running create. @default none */
  readonly replaceOn?: pulumi.Input<unknown>[];
  /**
   * Any change to `environment` replaces the resource, including a new id of an object it names
   * that is itself being replaced. The engine deletes such a dependent before a
   * delete-before-replace of what it names only when the dependent's diff says replace with the
   * whole dependent property unknown (pulumi/pulumi pkg/resource/deploy/step_generator.go,
   * calculateDependentReplacements), so the option covers the whole `environment`; unlike a new
   * `replaceOn` entry it changes no input, so existing stacks see no replacement. @default false
   */
  readonly replaceOnEnvironmentChange?: boolean;
  /** Mark stdout secret (it carries credentials). @default false */
  readonly secretStdout?: boolean;
  /** Parses the printed JSON object into the typed result. */
  readonly result: ResultParser<R>;
}

/**
 * A lifecycle driven by one shell script: `create` (idempotent: it looks before creating),
 * `update` (re-converges to the new inputs, which are then also the delete-time environment),
 * `delete` (treats not-found as done). The script prints a JSON object
 * on stdout; stderr is logged, stdout only when it holds nothing secret.
 */
export class ScriptCommand<R = Record<string, never>> extends pulumi.ComponentResource {
  readonly command: command.local.Command;
  /** The JSON object the script printed on create, parsed and typed. */
  readonly result: pulumi.Output<R>;

  constructor(name: string, args: ScriptCommandArgs<R>, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:command:ScriptCommand", name, {}, opts);
    const run = (action: ScriptAction) => scriptCommandLine(args.script, action);
    // Messages name the script by its path from the project root.
    const script = scriptPath(args.script);
    this.command = new command.local.Command(
      `${name}-run`,
      {
        create: run("create"),
        // Scripts without an update of their own converge with create (scripts/lib/common.sh dispatch).
        update: run("update"),
        delete: run("delete"),
        environment: args.environment,
        triggers: args.replaceOn,
        logging: args.secretStdout ? "stderr" : "stdoutAndStderr",
      },
      // A child does not inherit its parent's dependsOn: the command itself must wait (and, on
      // destroy, be deleted before what it waits for).
      {
        parent: this,
        dependsOn: opts?.dependsOn,
        additionalSecretOutputs: args.secretStdout ? ["stdout"] : [],
        deleteBeforeReplace: true,
        replaceOnChanges: args.replaceOnEnvironmentChange ? ["environment"] : [],
      },
    );
    const parsed = this.command.stdout.apply((text) => args.result(parseResult(script, text), script));
    // With secretStdout the engine already marks stdout secret, so the parsed result stays secret.
    this.result = parsed;
    this.registerOutputs({});
  }

  /** One field of the script's typed result. */
  field<K extends keyof R>(key: K): pulumi.Output<R[K]> {
    return this.result.apply((r) => r[key]);
  }
}

/** The last non-empty stdout line must be a JSON object. */
export function parseResult(script: string, stdout: string): Record<string, unknown> {
  const last = (stdout ?? "").trim().split("\n").pop() ?? "";
  if (last === "") return {};
  try {
    const value: unknown = JSON.parse(last);
    if (value && typeof value === "object" && !Array.isArray(value)) return { ...value };
  } catch {
    // fall through to the error below
  }
  throw new Error(`${script} printed no JSON object as its last line of output`);
}
