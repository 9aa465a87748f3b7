import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../../helpers/stackConfig";

const FAKES = path.join(ROOT, "tests/fakes/mesh");
/** The interpreter itself: a version manager's shim on PATH costs more than the fake's work. */
const PYTHON = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim() || "python3";

export interface Deployment {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  env?: Record<string, string>;
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
  /** Objects returned as-is by `kubectl get <resource> <name>`: "<resource>/<namespace>/<name>" (namespace empty when cluster-scoped). */
  objects?: Record<string, object | null>;
  /** `kubectl version -o json`'s serverVersion. */
  server_version?: { major: string; minor: string; gitVersion: string };
  configmaps?: Record<string, Record<string, string>>;
}

export interface MeshCall {
  tool: "kubectl" | "istioctl" | "asmcli";
  path: string;
  argv: string[];
  cluster: string;
  /** asmcli install --offline: the sha256 of the istioctl in its output directory. */
  istioctl_sha256?: string;
}

/** A running istiod of `revision` on `release`, with its injection webhook. */
export function istiod(revision: string, release: string, extra: Partial<Deployment> = {}): Pick<ClusterState, "deployments" | "webhooks"> {
  return {
    deployments: {
      [`istio-system/istiod-${revision}`]: {
        labels: { app: "istiod", "istio.io/rev": revision },
        image: `gcr.io/gke-release/asm/pilot:${release}-distroless`,
        // istio-discovery's default when no clusterName is set (istio release-1.29 deployment.yaml)
        env: { CLUSTER_ID: "Kubernetes" },
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
        ASMCLI_URL: `file://${this.releases}`,
        ASM_RELEASE_PUBLIC_KEY: this.publicKey,
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
