/**
 * Which engine runs the `local` stack (devtools/local/lib.sh, devtools/toolchain/install.sh): the
 * user's own `pulumi` when one is on PATH, with plug-ins acquired as usual and nothing of the
 * Pulumi toolchain built; otherwise the CLI and provider built here, with acquisition off.
 */
import { SpawnSyncReturns, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../helpers/stackConfig";

/** bash itself, found once on the test's own PATH (the scripts then run with a narrow one). */
const BASH = spawnSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).stdout.trim();

let scratch: string;
let toolsHome: string;
let userBin: string;
let baseBin: string;

/** An executable shell script at DIR/NAME. */
function executable(dir: string, name: string, body: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** bash with PATH limited to the given directories, so no pulumi of this machine leaks in. */
function bash(script: string, pathDirs: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(BASH, ["-c", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { HOME: scratch, PATH: pathDirs.join(":"), MESH_TOOLS_HOME: toolsHome, MESH_LOCAL_HOME: path.join(scratch, "state"), ...env },
  });
}

/**
 * What lib.sh hands to the scripts it starts: the engine, whether acquisition is off, and which
 * `pulumi` runs, as a child process sees them (so an unexported choice would show).
 */
function engineChoice(pathDirs: string[], env: Record<string, string> = {}) {
  const result = bash(
    `. devtools/local/lib.sh; ${BASH} -c 'printf "%s\\n" "\${MESH_ENGINE:-}" "\${PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION:-}" "$(command -v pulumi || true)"'`,
    pathDirs,
    env,
  );
  expect(result.stderr).toBe("");
  const [engine, acquisitionOff, pulumi] = result.stdout.split("\n");
  return { engine, acquisitionOff, pulumi };
}

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "local-engine-"));
  toolsHome = path.join(scratch, "tools");
  userBin = path.join(scratch, "user-bin");
  baseBin = path.join(scratch, "base-bin");
  // The few external commands the scripts need besides bash's builtins.
  fs.mkdirSync(baseBin);
  for (const tool of ["bash", "dirname", "mkdir", "ln", "touch", "cat", "rm", "cut", "sha256sum", "flock", "mv"]) {
    const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
    fs.symlinkSync(found, path.join(baseBin, tool));
  }
  executable(path.join(toolsHome, "bin"), "pulumi", 'echo "v3.68.0-toolchain"');
});

afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("devtools/local/lib.sh", () => {
  it("runs the user's own pulumi when one is on PATH, acquiring plug-ins as usual", () => {
    const own = executable(userBin, "pulumi", 'echo "v3.999.0"');
    expect(engineChoice([userBin, baseBin])).toEqual({ engine: "user", acquisitionOff: "", pulumi: own });
  });

  it("falls back to the toolchain's pulumi, with acquisition off, when there is none", () => {
    expect(engineChoice([baseBin])).toEqual({ engine: "toolchain", acquisitionOff: "true", pulumi: path.join(toolsHome, "bin", "pulumi") });
  });

  it("does not mistake the toolchain's own pulumi on PATH for the user's", () => {
    expect(engineChoice([path.join(toolsHome, "bin"), baseBin]).engine).toBe("toolchain");
  });

  it("refuses an engine it does not know, naming the value and the two it takes", () => {
    const result = bash(". devtools/local/lib.sh; echo sourced", [baseBin], { MESH_ENGINE: "User" });
    expect(result.stderr).toContain("MESH_ENGINE=User is not an engine: use user (your own pulumi on PATH) or toolchain (built here)");
    expect(result.stdout).not.toContain("sourced");
    expect(result.status).not.toBe(0);
  });

  it("refuses MESH_ENGINE=user when no pulumi of the user's is on PATH", () => {
    const result = bash(". devtools/local/lib.sh; echo sourced", [path.join(toolsHome, "bin"), baseBin], { MESH_ENGINE: "user" });
    expect(result.stderr).toContain("MESH_ENGINE=user, but no pulumi of your own is on PATH");
    expect(result.status).not.toBe(0);
  });

  it("honours MESH_ENGINE=toolchain even with a pulumi on PATH", () => {
    executable(userBin, "pulumi", 'echo "v3.999.0"');
    expect(engineChoice([userBin, baseBin], { MESH_ENGINE: "toolchain" })).toEqual({
      engine: "toolchain",
      acquisitionOff: "true",
      pulumi: path.join(toolsHome, "bin", "pulumi"),
    });
  });
});

