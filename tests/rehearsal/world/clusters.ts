import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../engine";

/** One local API server as the stand-ins and the programs see it (world.json `clusters.<role>`). */
export interface LocalCluster {
  readonly kubeconfig: string;
  readonly server: string;
  /** Base64 PEM of the cluster's CA. */
  readonly caData: string;
  /** The admin bearer token (a secret of the run, never logged). */
  readonly token: string;
}

/** Loopback index per role: `npm run local` uses 1-2, the rehearsal 6-8, so both can run at once. */
export type ClusterRoles = Readonly<Record<string, number>>;

const script = path.join(ROOT, "devtools/local/control-plane.sh");

function env(home: string): NodeJS.ProcessEnv {
  return { ...process.env, MESH_LOCAL_HOME: home, LOCAL_CLUSTERS_HOME: path.join(home, "clusters") };
}

/** Starts one control plane per role and returns how to reach each. */
export function startClusters(home: string, roles: ClusterRoles): Record<string, LocalCluster> {
  const clusters: Record<string, LocalCluster> = {};
  for (const [role, index] of Object.entries(roles)) {
    execFileSync("bash", [script, "up", role, String(index)], { env: env(home), stdio: ["ignore", "ignore", "inherit"] });
    const dir = path.join(home, "clusters", role);
    const kubeconfig = path.join(dir, "kubeconfig");
    clusters[role] = {
      kubeconfig,
      server: /server:\s*(\S+)/.exec(fs.readFileSync(kubeconfig, "utf8"))![1],
      caData: fs.readFileSync(path.join(dir, "ca.crt")).toString("base64"),
      token: fs.readFileSync(path.join(dir, "admin.token"), "utf8").trim(),
    };
  }
  return clusters;
}

/** Stops the control planes of the roles and removes their state. */
export function stopClusters(home: string, roles: readonly string[]): void {
  for (const role of roles) {
    try {
      execFileSync("bash", [script, "down", role], { env: env(home), stdio: ["ignore", "ignore", "inherit"] });
    } catch {
      // already down
    }
  }
}

/** `kubectl` on one local cluster, returning stdout. */
export function kubectl(cluster: LocalCluster, args: readonly string[], input?: string): string {
  return execFileSync("kubectl", ["--kubeconfig", cluster.kubeconfig, ...args], { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
}
