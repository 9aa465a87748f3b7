/**
 * The local control planes (devtools/local/control-plane.sh) around an interrupted run: a Ctrl-C
 * in the terminal stops `pulumi up`, not the clusters, and the next run recovers at once from
 * whatever the last one left. Each part is a stand-in (tests/fakes/local/part.py) that, like the
 * real binaries, stops on SIGINT even when started with it ignored, shuts down for a second, and
 * holds its ports as lock files, so no real port is bound.
 */
import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BASH, commandDir, pythonStandIn } from "../helpers/narrowShell";
import { ROOT } from "../helpers/stackConfig";

const FAKES = path.join(ROOT, "tests/fakes/local");
const PARTS = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok"];
/** What control-plane.sh needs besides bash's builtins. */
const COMMANDS = ["bash", "sh", "dirname", "mkdir", "cat", "rm", "mv", "sleep", "tail", "grep", "setsid", "openssl", "base64", "sed", "mktemp", "cp", "nohup"];

let scratch: string;
let env: Record<string, string>;
let started: ChildProcess[];

/** The cluster directory of `npm run local`'s deployment in this test's HOME. */
const clusterDir = (name: string) => path.join(scratch, "state", "clusters", name);

function run(script: string, extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(BASH, ["-c", script], { cwd: ROOT, encoding: "utf8", env: { ...env, ...extraEnv }, timeout: 60_000 });
}

const up = (extraEnv: Record<string, string> = {}) => run("bash devtools/local/control-plane.sh up east 1", extraEnv);

/** Every stand-in part ever started, from their event log. */
function startedParts(): { name: string; pid: number }[] {
  const events = path.join(scratch, "ports", "events");
  if (!fs.existsSync(events)) return [];
  return fs
    .readFileSync(events, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("started "))
    .map((l) => ({ name: l.split(" ")[1], pid: Number(l.split(" ")[2]) }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

/** The names of the stand-in parts running now, sorted (a name twice means two instances). */
const runningParts = () =>
  startedParts()
    .filter((p) => alive(p.pid))
    .map((p) => p.name)
    .sort();

const events = () => fs.readFileSync(path.join(scratch, "ports", "events"), "utf8");

/** The pid files control-plane.sh keeps for PART (whatever it names them). */
const pidFiles = (part: string) =>
  fs
    .readdirSync(clusterDir("east"))
    .filter((f) => f.startsWith(part) && f.endsWith(".pid"))
    .map((f) => path.join(clusterDir("east"), f));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "local-control-plane-"));
  started = [];
  const toolsBin = path.join(scratch, "tools", "bin");
  for (const part of PARTS) pythonStandIn(toolsBin, part, path.join(FAKES, "part.py"));
  const fakeBin = path.join(scratch, "fake-bin");
  pythonStandIn(fakeBin, "kubectl", path.join(FAKES, "kubectl.py"));
  pythonStandIn(fakeBin, "ss", path.join(FAKES, "ss.py"));
  const baseBin = commandDir(path.join(scratch, "base-bin"), COMMANDS);
  fs.mkdirSync(path.join(scratch, "ports"));
  env = {
    HOME: scratch,
    PATH: `${fakeBin}:${baseBin}`,
    TMPDIR: scratch,
    MESH_TOOLS_HOME: path.join(scratch, "tools"),
    MESH_LOCAL_HOME: path.join(scratch, "state"),
    LOCAL_STANDIN_PORTS: path.join(scratch, "ports"),
    LOCAL_STANDIN_STOP_SECONDS: "1",
  };
});

