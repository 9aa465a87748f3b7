import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";
import { GcpVpnGateway } from "./gcpVpnGateway";
import { GcpVpnTunnel } from "./gcpVpnTunnel";
import { VpnPeerFactory } from "./peer";
import { preSharedKey } from "./preSharedKey";

export interface VpnPairArgs {
  /** Cloud VPN gateway name (seed: nifc-anthos-vpn). */
  readonly gatewayName: string;
  /** Cloud VPN tunnel name (seed: nif-anthos-tn). */
  readonly tunnelName: string;
  /** GCP region. */
  readonly region: string;
  /** The GCP VPC's id. */
  readonly network: pulumi.Input<string>;
  /** IKE/IPsec parameters, identical at both ends. */
  readonly crypto: IpsecPolicy;
  /** Route-based or policy-based. */
  readonly routing: "route-based" | "policy-based";
  /** GCP ranges the peer reaches through the tunnel. */
  readonly gcpRanges: readonly string[];
  /** Peer ranges GCP reaches through the tunnel. */
  readonly peerRanges: readonly string[];
  /** Builds the other end. */
  readonly peer: VpnPeerFactory;
}

/**
 * A site-to-site IPsec link: the GCP end plus a pluggable peer end, one pre-shared key and one
 * IPsec policy for both. The GCP address comes first because the peer's customer gateway needs
 * it, and the GCP tunnel needs the peer's address in turn.
 */
export class VpnPair extends pulumi.ComponentResource {
  readonly gcpAddress: pulumi.Output<string>;
  readonly peerAddress: pulumi.Output<string>;
  readonly tunnelId: pulumi.Output<string>;
  /** Secret. */
  readonly preSharedKey: pulumi.Output<string>;

  constructor(name: string, args: VpnPairArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:VpnPair", name, {}, opts);
    this.preSharedKey = preSharedKey(`${name}-psk`, { parent: this });
    const gateway = new GcpVpnGateway(`${name}-gcp`, { name: args.gatewayName, region: args.region, network: args.network }, { parent: this });
    const peer = args.peer({
      name: `${name}-peer`,
      gcpVpnAddress: gateway.address.address,
      preSharedKey: this.preSharedKey,
      crypto: args.crypto,
      gcpRanges: args.gcpRanges,
      peerRanges: args.peerRanges,
      parent: this,
    });
    const tunnel = new GcpVpnTunnel(
      `${name}-gcp`,
      {
        name: args.tunnelName,
        region: args.region,
        network: args.network,
        gateway,
        peerIp: peer.publicIp,
        preSharedKey: this.preSharedKey,
        crypto: args.crypto,
        routing: args.routing,
        localRanges: args.gcpRanges,
        peerRanges: args.peerRanges,
      },
      { parent: this, dependsOn: peer.ready },
    );
    this.gcpAddress = gateway.address.address;
    this.peerAddress = peer.publicIp;
    this.tunnelId = tunnel.tunnel.id;
    this.registerOutputs({ gcpAddress: this.gcpAddress, peerAddress: this.peerAddress, tunnelId: this.tunnelId });
  }
}
