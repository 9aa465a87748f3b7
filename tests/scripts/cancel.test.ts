/**
 * A cancel stops the command script. @pulumi/command 1.2.1's plug-in (its stand-in,
 * tests/rehearsal/plugins/command) SIGKILLs the process it started when the engine cancels (Ctrl-C)
 * or a customTimeouts timeout expires; a script of the project's form, run as ScriptCommand runs it,
 * must then stop with everything it started, and leave no secret file behind.
 */
import { spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SCRIPTS_DIR, scriptCommandLine, scriptPath } from "../../lib/scriptCommandLine";
import { ROOT } from "../helpers/stackConfig";
import { CommandProvider } from "../rehearsal/plugins/command/provider";

const URN = "urn:pulumi:dev::multicloud-mesh::multicloud-mesh:command:ScriptCommand$command:local:Command::cancel-probe-run";
const COMMON = path.join(ROOT, scriptPath("lib/common.sh"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A script as the project writes them: a kubeconfig from kubeconfig_file, then a wait that re-reads
 * it and writes a marker on every poll (PROBE_MODE=poll), or a long foreground child that writes the
 * marker itself, as asmcli works for minutes (PROBE_MODE=child). Its pid and kubeconfig path go to
 * PROBE_DIR; `update` prints the previous output and the script's parent pid.
 */
const PROBE = `#!/usr/bin/env bash
SCRIPT_NAME=cancel-probe
. "$PROBE_COMMON"
cluster_ready() {
  grep -q probe-token "$KUBECONFIG_FILE"
  printf '%s\\n' "$EPOCHREALTIME" >>"$PROBE_DIR/marks"
  return 1
}
create() {
  KUBECONFIG_FILE=$(kubeconfig_file)
  printf '%s' "$KUBECONFIG_FILE" >"$PROBE_DIR/kubeconfig-path"
  printf '%s' "$$" >"$PROBE_DIR/pid"
  case "$PROBE_MODE" in
    poll) wait_until "the cluster" 20 cluster_ready ;;
    child) bash -c 'for _ in $(seq 100); do printf "%s\\n" "$EPOCHREALTIME" >>"$1"; sleep 0.2; done' child "$PROBE_DIR/marks" ;;
  esac
}
update() { jq -cn --argjson previous "$(previous_output)" --arg parent "$PPID" '{previous: $previous, parent: $parent}'; }
delete() { :; }
dispatch "$@"
`;

interface Probe {
  readonly id: string;
  readonly dir: string;
  readonly tmp: string;
  readonly script: string;
  readonly token: string;
  readonly env: Record<string, string>;
}

const probes: Probe[] = [];

function probe(mode: "poll" | "child" = "poll"): Probe {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cancel-probe-"));
  const tmp = path.join(dir, "tmp");
  fs.mkdirSync(tmp);
  // Where the command line finds it from `dir`, as a command script from the project root.
  const script = path.join(dir, SCRIPTS_DIR, "probe.sh");
  fs.mkdirSync(path.dirname(script));
  fs.writeFileSync(script, PROBE);
  const id = randomBytes(8).toString("hex");
  const token = `probe-token-${id}`;
  const env = {
    CANCEL_PROBE_ID: id,
    PROBE_COMMON: COMMON,
    PROBE_DIR: dir,
    PROBE_MODE: mode,
    TMPDIR: tmp,
    POLL_SECONDS: "0.2",
    KUBECONFIG_DATA: `apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: ${token}\n`,
  };
  const made = { id, dir, tmp, script, token, env };
  probes.push(made);
  return made;
}

/** Every live process of the probe (they all carry its CANCEL_PROBE_ID), as "pid command line". */
function processesOf(p: Probe): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`CANCEL_PROBE_ID=${p.id}`)) continue;
      found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim()}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Every regular file under `dir` (symbolic links not followed) whose content holds `text`. */
function filesHolding(dir: string, text: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((entry) => {
    const file = path.join(dir, entry);
    try {
      return fs.lstatSync(file).isFile() && fs.readFileSync(file, "utf8").includes(text);
    } catch {
      return false;
    }
  });
}

const marks = (p: Probe) => (fs.existsSync(path.join(p.dir, "marks")) ? fs.readFileSync(path.join(p.dir, "marks"), "utf8").trim().split("\n").length : 0);

