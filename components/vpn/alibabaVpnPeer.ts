import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { AlibabaPeerSpec } from "../../config/types";
import { alibabaIpsec } from "./ipsec";
import { VpnPeerFactory, VpnPeerRequest } from "./peer";

export interface AlibabaVpnPeerOptions {
  /** The validated settings of this resource. */
  readonly spec: AlibabaPeerSpec;
  /** The Alibaba VPC the resources live in. */
  readonly vpcId: pulumi.Input<string>;
  /** vSwitches of the VPC: the gateway takes the first, and the second for failover. */
  readonly vswitchIds: pulumi.Input<string>[];
  /** The VPC range: source of the policy-based routes. */
  readonly vpcCidr: string;
  /** Provider of the cloud or cluster these resources are created in. */
  readonly provider: alicloud.Provider;
}

/**
 * The Alibaba end of a VPN link (seed 001, steps 3, 6 and 7): a pay-as-you-go VPN gateway (a
 * subscription gateway cannot be destroyed), the customer gateway at GCP's address, an IPsec
 * connection with protected data flows, and one policy-based route per GCP range, published to
 * the VPC route table.
 */
export function alibabaVpnPeer(options: AlibabaVpnPeerOptions): VpnPeerFactory {
  return (request: VpnPeerRequest) => {
    const { spec } = options;
    const opts = { parent: request.parent, provider: options.provider };
    const name = request.name;
    const gateway = new alicloud.vpn.Gateway(
      `${name}-gateway`,
      {
        vpnGatewayName: spec.gatewayName,
        vpcId: options.vpcId,
        vswitchId: options.vswitchIds[0],
        disasterRecoveryVswitchId: options.vswitchIds[1],
        bandwidth: spec.bandwidth,
        paymentType: "PayAsYouGo",
        networkType: "public",
        enableIpsec: true,
        enableSsl: false,
        autoPropagate: true,
      },
      opts,
    );
    const customerGateway = new alicloud.vpn.CustomerGateway(
      `${name}-customer-gateway`,
      {
        customerGatewayName: spec.customerGatewayName,
        ipAddress: request.gcpVpnAddress,
        description: "GCP Cloud VPN",
      },
      opts,
    );
    const ipsec = alibabaIpsec(request.crypto);
    const connection = new alicloud.vpn.Connection(
      `${name}-connection`,
      {
        vpnConnectionName: spec.connectionName,
        vpnGatewayId: gateway.id,
        customerGatewayId: customerGateway.id,
        localSubnets: [...request.peerRanges],
        remoteSubnets: [...request.gcpRanges],
        effectImmediately: true,
        autoConfigRoute: false,
        ikeConfig: { ...ipsec.ike, psk: request.preSharedKey },
        ipsecConfig: ipsec.ipsec,
      },
      { ...opts, additionalSecretOutputs: ["ikeConfig"] },
    );
    const routes = request.gcpRanges.map(
      (range, i) =>
        new alicloud.vpn.PbrRouteEntry(
          `${name}-route-${i}`,
          {
            vpnGatewayId: gateway.id,
            routeSource: options.vpcCidr,
            routeDest: range,
            nextHop: connection.id,
            weight: 100,
            publishVpc: true,
          },
          opts,
        ),
    );
    return { publicIp: gateway.internetIp, ready: [connection, ...routes] };
  };
}
