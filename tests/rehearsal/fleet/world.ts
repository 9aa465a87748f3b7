import * as fs from "fs";
import * as path from "path";
import { readState } from "../lib/stateLock";
import { ClusterAccess } from "./kube";

/** The Alibaba stand-ins' shared state, as far as the fleet reads it (tests/fakes/aliyun_cli.py). */
export interface AlibabaState {
  readonly hubs?: Readonly<Record<string, { readonly state?: string; readonly members?: Readonly<Record<string, string>> }>>;
  readonly clusters?: Readonly<Record<string, { readonly cluster_type?: string; readonly state?: string; readonly rehearsal_role?: string }>>;
}

/** One member of the fleet: the cluster id ACK One names it by, and the local cluster that plays it. */
export interface Member {
  readonly id: string;
  /** world.json role, or undefined when no local cluster plays this cluster. */
  readonly role: string | undefined;
}

/** The local cluster that plays the hub. */
export const HUB_ROLE = "hub";

/** Hub states in which the hub's API no longer serves (adcp DescribeHubClusterDetails `State`). */
const GONE = new Set(["deleting", "deleted", "gone"]);

/** Hubs whose API serves: every hub of the state that is not being deleted. */
export function liveHubs(state: AlibabaState): string[] {
  return Object.entries(state.hubs ?? {})
    .filter(([, hub]) => !GONE.has(String(hub.state ?? "")))
    .map(([id]) => id)
    .sort();
}

/**
 * The local cluster that plays an Alibaba cluster: the one a stand-in names (`rehearsal_role`), else
 * by type: a registered external cluster is GKE, an ACK or ACS cluster is the `acs` role.
 */
export function roleOf(state: AlibabaState, clusterId: string): string | undefined {
  const cluster = state.clusters?.[clusterId];
  if (!cluster) return undefined;
  if (cluster.rehearsal_role) return cluster.rehearsal_role;
  if (cluster.cluster_type === "ExternalKubernetes") return "gke";
  if (cluster.cluster_type === "ManagedKubernetes" || cluster.cluster_type === "Kubernetes") return "acs";
  return undefined;
}

/**
 * Members of the live hubs that are attached (`members[<id>] = "attached"`). A "detaching" member
 * is leaving: ACK One stops distributing to it as the detach starts. All live hubs are played by
 * one local API server, so their members are served together.
 */
export function attachedMembers(state: AlibabaState): Member[] {
  const ids = new Set<string>();
  for (const hub of liveHubs(state)) {
    for (const [id, status] of Object.entries(state.hubs?.[hub]?.members ?? {})) if (status === "attached") ids.add(id);
  }
  return [...ids].sort().map((id) => ({ id, role: roleOf(state, id) }));
}

/** Where the run keeps the Alibaba state (FAKE_ALIYUN_STATE, else clouds/alibaba under the run's home). */
export function alibabaStateFile(home: string): string {
  return path.join(process.env.FAKE_ALIYUN_STATE ?? path.join(home, "clouds", "alibaba"), "state.json");
}

export function readAlibaba(home: string): AlibabaState {
  return readState<AlibabaState>(alibabaStateFile(home), () => ({}));
}

/** The local clusters by role (world.json). */
export function readWorld(home: string): Record<string, ClusterAccess> {
  const file = path.join(home, "world.json");
  if (!fs.existsSync(file)) return {};
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { clusters?: Record<string, ClusterAccess> }).clusters ?? {};
}

/** Which network paths are up (`network.json` `{"paths": {"gke->acs": true}}`); absent means down. */
export function pathUp(home: string, from: string, to: string): boolean {
  if (from === to) return true;
  const file = path.join(home, "network.json");
  if (!fs.existsSync(file)) return false;
  const paths = (JSON.parse(fs.readFileSync(file, "utf8")) as { paths?: Record<string, boolean> }).paths ?? {};
  return paths[`${from}->${to}`] === true;
}

/**
 * The API server of a kubeconfig's current context (its first cluster when it names none), in
 * either of the forms kubectl reads: YAML, or JSON (valid YAML; components/gke/kubeconfig.ts writes it).
 */
export function kubeconfigServer(text: string): string {
  try {
    const config = JSON.parse(text) as {
      "current-context"?: string;
      contexts?: { name: string; context?: { cluster?: string } }[];
      clusters?: { name: string; cluster?: { server?: string } }[];
    };
    const wanted = config.contexts?.find((c) => c.name === config["current-context"])?.context?.cluster;
    const cluster = config.clusters?.find((c) => c.name === wanted) ?? config.clusters?.[0];
    return cluster?.cluster?.server ?? "";
  } catch {
    return /server:\s*"?([^\s"]+)/.exec(text)?.[1] ?? "";
  }
}