async function until(what: string, check: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** The command's inputs as ScriptCommand registers them, for the probe script, run from the probe's directory. */
function inputs(p: Probe) {
  return {
    create: scriptCommandLine("probe.sh", "create"),
    update: scriptCommandLine("probe.sh", "update"),
    delete: scriptCommandLine("probe.sh", "delete"),
    dir: p.dir,
    environment: p.env,
    logging: "stdoutAndStderr",
  };
}

/** How an operation ended by a given time: its error message, "succeeded", or "still running". */
function outcome(operation: Promise<unknown>): () => string {
  let result = "still running";
  operation.then(
    () => (result = "succeeded"),
    (e: Error) => (result = e.message),
  );
  return () => result;
}

/** What is left of the probe 2 s after it was stopped, and whether its marker still grows a second later. */
async function leftAfterStop(p: Probe, stoppedAt: number) {
  await sleep(stoppedAt + 2000 - Date.now());
  const processes = processesOf(p);
  const secretFiles = filesHolding(p.tmp, p.token);
  const tmpEntries = fs.readdirSync(p.tmp);
  const marksAt2s = marks(p);
  await sleep(1000);
  return { processes, secretFiles, tmpEntries, marksGrew: marks(p) - marksAt2s };
}

afterEach(() => {
  for (const p of probes.splice(0)) {
    for (const line of processesOf(p)) {
      try {
        process.kill(Number(line.split(" ")[0]), "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
});

describe.each([
  ["a cancel (the engine's Cancel)", "poll", "cancel"],
  ["a customTimeouts expiry", "poll", "timeout"],
  ["a cancel while a long child runs (asmcli installing)", "child", "cancel"],
] as const)("%s", (_title, mode, stop) => {
  it("stops the script and all it started, and leaves no secret file", async () => {
    const p = probe(mode);
    const provider = new CommandProvider({ log: () => Promise.resolve() });
    const started = Date.now();
    const creating = provider.create(URN, inputs(p), stop === "timeout" ? 2 : 0);
    const settled = outcome(creating);
    creating.catch(() => undefined);
    await until("the first mark", () => marks(p) > 0);
    let stoppedAt = started + 2000;
    if (stop === "cancel") {
      await provider.cancel();
      stoppedAt = Date.now();
    }
    const left = await leftAfterStop(p, stoppedAt);
    expect(settled()).toMatch(/^signal: killed: running "/);
    expect(left.processes).toEqual([]);
    expect(left.marksGrew).toBe(0);
    expect(left.secretFiles).toEqual([]);
    expect(left.tmpEntries).toEqual([]);
  });
});

it("a SIGKILL of the script itself leaves no process and no secret file", async () => {
  const p = probe();
  const child = spawn("bash", [p.script, "create"], { env: { ...process.env, ...p.env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.resume();
  child.stderr.resume();
  await until("the first mark", () => marks(p) > 0);
  process.kill(Number(fs.readFileSync(path.join(p.dir, "pid"), "utf8")), "SIGKILL");
  const left = await leftAfterStop(p, Date.now());
  expect(left.processes).toEqual([]);
  expect(left.marksGrew).toBe(0);
  expect(left.secretFiles).toEqual([]);
  expect(left.tmpEntries).toEqual([]);
});

describe.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)("%s to the process group that started the script", (signal) => {
  it("stops the script, which cleans up as always", async () => {
    const p = probe();
    // The plug-in runs in a process group of its own (pulumi v3.248.0 sdk/go/common/resource/plugin/
    // plugin.go, cmdutil.RegisterProcessGroup), which the engine interrupts when it ends (InterruptChildren,
    // then KillChildren). Neither pulumi-command v1.2.1 nor pulumi-go-provider v1.3.0 calls signal.Notify,
    // so each of these signals ends the plug-in (golang/go os/signal, default behaviour); a Node.js
    // parent without handlers ends the same way.
    const plugin = `require("child_process").spawn("bash", [${JSON.stringify(p.script)}, "create"], { stdio: "inherit" }); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ["-e", plugin], { env: { ...process.env, ...p.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    parent.stdout.resume();
    parent.stderr.resume();
    await until("the first mark", () => marks(p) > 0);
    process.kill(-parent.pid!, signal);
    const left = await leftAfterStop(p, Date.now());
    expect(left.processes).toEqual([]);
    expect(left.marksGrew).toBe(0);
    expect(left.tmpEntries).toEqual([]);
  });
});

it("runs the script as the plug-in's own child, with the previous output in PULUMI_COMMAND_STDOUT", async () => {
  const p = probe();
  const provider = new CommandProvider({ log: () => Promise.resolve() });
  const previous = '{"VpnGatewayId":"vpngw-1"}';
  const updated = await provider.update("id", URN, { ...inputs(p), stdout: `log line\n${previous}`, stderr: "" }, inputs(p));
  expect(JSON.parse(String(updated.outs?.stdout))).toEqual({ previous: JSON.parse(previous), parent: String(process.pid) });
});
