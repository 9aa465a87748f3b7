import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");
/** Where devtools/toolchain links the engine it builds. */
export const TOOLS_BIN = path.join(
  process.env.MESH_TOOLS_HOME ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(process.env.HOME ?? "/root", ".cache"), "multicloud-mesh-tools"),
  "bin",
);

/** One engine event as `--event-log` writes it, stamped with the time (ms) it reached the rehearsal. */
export interface EngineEvent {
  readonly at: number;
  readonly event: Record<string, any>;
}

export interface EngineRun {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved, as a user sees them. */
  readonly output: string;
  readonly events: readonly EngineEvent[];
  readonly startedAt: number;
  readonly endedAt: number;
}

/** The stack a rehearsal drives: its name and its out-of-tree config file, under one world's backend. */
export interface StackContext {
  readonly stack: string;
  readonly home: string;
  readonly configFile: string;
  /** Environment every engine run and every script it starts sees. */
  readonly env: NodeJS.ProcessEnv;
}

/** Runs `pulumi ARGS` on the stack; `stopWhen` may kill it mid-run (it receives each event). */
export async function pulumi(
  ctx: StackContext,
  args: readonly string[],
  options: { stopWhen?: (event: Record<string, any>) => boolean; log?: string } = {},
): Promise<EngineRun> {
  // Only the commands that run the program take a config file and write engine events.
  const runsProgram = ["up", "preview", "destroy", "refresh"].includes(args[0]);
  const eventLog = path.join(ctx.home, `events-${process.pid}-${Date.now()}.fifo`);
  if (runsProgram) await mkfifo(eventLog);
  // REHEARSAL_ENGINE_VERBOSITY=7: the engine's own log (its step decisions) in the temp directory, to look closer.
  const verbosity = process.env.REHEARSAL_ENGINE_VERBOSITY ? [`-v=${process.env.REHEARSAL_ENGINE_VERBOSITY}`, "--logflow"] : [];
  const full = [
    "--non-interactive",
    ...verbosity,
    ...args,
    "--stack",
    ctx.stack,
    ...(runsProgram ? ["--config-file", ctx.configFile, "--event-log", eventLog] : []),
  ];
  const startedAt = Date.now();
  const child = spawn("pulumi", full, { cwd: ROOT, env: ctx.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const events: EngineEvent[] = [];
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.log) fs.appendFileSync(options.log, chunk);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  let killed = false;
  const reading = (runsProgram ? readEvents : noEvents)(eventLog, (event) => {
    events.push({ at: Date.now(), event });
    if (!killed && options.stopWhen?.(event)) {
      killed = true;
      killGroup(child);
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("close", (c, s) => resolve([c, s])));
  if (killed) killOrphanedPlugins(ctx.home);
  if (runsProgram) releaseReader(eventLog);
  await reading.catch(() => undefined);
  fs.rmSync(eventLog, { force: true });
  return { args: full, code, signal, output, events, startedAt, endedAt: Date.now() };
}

/** SIGKILL to the engine's whole process group: the CLI and the plug-ins it started, as a crash or an OOM kill would. */
function killGroup(child: ChildProcess): void {
  if (child.pid) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }
}

/**
 * The plug-ins a killed engine started lead process groups of their own, so the group kill misses
 * them and they live on under init: each one this run started (REHEARSAL_HOME in its environment)
 * is killed too, and the stand-ins of the world, which are no plug-ins, are left running.
 */
function killOrphanedPlugins(home: string): void {
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (
        environ.includes(`REHEARSAL_HOME=${home}`) &&
        /pulumi-(resource|language)-|tests\/rehearsal\/plugins\/|@pulumi\/pulumi\/cmd\/(run|dynamic-provider)/.test(cmdline)
      ) {
        process.kill(Number(pid), "SIGKILL");
      }
    } catch {
      // gone already, or not ours to read
    }
  }
}

/** An engine that exited before it opened its event log leaves the reader waiting in open(): a writer of our own ends that wait. */
function releaseReader(fifo: string): void {
  try {
    fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
  } catch {
    // no reader is waiting
  }
}

function mkfifo(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn("mkfifo", ["-m", "600", file]);
    p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`mkfifo ${file} failed`))));
  });
}

const noEvents = (): Promise<void> => Promise.resolve();

/** Reads the engine's event stream line by line as it is written, so each event is timed on arrival. */
async function readEvents(fifo: string, onEvent: (event: Record<string, any>) => void): Promise<void> {
  const stream = fs.createReadStream(fifo);
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    try {
      onEvent(JSON.parse(line) as Record<string, any>);
    } catch {
      // a partial line of an engine killed mid-write
    }
  }
}

/** Throws with the engine's own output when a run that must succeed did not. */
export function mustSucceed(run: EngineRun, what: string): EngineRun {
  if (run.code !== 0) {
    const tail = run.output.split("\n").slice(-60).join("\n");
    throw new Error(`${what} failed (exit ${run.code ?? run.signal}): pulumi ${run.args.join(" ")}\n${tail}`);
  }
  return run;
}
