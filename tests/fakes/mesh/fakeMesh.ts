import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../../helpers/stackConfig";

const FAKES = path.join(ROOT, "tests/fakes/mesh");
/** The interpreter itself: a version manager's shim on PATH costs more than the fake's work. */
const PYTHON = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim() || "python3";

export interface Deployment {
  labels: Record<string, string>;
  image?: string;
  ready_in?: number;
  deleting_in?: number;
}

export interface ClusterState {
  namespaces: Record<string, Record<string, string>>;
  deployments: Record<string, Deployment>;
  webhooks: string[];
  pods: Record<string, { labels: Record<string, string>; ip?: string; restart_in?: number }>;
  services: Record<string, { ip: string }>;
  nodes?: Record<string, { ip: string; default_via: string; routes: Record<string, string>; open: string[] }>;
  curl?: string[];
  endpoints?: [string, number][];
  gateway_ip?: string;
  ready_polls?: number;
  asmcli_fails?: boolean;
}

export interface MeshCall {
  tool: "kubectl" | "istioctl" | "asmcli";
  path: string;
  argv: string[];
  cluster: string;
}

/** A running istiod of `revision` on `release`, with its injection webhook. */
export function istiod(revision: string, release: string, extra: Partial<Deployment> = {}): Pick<ClusterState, "deployments" | "webhooks"> {
  return {
    deployments: {
      [`istio-system/istiod-${revision}`]: {
        labels: { app: "istiod", "istio.io/rev": revision },
        image: `gcr.io/gke-release/asm/pilot:${release}-distroless`,
        ready_in: 0,
        ...extra,
      },
    },
    webhooks: [`istio-sidecar-injector-${revision}`],
  };
}

const created: string[] = [];
afterAll(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** kubectl, istioctl and asmcli stand-ins (tests/fakes/mesh) first on PATH, with clusters as JSON files. */
export class FakeMesh {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mesh-"));
  readonly cache = path.join(this.dir, "cache");
  readonly releases = path.join(this.dir, "releases");

  constructor() {
    created.push(this.dir);
    fs.mkdirSync(path.join(this.dir, "clusters"));
    fs.mkdirSync(this.releases);
  }

  kubeconfig(cluster: string): string {
    return `apiVersion: v1\nkind: Config\ncurrent-context: ${cluster}\n`;
  }

  addCluster(name: string, state: Partial<ClusterState> = {}): void {
    const empty: ClusterState = { namespaces: { "istio-system": {} }, deployments: {}, webhooks: [], pods: {}, services: {} };
    fs.writeFileSync(path.join(this.dir, "clusters", `${name}.json`), JSON.stringify({ ...empty, ...state }));
  }

  cluster(name: string): ClusterState {
    return JSON.parse(fs.readFileSync(path.join(this.dir, "clusters", `${name}.json`), "utf8"));
  }

  update(name: string, change: (c: ClusterState) => void): void {
    const state = this.cluster(name);
    change(state);
    fs.writeFileSync(path.join(this.dir, "clusters", `${name}.json`), JSON.stringify(state));
  }

  /** Publishes a release tarball (istio-<release>/bin/istioctl) where the scripts download releases. */
  publishRelease(release: string): void {
    const staging = path.join(this.dir, "staging", `istio-${release}`, "bin");
    fs.mkdirSync(staging, { recursive: true });
    fs.copyFileSync(path.join(FAKES, "bin/istioctl"), path.join(staging, "istioctl"));
    fs.chmodSync(path.join(staging, "istioctl"), 0o755);
    spawnSync("tar", ["-czf", path.join(this.releases, `istio-${release}-linux-amd64.tar.gz`), "-C", path.join(this.dir, "staging"), `istio-${release}`]);
  }

  calls(): MeshCall[] {
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

  /** Calls of one tool, as argv joined by spaces. */
  commands(tool: MeshCall["tool"]): string[] {
    return this.calls()
      .filter((c) => c.tool === tool)
      .map((c) => c.argv.join(" "));
  }

  run(script: string, action: "create" | "delete", env: Record<string, string>) {
    const result = spawnSync("bash", [`scripts/mesh/${script}.sh`, action], {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${path.join(FAKES, "bin")}:${process.env.PATH}`,
        FAKE_MESH_STATE: this.dir,
        FAKE_MESH_HOME: FAKES,
        FAKE_MESH_PYTHON: PYTHON,
        POLL_SECONDS: "0",
        MESH_WAIT_SECONDS: "20",
        MESH_TOOLS_CACHE: this.cache,
        ASM_RELEASE_URL: `file://${this.releases}`,
        ASMCLI: path.join(FAKES, "bin/asmcli"),
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
