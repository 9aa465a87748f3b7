import { randomBytes } from "crypto";
import type * as provider from "@pulumi/pulumi/provider";
import { OperationContexts } from "./cancellation";
import { CommandDiff, diffCommand } from "./diff";
import { checkInputs, CommandInputs, decodeInputs, inputFields } from "./inputs";
import { CommandOutputs, runCommand } from "./runCommand";
import { reveal } from "./values";

/** GetPluginInfo: 1.2.1 for the engine's version check, `+rehearsal` build metadata naming the stand-in. */
export const VERSION = "1.2.1+rehearsal";
export const COMMAND_TYPE = "command:local:Command";

type Props = Record<string, unknown>;

export interface CommandProviderOptions {
  /** Sends one status line to the engine for the resource `urn` (go-provider Logger.InfoStatus). */
  readonly log: (urn: string, line: string) => Promise<void>;
  /** Tells the person running the rehearsal about a run that can never return. */
  readonly note?: (message: string) => void;
}

/** The resource's name, the last part of its URN. */
function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

function previousOutputs(state: Props): CommandOutputs {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return { stdout: text(reveal(state.stdout)), stderr: text(reveal(state.stderr)) };
}

/**
 * `command:local:Command` as pulumi-command v1.2.1 serves it (provider/pkg/provider/local/
 * commandController.go), for the Node SDK's plug-in server. Outputs mirror the inputs as they came,
 * secrets still wrapped, plus `stdout` and `stderr`, which are never secret by themselves: go-provider
 * v1.3.0 infer/resource.go:754-807 flows secretness only to outputs named like an input
 * (`additionalSecretOutputs` is the engine's to apply).
 */
export class CommandProvider implements provider.Provider {
  readonly version = VERSION;
  private readonly contexts = new OperationContexts();

  constructor(private readonly options: CommandProviderOptions) {}

  check(urn: string, _olds: Props, news: Props): Promise<provider.CheckResult> {
    this.supported(urn);
    const failures = checkInputs(news);
    return Promise.resolve(failures.length > 0 ? { inputs: news, failures } : { inputs: news });
  }

  diff(_id: string, urn: string, olds: Props, news: Props): Promise<CommandDiff> {
    this.supported(urn);
    return Promise.resolve(diffCommand(olds, news));
  }

  /** commandController.go:34-57. The engine asks no create at preview: this server does not support it. */
  async create(urn: string, news: Props, timeoutSeconds = 0): Promise<provider.CreateResult> {
    this.supported(urn);
    // resource.NewUniqueHex(name, 8, 0) (:42): the name and eight random hex digits.
    const id = urnName(urn) + randomBytes(4).toString("hex");
    const inputs = decodeInputs(news);
    const outputs =
      inputs.create === undefined ? { stdout: "", stderr: "" } : await this.run(urn, inputs.create, inputs, { stdout: "", stderr: "" }, timeoutSeconds);
    return { id, outs: { ...inputFields(news), ...outputs } };
  }

  /** Refresh: the default Read returns the state as it is (go-provider v1.3.0 infer/resource.go:1353-1364). */
  read(id: string, urn: string, props: Props): Promise<provider.ReadResult> {
    this.supported(urn);
    return Promise.resolve({ id, props });
  }

  /** commandController.go:67-90: `update`, else `create`, with the previous outputs; neither keeps them. */
  async update(_id: string, urn: string, olds: Props, news: Props, timeoutSeconds = 0): Promise<provider.UpdateResult> {
    this.supported(urn);
    const inputs = decodeInputs(news);
    const previous = previousOutputs(olds);
    const command = inputs.update ?? inputs.create;
    const outputs = command === undefined ? previous : await this.run(urn, command, inputs, previous, timeoutSeconds);
    return { outs: { ...inputFields(news), ...outputs } };
  }

  /** commandController.go:93-99: `delete` from the state, with its environment and previous outputs. */
  async delete(_id: string, urn: string, props: Props, timeoutSeconds = 0): Promise<void> {
    this.supported(urn);
    const inputs = decodeInputs(props);
    if (inputs.delete === undefined) return;
    await this.run(urn, inputs.delete, inputs, previousOutputs(props), timeoutSeconds);
  }

  cancel(): Promise<void> {
    this.contexts.cancelAll();
    return Promise.resolve();
  }

  private async run(urn: string, command: string, inputs: CommandInputs, previous: CommandOutputs, timeoutSeconds: number): Promise<CommandOutputs> {
    if (inputs.assetPaths !== undefined || inputs.archivePaths !== undefined) {
      throw new Error(`${COMMAND_TYPE} stand-in: assetPaths and archivePaths are not modelled; leave them unset in the rehearsal`);
    }
    const context = this.contexts.begin(timeoutSeconds);
    try {
      return await runCommand(command, inputs, previous, context.signal, {
        log: (line) => this.options.log(urn, line),
        onStall: () =>
          (this.options.note ?? ((m: string) => process.stderr.write(`${m}\n`)))(
            `${COMMAND_TYPE} stand-in: a logged output line of ${urnName(urn)} reached 64 KiB; ` +
              "pulumi-command 1.2.1 stops reading the output there and this run never returns",
          ),
      });
    } finally {
      context.end();
    }
  }

  private supported(urn: string): void {
    const type = urn.split("::")[2]?.split("$").pop();
    if (type !== COMMAND_TYPE) throw new Error(`the ${COMMAND_TYPE} stand-in serves no ${type ?? urn}`);
  }
}
