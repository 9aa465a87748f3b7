import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { changeState, readState } from "../rehearsal/lib/stateLock";
import { runScript, startScript } from "./scriptRun";
import { ROOT } from "./stackConfig";

export const ALIBABA_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tFAKEKEYID",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "fake-alibaba-secret-0123456789",
  ALIBABA_CLOUD_REGION_ID: "ap-northeast-1",
};

export const FAKES_BIN = path.join(ROOT, "tests/fakes/bin");

export interface AliyunCall {
  argv: string[];
  api: string;
  flags: Record<string, string>;
  region: string;
  access_key_id: string;
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line as JSON, as ScriptCommand reads it. */
  json: any;
}

export interface HubSeed {
  public: string;
  private: string;
  token: string;
  /** The hub reports a public API endpoint already. @default false */
  publicEnabled?: boolean;
  /** @default "running" */
  state?: string;
}

function readJsonLines(file: string): any[] {
  return fs.existsSync(file)
    ? fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
}

const created: string[] = [];
afterAll(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The aliyun and kubectl stand-ins (tests/fakes/bin) in front of PATH, with their own state. */
export class FakeAliyun {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-aliyun-"));
  readonly kubectlLog = path.join(this.dir, "kubectl.jsonl");
  readonly kubeState = path.join(this.dir, "kube.json");

  readonly stateFile = path.join(this.dir, "state.json");

  constructor() {
    created.push(this.dir);
  }

  private state(): any {
    return { ...emptyState(), ...readState(this.stateFile, emptyState) };
  }

  /** Changes the shared state under its lock, as the stand-ins do (tests/rehearsal/README.md). */
  private update(change: (state: any) => void): void {
    changeState(this.stateFile, emptyState, (state: any) => {
      const full = { ...emptyState(), ...state };
      change(full);
      return full;
    });
  }

  /** Changes the kubectl stand-in's cluster under its lock. */
  private updateKube(change: (state: any) => void): void {
    changeState(this.kubeState, emptyKube, (state: any) => {
      change(state);
      return state;
    });
  }

  /** Seeds a hub the adcp API knows. */
  addHub(id: string, hub: HubSeed): void {
    this.update((s) => {
      s.hubs[id] = { ...hub, state: hub.state ?? "running", public_enabled: hub.publicEnabled ?? false, members: {} };
    });
  }

  /** Seeds a vSwitch and a security group in a VPC. */
  addNetwork(vpcId: string, vswitchId: string, securityGroupId: string): void {
    this.update((s) => {
      s.vswitches[vswitchId] = { vpc_id: vpcId };
      s.security_groups[securityGroupId] = { vpc_id: vpcId };
    });
  }

  /**
   * What a vSwitch holds (DescribeVSwitchAttributes CloudResources): a count per resource type,
   * each released after `readsLeft` reads (undefined: held for good).
   */
  vswitchHolds(vswitchId: string, resources: Record<string, number>, readsLeft?: number): void {
    this.update((s) => {
      const held = (s.vswitches[vswitchId].resources ??= {});
      for (const [kind, count] of Object.entries(resources)) held[kind] = { count, reads_left: readsLeft ?? null };
    });
  }

  /**
   * Sets a cluster's membership of a hub: attached (`running`), being detached (`detaching`: the
   * hub lets go after a few reads) or not a member (`undefined`).
   */
  member(hubId: string, clusterId: string, state: "running" | "detaching" | undefined): void {
    this.update((s) => {
      if (state) s.hubs[hubId].members[clusterId] = state;
      else delete s.hubs[hubId].members[clusterId];
    });
  }

  /** Agents of clusters registered from now on cannot reach ACK. */
  agentsUnreachable(): void {
    this.update((s) => {
      s.agents_unreachable = true;
    });
  }

  /** The next `times` calls of `api` ("<product> <Api>") answer this error, then the API works again. */
  failNext(api: string, code: string, message: string, times = 1): void {
    this.update((s) => {
      s.fail_next[api] = [...(s.fail_next[api] ?? []), ...Array.from({ length: times }, () => ({ code, message }))];
    });
  }

  /** RAM roles the account has (a new account has none). */
  grantRoles(names: readonly string[], serviceLinked = false): void {
    this.update((s) => {
      for (const name of names) s.ram_roles[name] = { service_linked: serviceLinked };
    });
  }

  /** Seeds an EIP the user allocated, not associated with anything. */
  addEip(id: string, region = ALIBABA_ENV.ALIBABA_CLOUD_REGION_ID): void {
    this.update((s) => {
      s.eips[id] = { allocation_id: id, ip_address: "47.74.9.9", status: "Available", instance_id: "", instance_type: "", region_id: region, created_by: "" };
    });
  }

  /** Seeds a registered cluster someone else created (not through the stack), with its tags. */
  addForeignCluster(name: string, tags: { key: string; value: string }[] = []): string {
    const id = `cforeign${Math.random().toString(16).slice(2, 10)}`;
    this.update((s) => {
      s.clusters[id] = {
        cluster_id: id,
        name,
        cluster_type: "ExternalKubernetes",
        region_id: ALIBABA_ENV.ALIBABA_CLOUD_REGION_ID,
        vpc_id: "vpc-other",
        vswitch_ids: [],
        security_group_id: "",
        state: "running",
        reads: 0,
        tags,
        events: [],
      };
    });
    return id;
  }

  eips(): Record<string, any> {
    return this.state().eips;
  }

  /** An object another controller creates in the kubectl stand-in's cluster after `afterReads` more reads. */
  arrives(object: Record<string, any>, afterReads: number): void {
    this.updateKube((k) => {
      k.arrivals = [...(k.arrivals ?? []), { after_reads: afterReads, object }];
    });
  }

  /** The next `n` exec calls fail as a call to a not yet routable endpoint does. */
  execFailures(n: number): void {
    this.updateKube((k) => {
      k.exec_failures = n;
    });
  }

  /** The server refuses applying objects of this kind. */
  applyFailsAt(kind: string): void {
    this.updateKube((k) => {
      k.apply_fails_at = kind;
    });
  }

  /**
   * A member cluster the hub reaches through its cluster-gateway, holding these objects
   * ("<namespace>|<kind>[.<group>]/<name>"); each is gone after `readsLeft` reads (undefined: stays).
   */
  memberObjects(clusterId: string, keys: readonly string[], readsLeft?: number): void {
    this.updateKube((k) => {
      k.members ??= {};
      k.members[clusterId] ??= {};
      for (const key of keys) k.members[clusterId][key] = { reads_left: readsLeft ?? null };
    });
  }

  /** The hub's proxy cannot reach these member clusters. */
  membersUnreachable(clusterIds: readonly string[]): void {
    this.updateKube((k) => {
      k.members_unreachable = clusterIds;
    });
  }

  cluster(id: string): any {
    return this.state().clusters[id];
  }

  hub(id: string): any {
    return this.state().hubs[id];
  }

  calls(): AliyunCall[] {
    return readJsonLines(path.join(this.dir, "calls.jsonl"));
  }

  apis(): string[] {
    return this.calls().map((c) => c.api);
  }

  kubectlCalls(): { argv: string[]; kubeconfig: string; file: string }[] {
    return readJsonLines(this.kubectlLog);
  }

  /** Keys "<namespace>|<kind>/<name>" of the objects in the kubectl stand-in's cluster. */
  kubeObjects(): string[] {
    return fs.existsSync(this.kubeState) ? Object.keys(JSON.parse(fs.readFileSync(this.kubeState, "utf8")).objects).sort() : [];
  }

  /** Keys of the objects left in a member cluster. */
  memberObjectKeys(clusterId: string): string[] {
    return fs.existsSync(this.kubeState) ? Object.keys(JSON.parse(fs.readFileSync(this.kubeState, "utf8")).members?.[clusterId] ?? {}).sort() : [];
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PATH: `${FAKES_BIN}:${process.env.PATH}`,
      FAKE_ALIYUN_STATE: this.dir,
      FAKE_KUBECTL_LOG: this.kubectlLog,
      FAKE_KUBE_STATE: this.kubeState,
      ALIBABA_POLL_SECONDS: "0",
      ALIBABA_RETRIES: "6",
      // Script tests keep transitions to their read counts: real durations scaled to nothing.
      REHEARSAL_TIME_SCALE: "1000000000",
      ...ALIBABA_ENV,
      ...extra,
    };
  }

  /** Runs a script as ScriptCommand does; `previous` is its last stdout ($PULUMI_COMMAND_STDOUT). */
  run(script: string, action: "create" | "update" | "delete", env: Record<string, string>, previous?: string): ScriptRun {
    const result = runScript(`${script}.sh`, action, this.env({ ...env, ...(previous === undefined ? {} : { PULUMI_COMMAND_STDOUT: previous }) }));
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: lastJson(result.stdout) };
  }

  /** Starts a script without waiting for it (to kill it mid-run). */
  start(script: string, action: "create" | "delete", env: NodeJS.ProcessEnv) {
    return startScript(`${script}.sh`, action, env, { detached: true });
  }

  /** Runs the stand-in itself, as a script would call `aliyun`. */
  aliyun(args: string[], env: Record<string, string> = {}) {
    const result = spawnSync(path.join(FAKES_BIN, "aliyun"), args, {
      encoding: "utf8",
      env: this.env({ ALIBABA_CLOUD_IGNORE_PROFILE: "TRUE", ...env }),
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
}

function emptyState(): any {
  return { clusters: {}, hubs: {}, vswitches: {}, security_groups: {}, eips: {}, ram_roles: {}, fail_next: {} };
}

/** The kubectl stand-in's cluster before anything was applied (tests/fakes/kubectl_cli.py). */
function emptyKube(): any {
  const ns = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  return { objects: { "|namespace/default": ns("default"), "|namespace/kube-system": ns("kube-system") } };
}

function lastJson(stdout: string): any {
  const last = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last);
  } catch {
    return undefined;
  }
}
