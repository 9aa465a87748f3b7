/**
 * Where the scripts that command resources run live, and the command line that runs one: built
 * here only, for the components (ScriptCommand), the policy pack (which reads the script back
 * from a command's inputs) and the tests. Pure: the policy pack imports it without the SDK.
 */

/** The folder, relative to the project root, of the scripts command resources run. */
export const SCRIPTS_DIR = "scripts";

/** The action a script runs: `create`, `update` or `delete`. */
export type ScriptAction = "create" | "update" | "delete";

/**
 * The path, relative to the project root, of a script named relative to scripts/:
 * `scriptPath("mesh/probe.sh")` is `scripts/mesh/probe.sh`. It is also the name a script's
 * messages go by.
 */
export function scriptPath(script: string): string {
  return `${SCRIPTS_DIR}/${script}`;
}

/**
 * The command line @pulumi/command runs, from the project root, for one action of a script named
 * relative to scripts/. It runs it with `/bin/sh -c` and, on a cancel or a customTimeouts expiry,
 * SIGKILLs that one process (pulumi-command v1.2.1 provider/pkg/provider/local/commandOutputs.go:
 * exec.CommandContext, whose Cancel is Process.Kill). `exec` makes the script that process, with
 * the same environment (PULUMI_COMMAND_STDOUT included); the script's own group then ends
 * everything it started (scripts/lib/common.sh). It is a Command's `create`, `update` and
 * `delete` input: a different text makes every existing command resource update.
 */
export function scriptCommandLine(script: string, action: ScriptAction): string {
  return `exec bash ${scriptPath(script)} ${action}`;
}

/**
 * The script, relative to scripts/, that a command line runs: its `scripts/<script>` word, as
 * scriptCommandLine writes it (and as the `bash scripts/<script> <action>` of older states had it);
 * undefined for a command line that runs no such script.
 */
export function scriptOfCommandLine(commandLine: string): string | undefined {
  const prefix = `${SCRIPTS_DIR}/`;
  const word = commandLine.split(" ").find((w) => w.startsWith(prefix) && w.endsWith(".sh"));
  return word?.slice(prefix.length);
}
