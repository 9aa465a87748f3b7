import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { AlibabaCredentials, alibabaScriptEnv } from "../ackone/alibabaCredentials";
import { NO_RESULT, ScriptCommand } from "../command/scriptCommand";
import { routedRanges } from "../../config/ranges";
import { AlibabaLinkSpec } from "../../config/types";
import type { AlibabaGcpVpn } from "./alibabaGcpVpn";

export interface RouteProofArgs {
  /** Alibaba API access for the Alibaba half (secret). */
  readonly credentials: AlibabaCredentials;
  /** The Alibaba VPC the VPN gateway serves. */
  readonly vpcId: pulumi.Input<string>;
  /** The Alibaba VPN gateway's name, unique in the VPC. */
  readonly gatewayName: string;
  /** The IPsec connection's name, unique on the gateway. */
  readonly connectionName: string;
  /** The HA VPN's Cloud Router. */
  readonly router: { readonly name: string; readonly region: string };
  /** The gcp provider the router's status is read with. */
  readonly gcpProvider: pulumi.ProviderResource;
  /** Ranges Alibaba must learn from GCP (GCP's node, pod and service ranges). */
  readonly gcpRanges: readonly string[];
  /** Ranges GCP must learn from Alibaba (the VPC's vSwitch CIDRs, which its system route table holds). */
  readonly alibabaRanges: readonly string[];
  /** Values whose change means a new link to prove again (the tunnels' ids and addresses). @default [] */
  readonly replaceOn?: pulumi.Input<unknown>[];
  /** The link: the proof runs after it. */
  readonly after: pulumi.Resource[];
  /** Seconds to wait for both sessions and the routes. @default 600 */
  readonly timeoutSeconds?: number;
}

/** What the router learned, reduced to what the proof reads, sorted: stable between runs of one state. */
export function learnedRoutes(status: Pick<gcp.compute.GetRouterStatusResult, "bestRoutes"> | undefined): string {
  const routes = (status?.bestRoutes ?? []).map((r) => ({ destRange: r.destRange, nextHopIp: r.nextHopIp }));
  routes.sort((a, b) => `${a.destRange} ${a.nextHopIp}`.localeCompare(`${b.destRange} ${b.nextHopIp}`));
  return JSON.stringify(routes);
}

/**
 * The proof that a dual-tunnel link with BGP routes, before anything relies on it: both BGP sessions are
 * established and each side has learned the other's ranges, or `up` fails naming what is missing. Alibaba's
 * half waits for its sessions and the routes learned from GCP (scripts/alibaba/vpn-routes.sh); GCP's half then
 * reads Cloud Router's best routes (gcp.compute.getRouterStatus, run only once Alibaba's half is proven, so
 * never at a first preview) and checks the Alibaba ranges among them (scripts/alibaba/vpn-routes-gcp.sh).
 * Whether an Alibaba VPN gateway advertises its vSwitch ranges at all depends on its automatic route
 * advertisement (AutoPropagate), which components/vpn/alibabaDualTunnelGateway.ts turns on: this proves it.
 */
export class RouteProof extends pulumi.ComponentResource {
  readonly alibaba: ScriptCommand;
  readonly gcp: ScriptCommand;

  constructor(name: string, args: RouteProofArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:RouteProof", name, {}, opts);
    const child = { parent: this };
    const timeout = String(args.timeoutSeconds ?? 600);
    this.alibaba = new ScriptCommand(
      `${name}-alibaba`,
      {
        script: "alibaba/vpn-routes.sh",
        // What it found is in its log and stdout; nothing reads it.
        result: NO_RESULT,
        environment: {
          ...alibabaScriptEnv(args.credentials),
          ROUTES_VPC_ID: args.vpcId,
          ROUTES_GATEWAY_NAME: args.gatewayName,
          ROUTES_CONNECTION_NAME: args.connectionName,
          ROUTES_EXPECTED: [...args.gcpRanges].sort().join(" "),
          ROUTES_TIMEOUT: timeout,
        },
        replaceOn: [args.vpcId, args.gatewayName, args.connectionName, ...(args.replaceOn ?? [])],
      },
      { ...child, dependsOn: args.after },
    );
    // An invoke runs at every preview: depending on Alibaba's half, it is unknown until that has run.
    const status = gcp.compute.getRouterStatusOutput(
      { name: args.router.name, region: args.router.region },
      { provider: args.gcpProvider, dependsOn: [this.alibaba.command] },
    );
    this.gcp = new ScriptCommand(
      `${name}-gcp`,
      {
        script: "alibaba/vpn-routes-gcp.sh",
        result: NO_RESULT,
        environment: { ROUTES_EXPECTED: [...args.alibabaRanges].sort().join(" "), ROUTES_GCP_ROUTES: status.apply(learnedRoutes) },
        replaceOn: [this.alibaba.command.id],
      },
      { ...child, dependsOn: [this.alibaba] },
    );
    this.registerOutputs({});
  }
}

/** What the stack hands over for the proof of its link. */
export interface LinkProofArgs {
  /** Alibaba API access for the Alibaba half (secret). */
  readonly credentials: AlibabaCredentials;
  /** The Alibaba VPC's id. */
  readonly vpcId: pulumi.Input<string>;
  /** The gcp provider the router's status is read with. */
  readonly gcpProvider: pulumi.ProviderResource;
  /** The GCP region of the HA VPN and its Cloud Router. */
  readonly region: string;
}

/**
 * The proof an AlibabaGcpVpn of `link` needs: in `ha-bgp` mode, a RouteProof of its two sessions, with the
 * names the link gives the Alibaba objects, the Cloud Router GcpHaVpnGateway names `<link>-ha-router`, GCP's
 * routed ranges and the Alibaba VPC's vSwitch CIDRs; `classic-static` routes by static routes and has no
 * session to prove. Returns what must exist before anything relies on the link.
 */
export function proveAlibabaGcpRoutes(
  link: AlibabaLinkSpec,
  vpn: AlibabaGcpVpn,
  args: LinkProofArgs,
  opts?: pulumi.ComponentResourceOptions,
): pulumi.Resource[] {
  if (vpn.mode !== "ha-bgp") return [vpn];
  const proof = new RouteProof(
    `${link.name}-routes`,
    {
      credentials: args.credentials,
      vpcId: args.vpcId,
      gatewayName: link.peer.gatewayName,
      connectionName: link.peer.connectionName,
      router: { name: `${link.name}-ha-router`, region: args.region },
      gcpProvider: args.gcpProvider,
      gcpRanges: routedRanges(link.networks.gcp),
      alibabaRanges: link.networks.peer.zones.map((z) => z.cidr),
      after: [vpn],
      replaceOn: [...vpn.tunnelIds, ...vpn.alibabaAddresses],
    },
    opts,
  );
  return [vpn, proof];
}
