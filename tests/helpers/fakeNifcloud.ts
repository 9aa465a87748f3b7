import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { ScriptAction } from "../../lib/scriptCommandLine";
import { runScript, startScript } from "./scriptRun";
import { ROOT } from "./stackConfig";

/**
 * Seconds between two polls of a cloud state in every NIFCLOUD script suite: short, and a
 * decimal, so the scripts' waits are exercised as written while the suites stay fast.
 */
export const TEST_POLL_SECONDS = "0.02";

/** The owner mark of the stack the script suites play (a program passes `<project>/<stack>`). */
export const TEST_OWNER_MARK = "multicloud-mesh/test";

/** The stand-in's whole state (GET /_state); objects carry the API's field names. */
export interface NifcloudState {
  securityGroups: Record<string, any>[];
  privateLans: Record<string, any>[];
  vpnGateways: Record<string, any>[];
  customerGateways: Record<string, any>[];
  vpnConnections: Record<string, any>[];
  instances: Record<string, any>[];
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The JSON object on the last line of stdout, when there is one. */
  json: any;
}

/** A call that reads the computing service model and sends nothing. */
const WARM_UP = ["computing", "describe-regions", "--generate-cli-skeleton"];

const created: FakeNifcloud[] = [];
afterAll(() =>
  created.forEach((api) => {
    api.stop();
    fs.rmSync(api.dir, { recursive: true, force: true });
  }),
);

/** The local NIFCLOUD API stand-in (tests/fakes/nifcloud_api.py), driven by the real `nifcloud` CLI. */
export class FakeNifcloud {
  private process?: ChildProcess;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-nifcloud-"));
  readonly log = path.join(this.dir, "requests.jsonl");
  /** Every argv of jq and nifcloud the scripts ran, one JSON array a line (see recordArgv). */
  readonly argvLog = path.join(this.dir, "argv.jsonl");
  private readonly wrapperDir = path.join(this.dir, "bin");
  /** Holds `nifcloud`: the real CLI, run in a child of one warm process (tests/fakes/cli_forkserver.py). */
  private readonly cliDir = path.join(this.dir, "cli");
  private cliServer?: ChildProcess;
  port = 0;

  /** `env`: the stand-in's own settings, e.g. FAKE_NIFCLOUD_SINGLE_PORT (tests/fakes/nifcloud_api.py). */
  constructor(private readonly env: Record<string, string> = {}) {
    created.push(this);
  }

