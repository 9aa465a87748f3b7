import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";
import { GcpVpnGateway } from "./gcpVpnGateway";
import { gcpCipherSuite } from "./ipsec";

export interface GcpVpnTunnelArgs {
  readonly name: string;
  readonly region: string;
  readonly network: pulumi.Input<string>;
  readonly gateway: GcpVpnGateway;
  readonly peerIp: pulumi.Input<string>;
  readonly preSharedKey: pulumi.Input<string>;
  readonly crypto: IpsecPolicy;
  /** Route-based: selectors 0.0.0.0/0 and a route per peer range. Policy-based: explicit selectors. */
  readonly routing: "route-based" | "policy-based";
  readonly localRanges: readonly string[];
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
