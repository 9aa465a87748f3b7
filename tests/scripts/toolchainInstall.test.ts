/**
 * A first run of devtools/toolchain/install.sh as a newcomer sees it, against a `go` stand-in
 * (tests/fakes/toolchain/go) that prints download lines, fills Go's caches and writes the
 * binaries: what the terminal shows (steps, last durations, a heartbeat while a build is silent,
 * no download noise), the disk check before anything is built, and the Go caches removed after.
 * The user's engine keeps the Pulumi steps out, so the three control-plane steps are built.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BASH, commandDir, executable } from "../helpers/narrowShell";
import { ROOT } from "../helpers/stackConfig";

/** What install.sh and the step scripts need besides bash's builtins (go and curl are stand-ins). */
const COMMANDS = ["bash", "sh", "dirname", "mkdir", "ln", "touch", "cat", "rm", "mv", "cut", "sed", "tail", "wc", "flock", "du", "chmod", "sleep"];

let scratch: string;
let toolsHome: string;
let env: Record<string, string>;

function install(extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(BASH, ["devtools/toolchain/install.sh"], { cwd: ROOT, encoding: "utf8", env: { ...env, ...extraEnv }, timeout: 60_000 });
}

/** A `df -Pk` stand-in reporting FREE_GB available on "/". */
function freeDisk(gb: number): void {
  const kb = gb * 1024 * 1024;
  executable(path.join(scratch, "fake-bin"), "df", `printf 'Filesystem 1024-blocks Used Available Capacity Mounted on\\n/dev/vdb 262144000 1 ${kb} 1%% /\\n'`);
}

/** Files the go stand-in left in Go's caches, wherever they are under the test's HOME. */
function goCacheFiles(): string[] {
  return fs
    .readdirSync(scratch, { recursive: true, encoding: "utf8" })
    .filter((f) => /go-standin-(cache-entry|module)-/.test(path.basename(f)))
    .sort();
}

const goCalls = () => {
  const log = path.join(scratch, "go-calls");
  return fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
};

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "toolchain-install-"));
  toolsHome = path.join(scratch, "tools");
  const fakeBin = path.join(scratch, "fake-bin");
  fs.mkdirSync(fakeBin);
  for (const tool of ["go", "curl"]) fs.symlinkSync(path.join(ROOT, "tests/fakes/toolchain", tool), path.join(fakeBin, tool));
  executable(fakeBin, "kubectl", "exit 0");
  executable(fakeBin, "pulumi", 'echo "v3.999.0"');
  freeDisk(100);
  const baseBin = commandDir(path.join(scratch, "base-bin"), COMMANDS);
  env = {
    HOME: scratch,
    PATH: `${fakeBin}:${baseBin}`,
    TMPDIR: scratch,
    MESH_TOOLS_HOME: toolsHome,
    MESH_ENGINE: "user",
    GO_STANDIN_LOG: path.join(scratch, "go-calls"),
  };
});

afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("a first run", () => {
  it("shows its steps, what each builds and a heartbeat, and keeps Go's output in the log it names", () => {
    const result = install({ GO_STANDIN_SLOW: "kube-apiserver", GO_STANDIN_SLOW_SECONDS: "2.5", MESH_HEARTBEAT_SECONDS: "1" });
    expect(result.status).toBe(0);
    const terminal = result.stdout + result.stderr;
    expect(terminal).toMatch(/1\/3 etcd 3\.5\.35\n/);
    expect(terminal).toMatch(/2\/3 kubernetes 1\.34\.4: kube-apiserver, kube-controller-manager, kube-scheduler\n/);
    expect(terminal).toMatch(/3\/3 kwok 0\.7\.0\n/);
    expect(terminal).toContain("building kube-apiserver 1.34.4");
    expect(terminal).toMatch(/still building kube-apiserver 1\.34\.4 \(\d+s\)/);
    expect(terminal).not.toContain("go: downloading");
    const log = path.join(toolsHome, "build.log");
    expect(terminal).toContain(log);
    expect(fs.readFileSync(log, "utf8")).toContain("go: downloading example.com/module1 v1.0.1");
    expect(fs.existsSync(path.join(toolsHome, "bin", "kube-apiserver"))).toBe(true);
  });

  it("says how long a step took the last time it ran", () => {
    expect(install().status).toBe(0);
    fs.rmSync(path.join(toolsHome, "kubernetes-1.34.4"), { recursive: true });
    const again = install({ GO_STANDIN_SLOW: "kube-apiserver", GO_STANDIN_SLOW_SECONDS: "2.5", MESH_HEARTBEAT_SECONDS: "1" });
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/1\/1 kubernetes 1\.34\.4: kube-apiserver, kube-controller-manager, kube-scheduler \(last time \d+s\)/);
    expect(again.stderr).toMatch(/still building kube-apiserver 1\.34\.4 \(\d+s; last time \d+s\)/);
    expect(again.stderr).not.toContain("etcd 3.5.35"); // cached: not built again
  });

  it("says so in one line when every tool is cached", () => {
    expect(install().status).toBe(0);
    const again = install();
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`all 3 tools cached in ${toolsHome}`);
    expect(again.stderr.split("\n").filter(Boolean)).toHaveLength(2); // that line and the engine's
  });
});

describe("disk", () => {
  it("a first run with too little free space fails before building, with the figures and the place", () => {
    freeDisk(5);
    const result = install();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/needs about \d+ GB free in .*tools \(Go build cache about 9 GB, Go modules 3\.3 GB/);
    expect(result.stderr).toContain("but / (/dev/vdb) has 5 GB free");
    expect(result.stderr).toContain("MESH_TOOLS_HOME");
    expect(goCalls()).not.toMatch(/^(build|get|install)/m);
  });

  it("a successful build leaves none of the Go caches it filled", () => {
    expect(install().status).toBe(0);
    expect(goCalls()).toMatch(/^build/m); // the stand-in did fill caches
    expect(goCacheFiles()).toEqual([]);
  });

  it("a failed build keeps them, so the next attempt downloads nothing again", () => {
    const result = install({ GO_STANDIN_FAIL: "kwok" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("kwok.go:1: undefined: everything");
    expect(result.stderr).toContain(path.join(toolsHome, "build.log"));
    expect(goCacheFiles().length).toBeGreaterThan(0);
  });
});