describe("devtools/toolchain/install.sh under the user's engine", () => {
  /** Marks the control-plane tools as built, so only the engine decision is left to run. */
  function controlPlaneToolsCached(): void {
    const done = (dir: string, bins: string[]) => {
      bins.forEach((b) => executable(path.join(toolsHome, dir), b, "exit 0"));
      fs.writeFileSync(path.join(toolsHome, dir, ".done"), "");
    };
    done("etcd-3.5.35", ["etcd"]);
    done("kubernetes-1.34.4", ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]);
    done("kwok-0.7.0", ["kwok"]);
  }

  it("builds no Pulumi CLI, language host or provider and names the pulumi it uses", () => {
    controlPlaneToolsCached();
    const own = executable(userBin, "pulumi", 'echo "v3.999.0"');
    executable(userBin, "kubectl", "exit 0");
    // Any build attempt would reach `go`, which records that it ran and fails.
    executable(userBin, "go", `echo "$@" >>"${scratch}/go-ran"; exit 1`);
    // Run directly (as CI does), it makes the same choice as lib.sh: the user's pulumi.
    const result = bash(`${BASH} devtools/toolchain/install.sh`, [userBin, baseBin]);
    expect(result.stderr).toContain(`using ${own} (v3.999.0)`);
    expect(fs.existsSync(path.join(scratch, "go-ran"))).toBe(false);
    expect(result.status).toBe(0);
    expect(fs.readdirSync(toolsHome).filter((d) => /^pulumi/.test(d))).toEqual([]);
  });

  it("does build them under the toolchain engine (the same set-up reaches go)", () => {
    controlPlaneToolsCached();
    executable(userBin, "kubectl", "exit 0");
    executable(userBin, "df", `printf 'Filesystem 1024-blocks Used Available Capacity Mounted on\\n/dev/vdb 262144000 1 104857600 1%% /\\n'`);
    executable(userBin, "go", `echo "$@" >>"${scratch}/go-ran"; exit 1`);
    executable(userBin, "node", "exit 1");
    const result = bash(`${BASH} devtools/toolchain/install.sh`, [userBin, baseBin], { MESH_ENGINE: "toolchain" });
    expect(fs.readFileSync(path.join(scratch, "go-ran"), "utf8")).toContain("mod init toolchain/pulumi");
    expect(result.status).not.toBe(0);
  });
});

describe("the summary of `npm run local`", () => {
  /** The summary devtools/local/up.sh prints at the end, as the user reads it (variables expanded). */
  function summary(): string {
    const up = fs.readFileSync(path.join(ROOT, "devtools/local/up.sh"), "utf8");
    const text = up.slice(up.indexOf("cat <<SUMMARY\n") + "cat <<SUMMARY\n".length, up.lastIndexOf("\nSUMMARY"));
    const result = bash(`. devtools/local/lib.sh; cat <<SUMMARY\n${text}\nSUMMARY`, [baseBin]);
    expect(result.status).toBe(0);
    return result.stdout;
  }

  it("prints an Outputs command that works where the engine was built here (no pulumi on PATH)", () => {
    // The built engine: a pulumi in the tools cache only, answering `stack output`.
    executable(
      path.join(toolsHome, "bin"),
      "pulumi",
      'case "$*" in *"stack output"*) echo "importedServiceUrl  http://amcs-service1.provider-ns.svc.cluster.local" ;; esac',
    );
    fs.mkdirSync(path.join(scratch, "state"), { recursive: true });
    fs.writeFileSync(path.join(scratch, "state", "Pulumi.local.yaml"), "config: {}\n");
    const command = /^Outputs:\s+(.*)$/m.exec(summary())![1];
    // The user's terminal: node and npm, the usual commands, no pulumi.
    const userPath = path.join(scratch, "user-path");
    fs.mkdirSync(userPath);
    for (const tool of ["node", "npm", "sh"]) {
      const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
      fs.symlinkSync(found, path.join(userPath, tool));
    }
    const result = bash(command, [userPath, baseBin]);
    expect(result.stderr).not.toContain("command not found");
    expect(result.stdout).toContain("importedServiceUrl  http://amcs-service1.provider-ns.svc.cluster.local");
    expect(result.status).toBe(0);
  });

  it("says why `verification` reads false on the local stack", () => {
    expect(summary()).toMatch(/`verification` output reads probed: false[^]*no call was made/);
  });
});
