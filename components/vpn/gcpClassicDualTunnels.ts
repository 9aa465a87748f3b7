import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";
import { GcpVpnGateway } from "./gcpVpnGateway";
import { gcpCipherSuite } from "./ipsec";

/** One classic tunnel's peer end. */
export interface GcpClassicTunnelEnd {
  /** The peer's address for this tunnel (Alibaba's master or slave address). */
  readonly peerAddress: pulumi.Input<string>;
  /** This tunnel's own pre-shared key (secret). */
  readonly preSharedKey: pulumi.Output<string>;
}

export interface GcpClassicDualTunnelsArgs {
  /** Prefix of the GCP names: `<name>-tn0`, `<name>-tn1`, `<name>-tn0-r0`, ... */
  readonly name: string;
  readonly region: string;
  /** The GCP VPC's id. */
  readonly network: pulumi.Input<string>;
  /** The classic gateway (address and forwarding rules) both tunnels leave from. */
  readonly gateway: GcpVpnGateway;
  /** Tunnel to Alibaba's master, then to its slave. */
  readonly tunnels: readonly [GcpClassicTunnelEnd, GcpClassicTunnelEnd];
  /** Peer ranges routed into the tunnels. */
  readonly peerRanges: readonly string[];
  /** The IKE / IPsec policy, identical to the peer's. */
  readonly crypto: IpsecPolicy;
  /** Priority of the routes via the master tunnel; the slave's are 100 higher. @default 1000 */
  readonly routePriority?: number;
}

/**
 * Classic VPN with static routing, for peers without BGP: one route-based tunnel per Alibaba
 * tunnel and every peer range routed via both, the master's route preferred. GCP skips a route
 * whose tunnel is down, so the slave's route takes over.
 */
export class GcpClassicDualTunnels extends pulumi.ComponentResource {
  readonly tunnels: gcp.compute.VPNTunnel[];
  readonly routes: gcp.compute.Route[];

  constructor(name: string, args: GcpClassicDualTunnelsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:GcpClassicDualTunnels", name, {}, opts);
    const child = { parent: this };
    const priority = args.routePriority ?? 1000;
    this.tunnels = args.tunnels.map(
      (end, i) =>
        new gcp.compute.VPNTunnel(
          `${name}-tn${i}`,
          {
            name: `${args.name}-tn${i}`,
            region: args.region,
            targetVpnGateway: args.gateway.gateway.id,
            peerIp: end.peerAddress,
            sharedSecret: end.preSharedKey,
            ikeVersion: args.crypto.ikeVersion,
            cipherSuite: gcpCipherSuite(args.crypto),
            localTrafficSelectors: ["0.0.0.0/0"],
            remoteTrafficSelectors: ["0.0.0.0/0"],
          },
          { ...child, dependsOn: args.gateway.forwardingRules, additionalSecretOutputs: ["sharedSecret"] },
        ),
    );
    this.routes = this.tunnels.flatMap((tunnel, t) =>
      args.peerRanges.map(
        (range, r) =>
          new gcp.compute.Route(
            `${name}-tn${t}-r${r}`,
            { name: `${args.name}-tn${t}-r${r}`, network: args.network, destRange: range, priority: priority + t * 100, nextHopVpnTunnel: tunnel.id },
            child,
          ),
      ),
    );
    this.registerOutputs({ tunnelIds: this.tunnels.map((t) => t.id) });
  }
}
