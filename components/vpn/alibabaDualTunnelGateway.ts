import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { PublicVpnGatewayBandwidth } from "../../lib/vpnBandwidth";

export interface AlibabaDualTunnelGatewayArgs {
  /** The gateway's name in Alibaba. */
  readonly gatewayName: string;
  /** The VPC the gateway serves. */
  readonly vpcId: pulumi.Input<string>;
  /** The vSwitch the gateway's first address lives in. */
  readonly vswitchId: pulumi.Input<string>;
  /**
   * The vSwitch of the second address: one in another zone where the VPC has two. A one-zone VPC
   * passes the same vSwitch twice, as Alibaba recommends (vpc/CreateVpnGateway.json).
   * @default vswitchId
   */
  readonly disasterRecoveryVswitchId?: pulumi.Input<string>;
  /** Mbit/s, one of PUBLIC_VPN_GATEWAY_BANDWIDTHS. @default 10 */
  readonly bandwidth?: PublicVpnGatewayBandwidth;
}

/**
 * A pay-as-you-go public VPN gateway for dual-tunnel IPsec (a subscription gateway cannot be
 * destroyed by Pulumi). Dual-tunnel regions require both vSwitches; the gateway then has two
 * public addresses (`internetIp`, `disasterRecoveryInternetIp`). Which one a tunnel uses is
 * reported by the connection, by the tunnel's role (AlibabaDualTunnelConnection.tunnelAddresses).
 */
export class AlibabaDualTunnelGateway extends pulumi.ComponentResource {
  readonly gateway: alicloud.vpn.Gateway;

  constructor(name: string, args: AlibabaDualTunnelGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:AlibabaDualTunnelGateway", name, {}, opts);
    // vpc/CreateVpnGateway.json: VSwitchId + DisasterRecoveryVSwitchId, Bandwidth, NetworkType.
    this.gateway = new alicloud.vpn.Gateway(
      `${name}-gateway`,
      {
        vpnGatewayName: args.gatewayName,
        vpcId: args.vpcId,
        vswitchId: args.vswitchId,
        disasterRecoveryVswitchId: args.disasterRecoveryVswitchId ?? args.vswitchId,
        bandwidth: args.bandwidth ?? 10,
        paymentType: "PayAsYouGo",
        networkType: "public",
        enableIpsec: true,
        enableSsl: false,
        // Routes learned over BGP (or published static ones) reach the VPC route table.
        autoPropagate: true,
      },
      { parent: this },
    );
    this.registerOutputs({ gatewayId: this.gateway.id });
  }
}
