import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";
import { BgpSessionAddresses } from "../../lib/bgpSession";
import { alibabaIpsec } from "./ipsec";

/** One of the two tunnels, as the Alibaba side sees it. */
export interface AlibabaTunnelEnd {
  /** The GCP address this tunnel terminates on (the tunnel's customer gateway). */
  readonly peerAddress: pulumi.Input<string>;
  /** This tunnel's own pre-shared key (secret). */
  readonly preSharedKey: pulumi.Output<string>;
  /** Present in BGP mode: the tunnel's /30 and both session addresses. */
  readonly bgp?: BgpSessionAddresses;
}

export interface AlibabaDualTunnelConnectionArgs {
  /** The connection's name in Alibaba. */
  readonly connectionName: string;
  /** Prefix of the customer gateways' names in Alibaba. */
  readonly customerGatewayName: string;
  /** The dual-tunnel VPN gateway. */
  readonly vpnGatewayId: pulumi.Input<string>;
  /** The master tunnel, then the slave tunnel. */
  readonly tunnels: readonly [AlibabaTunnelEnd, AlibabaTunnelEnd];
  /** The IKE / IPsec policy, identical on both tunnels and on GCP. */
  readonly crypto: IpsecPolicy;
  /** BGP ASNs; absent for static routing. @default undefined (static) */
  readonly bgp?: { readonly alibabaAsn: number; readonly gcpAsn: number };
  /**
   * Static routing only: GCP ranges routed into the connection and published to the VPC.
   * @default []
   */
  readonly staticRoutes?: readonly string[];
}

export type TunnelRole = "master" | "slave";

/**
 * The Alibaba end of a dual-tunnel IPsec link: a customer gateway per distinct GCP address
 * (HA VPN has two, Classic VPN one), and one connection with a master and a slave tunnel, each
 * with its own key. Both tunnels carry everything (0.0.0.0/0 selectors, destination routing):
 * BGP or the static routes decide what enters them.
 */
export class AlibabaDualTunnelConnection extends pulumi.ComponentResource {
  readonly connection: alicloud.vpn.Connection;
  readonly customerGateways: alicloud.vpn.CustomerGateway[];
  readonly routes: alicloud.vpn.RouteEntry[];
  /**
   * Each tunnel's own public address, by its role, as the connection reports it: the address
   * GCP's tunnel with that tunnel's key must meet.
   */
  readonly tunnelAddresses: Readonly<Record<TunnelRole, pulumi.Output<string>>>;

  constructor(name: string, args: AlibabaDualTunnelConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:AlibabaDualTunnelConnection", name, {}, opts);
    const child = { parent: this };
    const [master, slave] = args.tunnels;
    const bgp = args.bgp;
    const customerGateway = (role: string, end: AlibabaTunnelEnd) =>
      new alicloud.vpn.CustomerGateway(
        `${name}-cgw-${role}`,
        {
          customerGatewayName: `${args.customerGatewayName}-${role}`,
          ipAddress: end.peerAddress,
          // The customer gateway carries the peer's ASN for BGP (vpc/CreateCustomerGateway.json, Asn).
          asn: bgp ? String(bgp.gcpAsn) : undefined,
          description: "GCP Cloud VPN",
        },
        child,
      );
    // HA VPN: one customer gateway per GCP interface. Classic VPN: both tunnels end on one address.
    const masterGateway = customerGateway(bgp ? "master" : "both", master);
    this.customerGateways = bgp ? [masterGateway, customerGateway("slave", slave)] : [masterGateway];
    const slaveGateway = this.customerGateways[this.customerGateways.length - 1];

    const ipsec = alibabaIpsec(args.crypto);
    const tunnel = (role: TunnelRole, end: AlibabaTunnelEnd, gateway: alicloud.vpn.CustomerGateway) => ({
      role,
      customerGatewayId: gateway.id,
      enableDpd: true,
      enableNatTraversal: true,
      tunnelIkeConfig: { ...ipsec.ike, psk: end.preSharedKey },
      tunnelIpsecConfig: ipsec.ipsec,
      tunnelBgpConfig: bgp && end.bgp ? { localAsn: String(bgp.alibabaAsn), localBgpIp: end.bgp.alibaba, tunnelCidr: end.bgp.tunnelCidr } : undefined,
    });
    // vpc/CreateVpnConnection.json: TunnelOptionsSpecification (one master, one slave) and
    // EnableTunnelsBgp; terraform-provider-alicloud website/docs/r/vpn_connection.html.markdown.
    this.connection = new alicloud.vpn.Connection(
      `${name}-connection`,
      {
        vpnConnectionName: args.connectionName,
        vpnGatewayId: args.vpnGatewayId,
        localSubnets: ["0.0.0.0/0"],
        remoteSubnets: ["0.0.0.0/0"],
        effectImmediately: true,
        autoConfigRoute: false,
        enableTunnelsBgp: bgp !== undefined,
        tunnelOptionsSpecifications: [tunnel("master", master, masterGateway), tunnel("slave", slave, slaveGateway)],
      },
      { ...child, additionalSecretOutputs: ["tunnelOptionsSpecifications"] },
    );
    // The connection reports each tunnel's address with its role (DescribeVpnConnection
    // TunnelOptionsSpecification.TunnelOptions[].InternetIp / Role, read into
    // tunnel_options_specification[].internet_ip / role: terraform-provider-alicloud v1.289.0
    // alicloud/resource_alicloud_vpn_connection.go). Which of the gateway's two addresses serves
    // the master is the connection's to say, not the gateway's field names: a swapped pair would
    // meet each tunnel with the other's key and fail both IKE negotiations.
    const addressOf = (role: TunnelRole) =>
      // A public address, not a secret: only the keys make the list secret.
      pulumi.unsecret(
        this.connection.tunnelOptionsSpecifications.apply((specs) => {
          const address = (specs ?? []).find((t) => t.role === role)?.internetIp;
          if (!address) throw new Error(`VPN connection ${args.connectionName} reports no address for its ${role} tunnel`);
          return address;
        }),
      );
    this.tunnelAddresses = { master: addressOf("master"), slave: addressOf("slave") };
    this.routes = (bgp ? [] : (args.staticRoutes ?? [])).map(
      (range, i) =>
        new alicloud.vpn.RouteEntry(
          `${name}-route-${i}`,
          { vpnGatewayId: args.vpnGatewayId, routeDest: range, nextHop: this.connection.id, weight: 100, publishVpc: true },
          child,
        ),
    );
    this.registerOutputs({ connectionId: this.connection.id });
  }
}
