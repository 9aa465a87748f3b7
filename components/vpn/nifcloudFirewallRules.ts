/** Inbound rules of the NIFCLOUD firewall group on the VPN gateway, in the API's IpPermissions form. Pure. */
import { MESH_PORTS } from "../../components/network/firewallRules";

/**
 * One rule as NIFCLOUD stores it: one source, and a one-port TCP/UDP rule as its start port only
 * ("ポートを単一指定する際は、許可開始ポートのみを指定します": the service model's
 * AuthorizeSecurityGroupIngress documentation, nifcloud-sdk-python computing/3.0/service-2.json;
 * one CIDR per rule as terraform-provider-nifcloud computing/securitygrouprule/expander.go sends it).
 */
export interface NifcloudIpPermission {
  IpProtocol: "TCP" | "UDP" | "ESP" | "ICMP" | "ANY";
  FromPort?: number;
  ToPort?: number;
  InOut: "IN";
  Description: string;
  ListOfRequestIpRanges: [{ CidrIp: string }];
}

/**
 * IPsec from the GCP VPN address only; the mesh ports and the API server from GCP's routed
 * ranges only, nothing else from either. One rule per source range.
 */
export function nifcloudFirewallRules(gcpVpnIp: string, gcpRanges: readonly string[], apiServerPort: number): NifcloudIpPermission[] {
  const ranges = [...new Set(gcpRanges)].sort();
  const rule = (IpProtocol: NifcloudIpPermission["IpProtocol"], port: number | undefined, Description: string, CidrIp: string): NifcloudIpPermission => ({
    IpProtocol,
    ...(port === undefined ? {} : { FromPort: port }),
    InOut: "IN",
    Description,
    ListOfRequestIpRanges: [{ CidrIp }],
  });
  const fromGcp = (IpProtocol: NifcloudIpPermission["IpProtocol"], port: number | undefined, Description: string) =>
    ranges.map((cidr) => rule(IpProtocol, port, Description, cidr));
  const vpn = `${gcpVpnIp}/32`;
  return [
    rule("UDP", 500, "IKE from Cloud VPN", vpn),
    rule("UDP", 4500, "IPsec NAT-T from Cloud VPN", vpn),
    rule("ESP", undefined, "IPsec ESP from Cloud VPN", vpn),
    ...fromGcp("TCP", MESH_PORTS.tls, "mesh mTLS from GCP"),
    ...fromGcp("TCP", MESH_PORTS.istiod, "istiod xDS from GCP"),
    ...fromGcp("TCP", MESH_PORTS.webhook, "istiod webhook from GCP"),
    ...fromGcp("TCP", MESH_PORTS.status, "gateway status from GCP"),
    ...fromGcp("TCP", apiServerPort, "API server for GCP istiod"),
    ...fromGcp("ICMP", undefined, "ICMP from GCP"),
  ];
}
