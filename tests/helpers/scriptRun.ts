/**
 * Running a command script as @pulumi/command runs a ScriptCommand's: its command line
 * (scriptCommandLine) under `/bin/sh -c`, from the project root (pulumi-command v1.2.1
 * provider/pkg/provider/local/commandOutputs.go). The `exec` in that line makes the shell's process
 * the script's, so a signal to the child's pid reaches the script itself.
 */
import { ChildProcess, SpawnSyncReturns, StdioOptions, spawn, spawnSync } from "child_process";
import { ScriptAction, scriptCommandLine } from "../../lib/scriptCommandLine";
import { ROOT } from "./stackConfig";

/** Runs one action of a script (named relative to scripts/) to its end. */
export function runScript(script: string, action: ScriptAction, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync("/bin/sh", ["-c", scriptCommandLine(script, action)], { cwd: ROOT, encoding: "utf8", env });
}

/** Starts one action of a script without waiting for it (to stop it mid-run, as a cancel does). */
export function startScript(
  script: string,
  action: ScriptAction,
  env: NodeJS.ProcessEnv,
  options: { detached?: boolean; stdio?: StdioOptions } = {},
): ChildProcess {
  return spawn("/bin/sh", ["-c", scriptCommandLine(script, action)], { cwd: ROOT, env, stdio: "ignore", ...options });
}
