/** Inbound rules of the NIFCLOUD firewall group on the VPN gateway, in the API's IpPermissions form. Pure. */
import { MESH_PORTS } from "../../components/network/firewallRules";

export interface NifcloudIpPermission {
  IpProtocol: "TCP" | "UDP" | "ESP" | "ICMP" | "ANY";
  FromPort?: number;
  ToPort?: number;
  InOut: "IN";
  Description: string;
  ListOfRequestIpRanges: { CidrIp: string }[];
}

/**
 * IPsec from the GCP VPN address only; the mesh ports and the API server from GCP's routed
 * ranges only (the seed opened ANY from both).
 */
export function nifcloudFirewallRules(gcpVpnIp: string, gcpRanges: readonly string[], apiServerPort: number): NifcloudIpPermission[] {
  const vpn = [{ CidrIp: `${gcpVpnIp}/32` }];
  const ranges = [...new Set(gcpRanges)].sort().map((CidrIp) => ({ CidrIp }));
  const tcp = (port: number, Description: string): NifcloudIpPermission => ({
    IpProtocol: "TCP",
    FromPort: port,
    ToPort: port,
    InOut: "IN",
    Description,
    ListOfRequestIpRanges: ranges,
  });
  return [
    { IpProtocol: "UDP", FromPort: 500, ToPort: 500, InOut: "IN", Description: "IKE from Cloud VPN", ListOfRequestIpRanges: vpn },
    { IpProtocol: "UDP", FromPort: 4500, ToPort: 4500, InOut: "IN", Description: "IPsec NAT-T from Cloud VPN", ListOfRequestIpRanges: vpn },
    { IpProtocol: "ESP", InOut: "IN", Description: "IPsec ESP from Cloud VPN", ListOfRequestIpRanges: vpn },
    tcp(MESH_PORTS.tls, "mesh mTLS from GCP"),
    tcp(MESH_PORTS.istiod, "istiod xDS from GCP"),
    tcp(MESH_PORTS.webhook, "istiod webhook from GCP"),
    tcp(MESH_PORTS.status, "gateway status from GCP"),
    tcp(apiServerPort, "API server for GCP istiod"),
    { IpProtocol: "ICMP", InOut: "IN", Description: "ICMP from GCP", ListOfRequestIpRanges: ranges },
  ];
}