  async start(): Promise<void> {
    const portFile = path.join(this.dir, "port");
    this.process = spawn("python3", [path.join(ROOT, "tests/fakes/nifcloud_api.py"), portFile, this.log], {
      stdio: "inherit",
      env: { ...process.env, ...this.env },
    });
    for (let i = 0; i < 100 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 100));
    this.port = Number(fs.readFileSync(portFile, "utf8"));
    await this.startCli();
    this.recordArgv(["jq", "nifcloud"]);
  }

  stop(): void {
    this.process?.kill();
    this.cliServer?.kill();
  }

  /**
   * Every call still runs the real CLI's own entry point (argument parsing, the service model's
   * validation, the request); only the import of botocore and the model is paid once per suite.
   */
  private async startCli(): Promise<void> {
    const socket = path.join(this.dir, "cli.sock");
    this.cliServer = spawn("python3", [path.join(ROOT, "tests/fakes/cli_forkserver.py"), socket, "nifcloudcli.clidriver", "main", ...WARM_UP], {
      stdio: "inherit",
    });
    for (let i = 0; i < 200 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
    if (!fs.existsSync(socket)) throw new Error("the nifcloud CLI server did not start (is nifcloud-cli installed? npm test installs it)");
    fs.mkdirSync(this.cliDir, { recursive: true });
    const client = path.join(ROOT, "tests/fakes/cli_forkclient.py");
    fs.writeFileSync(path.join(this.cliDir, "nifcloud"), `#!/bin/sh\nexec python3 -S ${JSON.stringify(client)} ${JSON.stringify(socket)} nifcloud "$@"\n`, {
      mode: 0o755,
    });
  }

  /** PATH for anything that calls the CLI: the argv recorders first, then the CLI. */
  private get path(): string {
    return `${this.wrapperDir}:${this.cliDir}:${process.env.PATH}`;
  }

  /**
   * Puts wrappers first on the scripts' PATH that log each call's argv (with shell builtins only:
   * fields split by \x1f, calls by \x1e), then run the real tool.
   */
  private recordArgv(tools: string[]): void {
    fs.mkdirSync(this.wrapperDir, { recursive: true });
    for (const tool of tools) {
      const real = spawnSync("sh", ["-c", `command -v ${tool}`], {
        encoding: "utf8",
        env: { ...process.env, PATH: `${this.cliDir}:${process.env.PATH}` },
      }).stdout.trim();
      const record = `{ printf '%s' ${tool}; printf '\\x1f%s' "$@"; printf '\\x1e'; } >>${JSON.stringify(this.argvLog)}`;
      fs.writeFileSync(path.join(this.wrapperDir, tool), `#!/usr/bin/env bash\n${record}\nexec ${JSON.stringify(real)} "$@"\n`, { mode: 0o755 });
    }
  }

  /** Every command line of jq and nifcloud the scripts ran. */
  argvs(): string[][] {
    if (!fs.existsSync(this.argvLog)) return [];
    return fs
      .readFileSync(this.argvLog, "utf8")
      .split("\x1e")
      .filter(Boolean)
      .map((call) => call.split("\x1f"));
  }

  /** Every request the CLI sent, in order. */
  requests(): { action: string; params: Record<string, any>; key: string; error: string | null }[] {
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

  /** Only these access key ids are accepted from now on (a credential rotation). */
  acceptKeys(...keys: string[]): void {
    fs.writeFileSync(path.join(this.dir, "keys"), keys.join("\n"));
  }

  /** Adds objects someone else made before the stack ran: {groups, lans, instances} (POST /_seed). */
  async seed(spec: Record<string, unknown>): Promise<void> {
    await this.call("POST", "/_seed", spec);
  }

  /** Makes a later call fail (POST /_fail): {action, after?, skip?, times?, code?, status?, message?}. */
  async fail(spec: { action: string; after?: string; skip?: number; times?: number; code?: string; status?: number }): Promise<void> {
    await this.call("POST", "/_fail", spec);
  }

  /** Every object the stand-in holds, as its describes show them (GET /_state). */
  state(): Promise<NifcloudState> {
    return this.call("GET", "/_state") as Promise<NifcloudState>;
  }

  private call(method: string, route: string, spec?: unknown): Promise<unknown> {
    const body = spec === undefined ? "" : JSON.stringify(spec);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: this.port, path: route, method, headers: { "Content-Length": Buffer.byteLength(body) } }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${method} ${route} failed: ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Calls the API directly with the real CLI (`nifcloud computing ARGS...`); null when it fails. */
  cli(...args: string[]): any {
    const result = spawnSync(
      "nifcloud",
      ["computing", ...args, "--output", "json", "--region", "jp-east-1", "--endpoint-url", `http://127.0.0.1:${this.port}`],
      {
        encoding: "utf8",
        env: { ...process.env, PATH: `${this.cliDir}:${process.env.PATH}`, NIFCLOUD_ACCESS_KEY_ID: "test-key", NIFCLOUD_SECRET_ACCESS_KEY: "test-secret" },
      },
    );
    return result.status === 0 ? JSON.parse(result.stdout) : null;
  }

  /**
   * Runs scripts/nifcloud/<script>.sh's <action> against the fake, as @pulumi/command does:
   * `previous` is the stdout of the last create/update, given to update and delete as
   * PULUMI_COMMAND_STDOUT.
   */
  run(script: string, action: ScriptAction, env: Record<string, string>, previous?: ScriptRun): ScriptRun {
    const result = runScript(`nifcloud/${script}.sh`, action, this.scriptEnv(env, previous));
    const last = result.stdout.trim().split("\n").pop() ?? "";
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: last.startsWith("{") ? JSON.parse(last) : undefined };
  }

  /** Starts a script as `run` does, without waiting for it (to kill it mid-run, as a cancel does). */
  launch(script: string, action: ScriptAction, env: Record<string, string>): ChildProcess {
    return startScript(`nifcloud/${script}.sh`, action, this.scriptEnv(env));
  }

  private scriptEnv(env: Record<string, string>, previous?: ScriptRun): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PATH: this.path,
      NIFCLOUD_ACCESS_KEY_ID: "test-key",
      NIFCLOUD_SECRET_ACCESS_KEY: "test-secret",
      NIFCLOUD_REGION: "jp-east-1",
      NIFCLOUD_ENDPOINT_URL: `http://127.0.0.1:${this.port}`,
      NIFCLOUD_POLL_SECONDS: TEST_POLL_SECONDS,
      NIFCLOUD_OWNER_MARK: TEST_OWNER_MARK,
      NIFCLOUD_PEER_KEY: "vpnLinks[0].peer",
      ...(previous ? { PULUMI_COMMAND_STDOUT: previous.stdout } : {}),
      ...env,
    };
  }
}

export function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}
