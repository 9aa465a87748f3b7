import * as pulumi from "@pulumi/pulumi";
import { VpnPeerFactory } from "../../components/vpn/peer";
import { VpnPair } from "../../components/vpn/vpnPair";
import { routedRanges } from "../../config/ranges";
import { VpnLinkSpec, VpnPeerSpec } from "../../config/types";
import { GcpSetup } from "./gcpSetup";

/** Builds the peer end of a link of one peer kind. */
export type PeerBuilder<P extends VpnPeerSpec> = (link: VpnLinkSpec<P>) => VpnPeerFactory;

/**
 * One site-to-site link: the GCP gateway and tunnel on `network`, the peer's end from the
 * builder of the link's peer kind, each side routing the other's ranges into the tunnel.
 */
export function vpnLink<P extends VpnPeerSpec>(link: VpnLinkSpec<P>, network: pulumi.Input<string>, gcp: GcpSetup, peer: PeerBuilder<P>): VpnPair {
  return new VpnPair(
    link.name,
    {
      gatewayName: link.gcpGatewayName,
      tunnelName: link.gcpTunnelName,
      region: gcp.spec.region,
      network,
      crypto: link.crypto,
      routing: link.routing,
      gcpRanges: routedRanges(link.networks.gcp),
      peerRanges: routedRanges(link.networks.peer),
      peer: peer(link),
    },
    gcp.onGcp,
  );
}
