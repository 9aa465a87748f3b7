import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runScript } from "../../helpers/scriptRun";
import { ROOT } from "../../helpers/stackConfig";

const FAKES = path.join(ROOT, "tests/fakes/mesh");
/** The interpreter itself: a version manager's shim on PATH costs more than the fake's work. */
const PYTHON = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim() || "python3";

export interface Workload {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  replicas?: number;
  image?: string;
  ready_in?: number;
  deleting_in?: number;
  rollout_in?: number;
  last_error?: string;
}

/** A pod as the API server shows it (fake_cluster.py). */
export interface Pod {
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    ownerReferences?: { kind: string; name: string }[];
  };
  spec: { containers: { name: string; image?: string }[]; initContainers?: { name: string }[] };
  status: { phase: string; podIP?: string };
}

/** An object as the API server keeps it (metadata.managedFields live in `ClusterState.managers`). */
export interface KubeObject {
  apiVersion?: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** A cluster as tests/fakes/mesh/fake_cluster.py keeps it. */
export interface ClusterState {
  namespaces: Record<string, Record<string, string>>;
  deployments: Record<string, Workload>;
  statefulsets: Record<string, Workload>;
  daemonsets: Record<string, Workload>;
  replicasets: Record<string, string>;
  webhooks: Record<string, { metadata: { name: string; labels: Record<string, string> }; webhooks: unknown[] }>;
  pods: Record<string, Pod>;
  services: Record<string, { ip?: string; labels?: Record<string, string> }>;
  /** Every other object, "<Kind>/<namespace, empty when cluster-scoped>/<name>" (CRDs, ConfigMaps, Secrets, custom resources). */
  objects: Record<string, KubeObject>;
  /** metadata.managedFields of any object, by the same key as `objects` (`kubectl get --show-managed-fields`). */
  managers: Record<string, { manager: string; operation: "Apply" | "Update" }[]>;
  /** `kubectl version -o json`'s serverVersion. @default v1.34.1 */
  server_version?: { major: string; minor: string; gitVersion: string };
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
  /** asmcli install --offline: the sha256 of the istioctl in its output directory. */
  istioctl_sha256?: string;
}

/** What `fake_mesh.py admin` seeds, as the real tools leave a cluster (tests/fakes/mesh/fake_mesh.py). */
export type AdminAction =
  | ["install", { revision: string; release: string; network?: string; ready_in?: number; cluster_id?: string }]
  | ["register", { fleet: string; membership: string }]
  | ["tag", { tag: string; revision: string }]
  | [
      "workload",
      { namespace: string; name: string; kind?: "Deployment" | "StatefulSet" | "DaemonSet"; labels: Record<string, string>; replicas?: number; ips?: string[] },
    ]
  | ["gateway", { operator: unknown; release: string }];

/** The revision whose proxy a pod runs, read as revision-canary.sh reads it: sidecar.istio.io/status first. */
export function proxyRevision(pod: Pod): string | undefined {
  const status = pod.metadata.annotations?.["sidecar.istio.io/status"];
  return status ? JSON.parse(status).revision : pod.metadata.annotations?.["istio.io/rev"];
}

/** The pods of a namespace whose names start with `prefix` (controllers name them `<workload>-<hash>-<suffix>`). */
export function podsNamed(state: ClusterState, namespace: string, prefix: string): Pod[] {
  return Object.entries(state.pods)
    .filter(([key]) => key.startsWith(`${namespace}/${prefix}`))
    .map(([, pod]) => pod);
}

const created: string[] = [];
afterAll(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** kubectl, istioctl and asmcli stand-ins (tests/fakes/mesh) first on PATH, with clusters as JSON files. */
export class FakeMesh {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mesh-"));
  readonly cache = path.join(this.dir, "cache");
  readonly releases = path.join(this.dir, "releases");
  /** The key releases are signed with here; the scripts get its public half as ASM_RELEASE_PUBLIC_KEY. */
  readonly signingKey = path.join(this.dir, "release-key.pem");
  readonly publicKey: string;

  constructor() {
    created.push(this.dir);
    fs.mkdirSync(path.join(this.dir, "clusters"));
    fs.mkdirSync(this.releases);
    spawnSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", this.signingKey]);
    this.publicKey = spawnSync("openssl", ["ec", "-in", this.signingKey, "-pubout"], { encoding: "utf8" }).stdout;
  }

  kubeconfig(cluster: string): string {
    return `apiVersion: v1\nkind: Config\ncurrent-context: ${cluster}\n`;
  }

  addCluster(name: string, state: Partial<ClusterState> = {}): void {
    fs.writeFileSync(path.join(this.dir, "clusters", `${name}.json`), JSON.stringify({ namespaces: { "istio-system": {} }, ...state }));
  }

  /** Seeds the cluster through the fake itself, so its objects have the shape the real tools give them. */
  admin(cluster: string, ...[action, spec]: AdminAction): void {
    const result = spawnSync(PYTHON, ["-S", path.join(FAKES, "fake_mesh.py"), "admin", cluster, action], {
      input: JSON.stringify(spec),
      encoding: "utf8",
      env: { ...process.env, FAKE_MESH_STATE: this.dir },
    });
    if (result.status !== 0) throw new Error(`fake_mesh.py admin ${action} failed: ${result.stderr}`);
  }

  cluster(name: string): ClusterState {
    return JSON.parse(fs.readFileSync(path.join(this.dir, "clusters", `${name}.json`), "utf8"));
  }

  update(name: string, change: (c: ClusterState) => void): void {
    const state = this.cluster(name);
    change(state);
    fs.writeFileSync(path.join(this.dir, "clusters", `${name}.json`), JSON.stringify(state));
  }

  /** Publishes a release tarball (istio-<release>/bin/istioctl) and its signature where the scripts download releases. */
  publishRelease(release: string): void {
    const staging = path.join(this.dir, "staging", `istio-${release}`, "bin");
    fs.mkdirSync(staging, { recursive: true });
    fs.copyFileSync(path.join(FAKES, "bin/istioctl"), path.join(staging, "istioctl"));
    fs.chmodSync(path.join(staging, "istioctl"), 0o755);
    const tarball = path.join(this.releases, `istio-${release}-linux-amd64.tar.gz`);
    spawnSync("tar", ["-czf", tarball, "-C", path.join(this.dir, "staging"), `istio-${release}`]);
    // Google signs each tarball (`<tarball>.1.sig`, ECDSA over SHA-256; CSM docs "Download the installation file").
    spawnSync("openssl", ["dgst", "-sha256", "-sign", this.signingKey, "-out", `${tarball}.1.sig`, tarball]);
  }

  /**
   * Publishes the asmcli stand-in as the release script does (scripts/release-asm/common.sh
   * write_and_upload): `asmcli_<version with + as ->` and beside it `<that>.sha256`, which lists
   * the file under both names. `checksum: "wrong"` publishes a sum of other content, "none" none.
   */
  publishAsmcli(version: string, checksum: "right" | "wrong" | "none" = "right"): string {
    const file = `asmcli_${version.replace(/\+/g, "-")}`;
    const script = fs.readFileSync(path.join(FAKES, "bin/asmcli"), "utf8");
    fs.writeFileSync(path.join(this.releases, file), script, { mode: 0o755 });
    const sum = createHash("sha256")
      .update(checksum === "wrong" ? `${script}tampered` : script)
      .digest("hex");
    if (checksum !== "none") fs.writeFileSync(path.join(this.releases, `${file}.sha256`), `${sum}  asmcli\n${sum}  ${file}\n`);
    return file;
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
    const result = runScript(`mesh/${script}.sh`, action, {
      ...process.env,
      PATH: `${path.join(FAKES, "bin")}:${process.env.PATH}`,
      FAKE_MESH_STATE: this.dir,
      FAKE_MESH_HOME: FAKES,
      FAKE_MESH_PYTHON: PYTHON,
      POLL_SECONDS: "0",
      MESH_WAIT_SECONDS: "20",
      MESH_TOOLS_CACHE: this.cache,
      ASM_RELEASE_URL: `file://${this.releases}`,
      ASMCLI_URL: `file://${this.releases}`,
      ASM_RELEASE_PUBLIC_KEY: this.publicKey,
      ASMCLI: path.join(FAKES, "bin/asmcli"),
      ...env,
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
