/**
 * The rehearsal's data plane as TypeScript callers use it (the runner, the gcp plug-in): the Python model in
 * this folder (network.py) run as a child process. See tests/rehearsal/README.md, "The data plane".
 */
import { spawnSync } from "child_process";
import * as path from "path";

export const NETWORK_PY = path.join(__dirname, "network.py");

/** A tunnel as network.json reports it. */
export interface TunnelStatus {
  readonly name: string;
  readonly up: boolean;
  readonly reason: string;
}

/** A route a Cloud Router learned over BGP (getRouterStatus bestRoutes). */
export interface LearnedRoute {
  readonly destRange: string;
  readonly nextHopIp: string;
  readonly routeType: string;
  readonly asPaths: { pathSegmentType: string; asLists: number[] }[];
}

/** A route of an Alibaba VPN gateway's BGP route table (DescribeVpnRouteEntries, RouteEntryType bgp). */
export interface AlibabaBgpRoute {
  readonly RouteDest: string;
  readonly NextHop: string;
  readonly Source: "VPN_BGP" | "CLOUD";
  readonly NextHopTunnelId?: string;
}

/** network.json: paths by "<roleA>-><roleB>", why each down one is down, links with tunnels and BGP sessions. */
export interface Network {
  readonly paths: Readonly<Record<string, boolean>>;
  readonly why: Readonly<Record<string, string>>;
  readonly links: Readonly<Record<string, { tunnels: TunnelStatus[]; bgp: Record<string, { established: boolean; reason: string }> }>>;
  readonly clouds: {
    gcp: { routers: Record<string, { bestRoutes: LearnedRoute[]; peers: Record<string, { established: boolean; reason: string }> }> };
    alibaba: { vpnGateways: Record<string, { bgpRoutes: AlibabaBgpRoute[] }>; vpnConnections: Record<string, unknown> };
    nifcloud: { vpnConnections: Record<string, unknown> };
  };
}

function run(args: string[], env: NodeJS.ProcessEnv, input?: string): Network {
  const result = spawnSync(process.env.PYTHON ?? "python3", [NETWORK_PY, ...args], { encoding: "utf8", env, input, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`tests/rehearsal/dataplane/network.py ${args.join(" ")} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Network;
}

/**
 * Reads the run's clouds and writes `$home/network.json`: the runner calls it after every step. For `dev`,
 * `nifcloudUrl` (else REHEARSAL_NIFCLOUD_URL, else the port in `$home/clouds/nifcloud/port`) names the NIFCLOUD
 * stand-in; without one, NIFCLOUD holds nothing.
 */
export function refreshNetwork(home: string, nifcloudUrl?: string, env: NodeJS.ProcessEnv = process.env): Network {
  return run(["refresh"], { ...env, REHEARSAL_HOME: home, ...(nifcloudUrl ? { REHEARSAL_NIFCLOUD_URL: nifcloudUrl } : {}) });
}

/** The same result without writing it (what a stand-in answers from); `nifcloud: false` skips NIFCLOUD. */
export function evaluateNetwork(home: string, options: { nifcloud?: boolean } = {}, env: NodeJS.ProcessEnv = process.env): Network {
  return run(["evaluate", ...(options.nifcloud === false ? ["--no-nifcloud"] : [])], { ...env, REHEARSAL_HOME: home });
}

/** The model on a snapshot of the three clouds' states, without any file: for tests. */
export function networkModel(snapshot: { gcp?: unknown; nifcloud?: unknown; alibaba?: unknown; roles?: string[] }): Network {
  return run(["model"], process.env, JSON.stringify(snapshot));
}
