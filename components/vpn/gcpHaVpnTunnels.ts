import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";
import { BgpSessionAddresses } from "../../lib/bgpSession";
import { GcpHaVpnGateway } from "./gcpHaVpnGateway";
import { gcpCipherSuite } from "./ipsec";

/** One tunnel as GCP sees it. */
export interface GcpHaTunnelEnd {
  /** The peer's address for this tunnel (Alibaba's master or slave address). */
  readonly peerAddress: pulumi.Input<string>;
  /** This tunnel's own pre-shared key (secret). */
  readonly preSharedKey: pulumi.Output<string>;
  /** The session's /30 and both addresses. */
  readonly bgp: BgpSessionAddresses;
}

export interface GcpHaVpnTunnelsArgs {
  /** Prefix of the GCP names: `<name>-ext`, `<name>-tn0`, `<name>-tn1`, `<name>-if0`, `<name>-bgp0`, ... */
  readonly name: string;
  readonly region: string;
  /** The HA gateway and its Cloud Router. */
  readonly gateway: GcpHaVpnGateway;
  /** Tunnel on interface 0 (to Alibaba's master), then on interface 1 (to the slave). */
  readonly tunnels: readonly [GcpHaTunnelEnd, GcpHaTunnelEnd];
  /** The peer's ASN. */
  readonly peerAsn: number;
  /** The IKE / IPsec policy, identical to the peer's. */
  readonly crypto: IpsecPolicy;
  /**
   * The peer's ranges, set on each session as custom learned routes (Cloud Router installs them
   * only while that session is up): priority 0 on the master's session, 100 on the slave's, so
   * GCP sends over the master tunnel while it is up, as the peer does (active/standby).
   * @default [] (only what the peer advertises over BGP)
   */
  readonly peerRanges?: readonly string[];
}

/**
 * Custom learned route priority per session, master first. Cloud Router prefers the lowest
 * value, evaluates custom learned routes together with BGP-received ones of the same prefix, and
 * withdraws them when their session goes down (Cloud Router docs, "Custom learned routes");
 * 0 is the most preferred and needs `zeroCustomLearnedRoutePriority` to be sent
 * (@pulumi/gcp 9.37 compute.RouterPeer).
 */
const LEARNED_PRIORITY = [0, 100] as const;

/**
 * The peer as an external gateway with two addresses (TWO_IPS_REDUNDANCY), one tunnel from each
 * HA interface to one of them, and a BGP session per tunnel. Cloud Router withdraws a session's
 * routes when its tunnel goes down, so traffic moves to the other tunnel.
 */
export class GcpHaVpnTunnels extends pulumi.ComponentResource {
  readonly externalGateway: gcp.compute.ExternalVpnGateway;
  readonly tunnels: gcp.compute.VPNTunnel[];
  readonly interfaces: gcp.compute.RouterInterface[];
  readonly peers: gcp.compute.RouterPeer[];

  constructor(name: string, args: GcpHaVpnTunnelsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:GcpHaVpnTunnels", name, {}, opts);
    const child = { parent: this };
    const { gateway, router } = args.gateway;
    this.externalGateway = new gcp.compute.ExternalVpnGateway(
      `${name}-ext`,
      {
        name: `${args.name}-ext`,
        redundancyType: "TWO_IPS_REDUNDANCY",
        description: "Alibaba dual-tunnel VPN gateway",
        interfaces: args.tunnels.map((t, id) => ({ id, ipAddress: t.peerAddress })),
      },
      child,
    );
    this.tunnels = [];
    this.interfaces = [];
    this.peers = [];
    const peerRanges = args.peerRanges ?? [];
    const learned = (i: number) =>
      peerRanges.length === 0
        ? {}
        : {
            customLearnedIpRanges: peerRanges.map((range) => ({ range })),
            customLearnedRoutePriority: LEARNED_PRIORITY[i],
            zeroCustomLearnedRoutePriority: LEARNED_PRIORITY[i] === 0 ? true : undefined,
          };
    args.tunnels.forEach((end, i) => {
      const tunnel = new gcp.compute.VPNTunnel(
        `${name}-tn${i}`,
        {
          name: `${args.name}-tn${i}`,
          region: args.region,
          vpnGateway: gateway.id,
          vpnGatewayInterface: i,
          peerExternalGateway: this.externalGateway.id,
          peerExternalGatewayInterface: i,
          router: router.id,
          sharedSecret: end.preSharedKey,
          ikeVersion: args.crypto.ikeVersion,
          cipherSuite: gcpCipherSuite(args.crypto),
        },
        { ...child, additionalSecretOutputs: ["sharedSecret"] },
      );
      const routerInterface = new gcp.compute.RouterInterface(
        `${name}-if${i}`,
        { name: `${args.name}-if${i}`, region: args.region, router: router.name, ipRange: `${end.bgp.gcp}/30`, vpnTunnel: tunnel.name },
        child,
      );
      const peer = new gcp.compute.RouterPeer(
        `${name}-bgp${i}`,
        {
          name: `${args.name}-bgp${i}`,
          region: args.region,
          router: router.name,
          interface: routerInterface.name,
          ipAddress: end.bgp.gcp,
          peerIpAddress: end.bgp.alibaba,
          peerAsn: args.peerAsn,
          // Alibaba's master tunnel is its preferred path: advertise over it with the lower MED.
          advertisedRoutePriority: 100 + i * 100,
          ...learned(i),
        },
        child,
      );
      this.tunnels.push(tunnel);
      this.interfaces.push(routerInterface);
      this.peers.push(peer);
    });
    this.registerOutputs({ tunnelIds: this.tunnels.map((t) => t.id) });
  }
}
