import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";
import { GcpVpnGateway } from "./gcpVpnGateway";
import { gcpCipherSuite } from "./ipsec";

/** One Classic tunnel, described as data: its GCP name and the peer address and key it meets. */
export interface GcpClassicTunnel {
  /** The tunnel's name in GCP; its routes are `<name>-r<r>`. */
  readonly name: string;
  /** The peer's public address this tunnel meets. */
  readonly peerAddress: pulumi.Input<string>;
  /** This tunnel's pre-shared key (secret). */
  readonly preSharedKey: pulumi.Input<string>;
}

export interface GcpClassicTunnelsArgs {
  /** GCP region of the gateway. */
  readonly region: string;
  /** The GCP VPC's id: the routes are added to it. */
  readonly network: pulumi.Input<string>;
  /** The Classic gateway (address and forwarding rules) every tunnel leaves from. */
  readonly gateway: GcpVpnGateway;
  /** One tunnel or more, the most preferred first. */
  readonly tunnels: readonly GcpClassicTunnel[];
  /** The IKE / IPsec policy, identical to the peer's. */
  readonly crypto: IpsecPolicy;
  /**
   * `route-based`: traffic selectors 0.0.0.0/0, the routes decide what enters. `policy-based`:
   * `localRanges` and `peerRanges` as the selectors (the routes are still needed: GCP sends
   * nothing into a tunnel without one).
   * @default "route-based"
   */
  readonly routing?: "route-based" | "policy-based";
  /** GCP ranges: the local traffic selector when policy-based. @default [] */
  readonly localRanges?: readonly string[];
  /** Peer ranges, routed into every tunnel. */
  readonly peerRanges: readonly string[];
  /** Priority of the routes via the first tunnel; each further tunnel's are 100 higher (less preferred). @default 1000 */
  readonly routePriority?: number;
}

/** The type tokens this component had: one tunnel was a GcpVpnTunnel, two a GcpClassicDualTunnels. */
const FORMER_TYPES = ["multicloud-mesh:vpn:GcpVpnTunnel", "multicloud-mesh:vpn:GcpClassicDualTunnels"];

/**
 * Classic VPN tunnels with static routes, one to N of them (terraform-google-vpn tunnel.tf:
 * `tunnel_count` tunnels to `peer_ips`, each behind the gateway's three forwarding rules). Every
 * peer range is routed via every tunnel, the first tunnel's route preferred; GCP skips a route
 * whose tunnel is down, so the next tunnel's takes over.
 */
export class GcpClassicTunnels extends pulumi.ComponentResource {
  readonly tunnels: gcp.compute.VPNTunnel[];
  readonly routes: gcp.compute.Route[];

  constructor(name: string, args: GcpClassicTunnelsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:GcpClassicTunnels", name, {}, { ...opts, aliases: [...(opts?.aliases ?? []), ...FORMER_TYPES.map((type) => ({ type }))] });
    if (args.tunnels.length === 0) throw new pulumi.ResourceError("tunnels: empty; give the peer address and key of at least one tunnel", this);
    const policyBased = args.routing === "policy-based";
    if (policyBased && (args.localRanges ?? []).length === 0)
      throw new pulumi.ResourceError("localRanges: empty; a policy-based tunnel needs the GCP ranges as its local traffic selector", this);
    const child = { parent: this };
    const priority = args.routePriority ?? 1000;
    // Resource names as they were, so no URN moves: one tunnel keeps GcpVpnTunnel's, several
    // GcpClassicDualTunnels'.
    const single = args.tunnels.length === 1;
    const tunnelKey = (t: number) => (single ? "tunnel" : `tn${t}`);
    const routeKey = (t: number, r: number) => (single ? `route-${r}` : `tn${t}-r${r}`);
    this.tunnels = args.tunnels.map(
      (tunnel, t) =>
        new gcp.compute.VPNTunnel(
          `${name}-${tunnelKey(t)}`,
          {
            name: tunnel.name,
            region: args.region,
            targetVpnGateway: args.gateway.gateway.id,
            peerIp: tunnel.peerAddress,
            sharedSecret: tunnel.preSharedKey,
            ikeVersion: args.crypto.ikeVersion,
            cipherSuite: gcpCipherSuite(args.crypto),
            localTrafficSelectors: policyBased ? [...(args.localRanges ?? [])] : ["0.0.0.0/0"],
            remoteTrafficSelectors: policyBased ? [...args.peerRanges] : ["0.0.0.0/0"],
          },
          { ...child, dependsOn: args.gateway.forwardingRules, additionalSecretOutputs: ["sharedSecret"] },
        ),
    );
    this.routes = this.tunnels.flatMap((tunnel, t) =>
      args.peerRanges.map(
        (range, r) =>
          new gcp.compute.Route(
            `${name}-${routeKey(t, r)}`,
            {
              name: `${args.tunnels[t].name}-r${r}`,
              network: args.network,
              destRange: range,
              priority: priority + t * 100,
              nextHopVpnTunnel: tunnel.id,
            },
            child,
          ),
      ),
    );
    this.registerOutputs({ tunnelIds: this.tunnels.map((t) => t.id) });
  }
}
