import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./stackConfig";

export const ALIBABA_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tFAKEKEYID",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "fake-alibaba-secret-0123456789",
  ALIBABA_CLOUD_REGION_ID: "ap-northeast-1",
};

export interface AliyunCall {
  argv: string[];
  api: string;
  flags: Record<string, string>;
  region: string;
  profile: Record<string, string>;
  profile_mode: string;
}

/** The aliyun and kubectl stand-ins (tests/fakes/bin) in front of PATH, with their own state. */
export class FakeAliyun {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-aliyun-"));
  readonly kubectlLog = path.join(this.dir, "kubectl.jsonl");

  /** Seeds a hub the adcp API knows. */
  addHub(id: string, hub: { public: string; private: string; token: string }): void {
    const file = path.join(this.dir, "state.json");
    const state = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { clusters: {}, hubs: {}, detail_calls: {} };
    state.hubs[id] = hub;
    fs.writeFileSync(file, JSON.stringify(state));
  }

  calls(): AliyunCall[] {
    const file = path.join(this.dir, "calls.jsonl");
    return fs.existsSync(file)
      ? fs
          .readFileSync(file, "utf8")
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  }

  apis(): string[] {
    return this.calls().map((c) => c.api);
  }

  kubectlCalls(): { argv: string[]; kubeconfig: string; file: string }[] {
    return fs.existsSync(this.kubectlLog)
      ? fs
          .readFileSync(this.kubectlLog, "utf8")
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l))
      : [];
  }

  run(script: string, action: "create" | "delete", env: Record<string, string>) {
    const result = spawnSync("bash", [`scripts/${script}.sh`, action], {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${path.join(ROOT, "tests/fakes/bin")}:${process.env.PATH}`,
        FAKE_ALIYUN_STATE: this.dir,
        FAKE_KUBECTL_LOG: this.kubectlLog,
        ALIBABA_POLL_SECONDS: "0",
        ...ALIBABA_ENV,
        ...env,
      },
    });
    const last = result.stdout.trim().split("\n").pop() ?? "";
    let json: any;
    try {
      json = JSON.parse(last);
    } catch {
      json = undefined;
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, json };
  }
}
