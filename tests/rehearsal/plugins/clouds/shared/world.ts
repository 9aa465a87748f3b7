import * as fs from "fs";
import * as path from "path";

/** One local API server standing in for a cloud cluster (tests/rehearsal/README.md, "One run's world"). */
export interface WorldCluster {
  readonly kubeconfig: string;
  readonly server: string;
  /** Base64 PEM of the server's CA. */
  readonly caData: string;
  readonly token: string;
}

export type Role = "gke" | "hub" | "acs";

export function rehearsalHome(): string {
  const home = process.env.REHEARSAL_HOME;
  if (!home) throw new Error("REHEARSAL_HOME is not set: the cloud stand-ins keep their state under it");
  return home;
}

/** The local cluster playing `role`, from $REHEARSAL_HOME/world.json. */
export function worldCluster(role: Role): WorldCluster {
  const file = path.join(rehearsalHome(), "world.json");
  const world = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { clusters?: Record<string, WorldCluster> }) : {};
  const cluster = world.clusters?.[role];
  if (!cluster) throw new Error(`${file} has no cluster for the role '${role}': start the local control plane for it before the stack creates it`);
  return cluster;
}
