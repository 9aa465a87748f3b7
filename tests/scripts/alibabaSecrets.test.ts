/**
 * The AccessKey secret reaches the `aliyun` CLI through the environment only: never on the command
 * line of any process the scripts start, never in a file, not even when a run is killed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALIBABA_ENV, FakeAliyun, FAKES_BIN } from "../helpers/fakeAliyun";

const SECRET = ALIBABA_ENV.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
/** Every program the Alibaba scripts (and the stand-ins they call) start. */
const PROGRAMS = ["aliyun", "kubectl", "jq", "sed", "grep", "tail", "head", "cat", "mktemp", "rm", "dirname", "sleep", "tr", "paste", "tac", "python3"];

/** A directory of wrappers, first on PATH, that log each program's argv and run the real one. */
function argvRecorder(dir: string): { bin: string; log: string } {
  const bin = path.join(dir, "bin");
  const log = path.join(dir, "argv.log");
  fs.mkdirSync(bin);
  for (const name of PROGRAMS) {
    const shim = path.join(bin, name);
    fs.writeFileSync(
      shim,
      '#!/bin/bash\nprintf "%s\\037" "${0##*/}" "$@" >>"$ARGV_LOG"\nprintf "\\n" >>"$ARGV_LOG"\n' +
        'real=$(PATH="${PATH#*:}" command -v "${0##*/}")\nexec "$real" "$@"\n',
    );
    fs.chmodSync(shim, 0o755);
  }
  return { bin, log };
}

/** Files under `dir` whose content holds the secret. */
function filesHoldingSecret(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile() && fs.readFileSync(f, "utf8").includes(SECRET));
}

describe("the AccessKey secret", () => {
  const cloud = new FakeAliyun();
  cloud.addNetwork("vpc-1", "vsw-1", "sg-1");
  cloud.addHub("c7hub", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "alibaba-secrets-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("appears on no command line of any process a create and a delete start", () => {
    const recorder = argvRecorder(scratch);
    const env = { PATH: `${recorder.bin}:${FAKES_BIN}:${process.env.PATH}`, ARGV_LOG: recorder.log };
    const registration = cloud.run("ackone/external-cluster", "create", {
      ...env,
      EXTERNAL_NAME: "gke",
      EXTERNAL_VPC_ID: "vpc-1",
      EXTERNAL_VSWITCH_ID: "vsw-1",
      EXTERNAL_OWNER: "multicloud-mesh/ack-dev",
    });
    expect(registration.status).toBe(0);
    const agentEnv = { ...env, AGENT_CLUSTER_ID: registration.json.ClusterId, AGENT_PRIVATE: "true", KUBECONFIG_DATA: "apiVersion: v1\nkind: Config\n" };
    const agent = cloud.run("ackone/cluster-agent", "create", agentEnv);
    expect(agent.status).toBe(0);
    expect(cloud.run("ackone/hub-kubeconfig", "create", { ...env, HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "false" }).status).toBe(0);
    expect(cloud.run("ackone/cluster-agent", "delete", agentEnv, agent.stdout).status).toBe(0);
    expect(
      cloud.run("ackone/external-cluster", "delete", { ...env, EXTERNAL_NAME: "gke", EXTERNAL_OWNER: "multicloud-mesh/ack-dev" }, registration.stdout).status,
    ).toBe(0);

    const lines = fs.readFileSync(recorder.log, "utf8").split("\n").filter(Boolean);
    const programs = new Set(lines.map((l) => l.split("\x1f")[0]));
    // The recorder saw the calls that matter, so finding no secret means something.
    ["aliyun", "kubectl", "jq", "python3"].forEach((p) => expect(programs).toContain(p));
    expect(lines.filter((l) => l.includes(SECRET))).toEqual([]);
  });

  it("is left in no file when a run is killed mid-way", async () => {
    cloud.addHub("c7slow", { public: "https://47.74.1.2:6443", private: "https://192.168.1.6:6443", token: "t", state: "upgrading" });
    const home = fs.mkdtempSync(path.join(scratch, "home-"));
    const tmp = fs.mkdtempSync(path.join(scratch, "tmp-"));
    const before = cloud.calls().length;
    const run = cloud.start(
      "ackone/hub-kubeconfig",
      "create",
      cloud.env({ HOME: home, TMPDIR: tmp, ALIBABA_POLL_SECONDS: "1", HUB_CLUSTER_ID: "c7slow", HUB_PRIVATE: "false" }),
    );
    const deadline = Date.now() + 30_000;
    while (cloud.calls().length < before + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(cloud.calls().length).toBeGreaterThanOrEqual(before + 2); // it was waiting on the hub
    process.kill(-run.pid!, "SIGKILL");
    await new Promise((r) => run.on("exit", r));

    expect(fs.readdirSync(tmp).length).toBeGreaterThan(0); // the killed run's work directory stayed
    expect(filesHoldingSecret(tmp)).toEqual([]);
    expect(filesHoldingSecret(home)).toEqual([]);
    expect(filesHoldingSecret(cloud.dir)).toEqual([]);
  }, 60_000);
});
