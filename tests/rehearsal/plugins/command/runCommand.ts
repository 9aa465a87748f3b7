import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { errnoText, goQuote, processState } from "./goText";
import type { CommandInputs } from "./inputs";
import { StatusLines } from "./statusLines";

/** pulumi-command v1.2.1 provider/pkg/provider/util/util.go:29-30. */
export const PREVIOUS_STDOUT = "PULUMI_COMMAND_STDOUT";
export const PREVIOUS_STDERR = "PULUMI_COMMAND_STDERR";

export interface CommandOutputs {
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunHooks {
  /** Sends one logged line to the engine (the real plug-in waits for each, util/util.go:32-53). */
  readonly log: (line: string) => Promise<void>;
  /** A logged line filled the scanner: the run will never return (statusLines.ts). */
  readonly onStall: () => void;
}

/** local/logging.go:27-32: no `logging` logs both streams; an unknown value logs neither. */
function logs(logging: string | undefined, stream: "stdout" | "stderr"): boolean {
  return logging === undefined || logging === stream || logging === "stdoutAndStderr";
}

/** exec.LookPath over the plug-in's own PATH (exec.Command resolves the program before cmd.Env applies). */
function lookPath(name: string): string | undefined {
  if (name.includes("/")) return name;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir || ".", name);
    try {
      if (fs.statSync(candidate).isFile()) {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      }
    } catch {
      // not here: try the next entry
    }
  }
  return undefined;
}

/**
 * Runs one command as pulumi-command v1.2.1 provider/pkg/provider/local/commandOutputs.go:39-146 does
 * with exec.CommandContext (golang/go src/os/exec/exec.go):
 * - `interpreter` (default `/bin/sh -c`) plus the command (:41-51); the plug-in's environment, then
 *   `environment`, then the previous outputs unless `addPreviousOutputInEnv` is false, each set only
 *   when not empty (:81-95; later entries win, exec.go dedupEnv); `dir`, else the plug-in's working
 *   directory (:73-80); `stdin` when not empty (:97-99).
 * - stdout and stderr are kept apart for the outputs and together, in arrival order, for the error
 *   message (:54-71); the outputs lose one trailing newline (:142-143).
 * - A failure reads `<error>: running "<command>":\n<stdout and stderr>` (:112-114).
 * - Cancelling `signal` kills the process it started, `/bin/sh`, and nothing else (CommandContext's
 *   Cancel is Process.Kill); the run then still waits until every process holding its output pipes
 *   has closed them (Wait with WaitDelay 0 reads the pipes to EOF), so a grandchild keeps the
 *   run alive and keeps running.
 */
export function runCommand(command: string, inputs: CommandInputs, previous: CommandOutputs, signal: AbortSignal, hooks: RunHooks): Promise<CommandOutputs> {
  const fail = (reason: string, output = "") => new Error(`${reason}: running ${goQuote(command)}:\n${output}`);
  const args = [...(inputs.interpreter?.length ? inputs.interpreter : ["/bin/sh", "-c"]), command];
  // exec.Cmd.Start: a program not found, then a context already done, then a missing directory.
  const program = lookPath(args[0]);
  if (program === undefined) return Promise.reject(fail(`exec: ${goQuote(args[0])}: executable file not found in $PATH`));
  if (signal.aborted) return Promise.reject(fail(String(signal.reason)));
  const dir = inputs.dir ?? process.cwd();
  if (dir !== "") {
    try {
      fs.statSync(dir); // os.StartProcess checks the directory first to give this clearer error
    } catch (e) {
      return Promise.reject(fail(`chdir ${dir}: ${errnoText(e as NodeJS.ErrnoException)}`));
    }
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...inputs.environment };
  if (inputs.addPreviousOutputInEnv !== false) {
    if (previous.stdout !== "") env[PREVIOUS_STDOUT] = previous.stdout;
    if (previous.stderr !== "") env[PREVIOUS_STDERR] = previous.stderr;
  }
  const stdin = inputs.stdin !== undefined && inputs.stdin.length > 0 ? inputs.stdin : undefined;

  return new Promise((resolve, reject) => {
    const child = spawn(program, args.slice(1), {
      argv0: args[0],
      cwd: dir || undefined,
      env,
      stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const streams = { stdout: child.stdout, stderr: child.stderr };
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[], both: [] as Buffer[] };
    let logged = Promise.resolve();
    const lines = new StatusLines(
      (line) => {
        logged = logged.then(() => hooks.log(line));
      },
      () => {
        // Every logged stream stops being read; the run never settles (statusLines.ts).
        for (const name of ["stdout", "stderr"] as const) if (logs(inputs.logging, name)) streams[name]?.pause();
        hooks.onStall();
      },
    );
    for (const name of ["stdout", "stderr"] as const) {
      streams[name]?.on("data", (chunk: Buffer) => {
        chunks[name].push(chunk);
        chunks.both.push(chunk);
        if (logs(inputs.logging, name)) lines.push(chunk);
      });
    }
    if (stdin !== undefined) {
      child.stdin?.on("error", () => undefined); // a command that does not read stdin is no failure
      child.stdin?.end(stdin);
    }
    const kill = () => child.kill("SIGKILL");
    signal.addEventListener("abort", kill, { once: true });
    child.on("exit", () => {
      signal.removeEventListener("abort", kill);
      // A stalled run holds its pipes forever in the real plug-in; here they are let go, unseen.
      if (lines.stalled) Object.values(streams).forEach((stream) => stream?.destroy());
    });
    child.on("error", (e) => reject(fail(`fork/exec ${program}: ${errnoText(e)}`)));
    child.on("close", (code, killedBy) => {
      if (lines.stalled) return;
      lines.end();
      const text = (list: Buffer[]) => Buffer.concat(list).toString("utf8");
      void logged.then(() => {
        if (code !== 0 || killedBy !== null) return reject(fail(processState(code, killedBy), text(chunks.both)));
        resolve({ stdout: text(chunks.stdout).replace(/\n$/, ""), stderr: text(chunks.stderr).replace(/\n$/, "") });
      });
    });
  });
}