afterEach(() => {
  started.forEach((c) => c.pid && alive(c.pid) && process.kill(-c.pid, "SIGKILL"));
  for (const p of startedParts()) if (alive(p.pid)) process.kill(p.pid, "SIGKILL");
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("a Ctrl-C during `npm run local`", () => {
  it("stops what runs in the foreground, not the control planes; the next run reuses them at once", async () => {
    // As in a terminal: the script and `pulumi up` (here a sleep) in one foreground process
    // group, which the Ctrl-C's SIGINT goes to as a whole.
    const session = spawn(BASH, ["-c", "bash devtools/local/control-plane.sh up east 1 && echo UP && exec sleep 60"], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.push(session);
    let stdout = "";
    let stderr = "";
    session.stdout.on("data", (d) => (stdout += d));
    session.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise((r) => session.on("exit", r));
    for (let i = 0; i < 300 && !stdout.includes("UP"); i++) await sleep(100);
    expect({ stdout, stderr }).toMatchObject({ stdout: expect.stringContaining("UP") });
    expect(runningParts()).toEqual([...PARTS].sort());

    process.kill(-session.pid!, "SIGINT");
    await exited;
    expect(events()).not.toContain("stopping-on-SIGINT");

    // At once, as a user would: the cluster is reused, nothing restarted.
    const t0 = Date.now();
    const again = up();
    expect(again.stderr).toContain("east is up");
    expect(again.status).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    // Past the parts' shutdown time: still all there, each once.
    await sleep(1500);
    expect(runningParts()).toEqual([...PARTS].sort());
  }, 60_000);
});

describe("the next `npm run local` after an interrupted one", () => {
  it("recovers from a dead part, a pid file naming another process and a part without its pid file", async () => {
    expect(up().status).toBe(0);
    const byName = (name: string) => startedParts().find((p) => p.name === name)!.pid;
    // etcd died; kwok's pid file now names an unrelated process (the pid was reused); the API
    // server outlived its pid file and still holds its port.
    process.kill(byName("etcd"), "SIGKILL");
    const unrelated = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    started.push(unrelated);
    for (const file of pidFiles("kwok")) fs.writeFileSync(file, `${unrelated.pid}\n`);
    process.kill(byName("kwok"), "SIGKILL");
    pidFiles("apiserver").forEach((f) => fs.rmSync(f));
    await sleep(200);

    const again = up();
    expect(again.status).toBe(0);
    await sleep(1500);
    expect(runningParts()).toEqual([...PARTS].sort());
    expect(alive(unrelated.pid!)).toBe(true);
    expect(events()).not.toContain("refused");
  }, 60_000);

  it("refuses to start when another program holds a port, naming the port and the holder, before starting anything", () => {
    const otherBin = path.join(scratch, "other-bin");
    pythonStandIn(otherBin, "other-server", path.join(FAKES, "part.py"));
    const other = spawn(path.join(otherBin, "other-server"), ["--secure-port", "16443"], { env, detached: true, stdio: "ignore" });
    started.push(other);
    for (let i = 0; i < 100 && !startedParts().length; i++) spawnSync("sleep", ["0.05"]);

    const result = up();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`port 16443 (kube-apiserver of east) is in use by other-server (pid ${other.pid})`);
    expect(result.stderr).toContain("npm run local:down");
    expect(startedParts().map((p) => p.name)).toEqual(["other-server"]);
  }, 60_000);

  it("is stopped by `control-plane.sh down` together with a part that lost its pid file", async () => {
    expect(up().status).toBe(0);
    pidFiles("scheduler").forEach((f) => fs.rmSync(f));
    const down = run("bash devtools/local/control-plane.sh down east");
    expect(down.status).toBe(0);
    await sleep(200);
    expect(runningParts()).toEqual([]);
    expect(fs.existsSync(clusterDir("east"))).toBe(false);
  }, 60_000);
});

describe("npm run test:e2e while `npm run local` is up", () => {
  it("stops before starting anything and says to run `npm run local:down`", () => {
    // `npm run local`'s cluster, in its default state directory.
    const home = { MESH_LOCAL_HOME: "", XDG_STATE_HOME: path.join(scratch, "xdg") };
    expect(run("unset MESH_LOCAL_HOME; bash devtools/local/control-plane.sh up east 1", home).status).toBe(0);
    const before = startedParts().length;

    const e2e = run("unset MESH_LOCAL_HOME; bash tests/e2e/local-engine.sh", home);
    expect(e2e.status).not.toBe(0);
    expect(e2e.stderr).toContain("127.0.0.1:16443 (kube-apiserver of east): kube-apiserver (pid");
    expect(e2e.stderr).toContain("stop it with `npm run local:down`");
    expect(startedParts().length).toBe(before);
  }, 60_000);
});
