import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";
import { GcpVpnGateway } from "./gcpVpnGateway";
import { gcpCipherSuite } from "./ipsec";

export interface GcpVpnTunnelArgs {
  /** Name given to the resource in the cloud (or in the kubeconfig). */
  readonly name: string;
  /** GCP region. */
  readonly region: string;
  /** VPC network id (routes are added to it). */
  readonly network: pulumi.Input<string>;
  /** The Cloud VPN gateway the tunnel uses. */
  readonly gateway: GcpVpnGateway;
  /** The peer's public VPN address. */
  readonly peerIp: pulumi.Input<string>;
  /** IKE pre-shared key (secret). */
  readonly preSharedKey: pulumi.Input<string>;
  /** IKE/IPsec parameters, identical at both ends. */
  readonly crypto: IpsecPolicy;
  /** Route-based: selectors 0.0.0.0/0 and a route per peer range. Policy-based: explicit selectors. */
  readonly routing: "route-based" | "policy-based";
  /** GCP ranges of the traffic selector (policy-based) or routed out. */
  readonly localRanges: readonly string[];
  /** Peer ranges routed into the tunnel. */
  readonly peerRanges: readonly string[];
}

/** The tunnel to the peer and, when route-based, the routes to the peer's ranges. */
export class GcpVpnTunnel extends pulumi.ComponentResource {
  readonly tunnel: gcp.compute.VPNTunnel;
  readonly routes: gcp.compute.Route[];

  constructor(name: string, args: GcpVpnTunnelArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:GcpVpnTunnel", name, {}, opts);
    const routeBased = args.routing === "route-based";
    this.tunnel = new gcp.compute.VPNTunnel(
      `${name}-tunnel`,
      {
        name: args.name,
        region: args.region,
        targetVpnGateway: args.gateway.gateway.id,
        peerIp: args.peerIp,
        sharedSecret: args.preSharedKey,
        ikeVersion: args.crypto.ikeVersion,
        cipherSuite: gcpCipherSuite(args.crypto),
        localTrafficSelectors: routeBased ? ["0.0.0.0/0"] : [...args.localRanges],
        remoteTrafficSelectors: routeBased ? ["0.0.0.0/0"] : [...args.peerRanges],
      },
      { parent: this, dependsOn: args.gateway.forwardingRules, additionalSecretOutputs: ["sharedSecret"] },
    );

    // Policy-based tunnels still need routes: GCP sends nothing into a tunnel without one.
    this.routes = args.peerRanges.map(
      (range, i) =>
        new gcp.compute.Route(
          `${name}-route-${i}`,
          {
            name: `${args.name}-r${i}`,
            network: args.network,
            destRange: range,
            priority: 1000,
            nextHopVpnTunnel: this.tunnel.id,
          },
          { parent: this },
        ),
    );
    this.registerOutputs({ tunnelId: this.tunnel.id });
  }
}
