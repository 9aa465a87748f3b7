import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./stackConfig";

/** The local NIFCLOUD API stand-in (tests/fakes/nifcloud_api.py), driven by the real `nifcloud` CLI. */
export class FakeNifcloud {
  private process?: ChildProcess;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-nifcloud-"));
  readonly log = path.join(this.dir, "requests.jsonl");
  port = 0;

  async start(): Promise<void> {
    const portFile = path.join(this.dir, "port");
    this.process = spawn("python3", [path.join(ROOT, "tests/fakes/nifcloud_api.py"), portFile, this.log], { stdio: "inherit" });
    for (let i = 0; i < 100 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 100));
    this.port = Number(fs.readFileSync(portFile, "utf8"));
  }

  stop(): void {
    this.process?.kill();
  }

  /** Every request the CLI sent, in order. */
  requests(): { action: string; params: Record<string, any> }[] {
    if (!fs.existsSync(this.log)) return [];
    return fs
      .readFileSync(this.log, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }

  actions(): string[] {
    return this.requests().map((r) => r.action);
  }

  /** Runs `bash scripts/nifcloud/<script>.sh <action>` against the fake. */
  run(script: string, action: "create" | "delete", env: Record<string, string>) {
    const result = spawnSync("bash", [`scripts/nifcloud/${script}.sh`, action], {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        NIFCLOUD_ACCESS_KEY_ID: "test-key",
        NIFCLOUD_SECRET_ACCESS_KEY: "test-secret",
        NIFCLOUD_REGION: "jp-east-1",
        NIFCLOUD_ENDPOINT_URL: `http://127.0.0.1:${this.port}`,
        NIFCLOUD_POLL_SECONDS: "0",
        ...env,
      },
    });
    const last = result.stdout.trim().split("\n").pop() ?? "";
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: last.startsWith("{") ? JSON.parse(last) : undefined };
  }
}

export function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}
