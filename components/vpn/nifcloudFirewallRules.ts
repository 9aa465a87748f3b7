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

/** Where GCP's traffic to the NIFCLOUD LAN comes from, by purpose. */
export interface GcpSources {
  /** Every range GCP routes into the tunnel: ICMP (path-MTU discovery, reachability checks). */
  readonly routed: readonly string[];
  /**
   * The addresses GKE's pods connect from: its sidecars to the east-west gateway (15443, 15021)
   * and its istiod to the API server, which reads the bare-metal cluster through its remote
   * secret (config/ranges.ts gkeEgressRanges).
   */
  readonly workloads: readonly string[];
}

/**
 * IPsec from the GCP VPN address only; the east-west gateway's cross-network ports and the API
 * server only from where GKE's pods connect, nothing else from either. One rule per source range.
 */
export function nifcloudFirewallRules(gcpVpnIp: string, sources: GcpSources, apiServerPort: number): NifcloudIpPermission[] {
  const sorted = (ranges: readonly string[]) => [...new Set(ranges)].sort();
  const rule = (IpProtocol: NifcloudIpPermission["IpProtocol"], port: number | undefined, Description: string, CidrIp: string): NifcloudIpPermission => ({
    IpProtocol,
    ...(port === undefined ? {} : { FromPort: port }),
    InOut: "IN",
    Description,
    ListOfRequestIpRanges: [{ CidrIp }],
  });
  const from = (ranges: readonly string[], IpProtocol: NifcloudIpPermission["IpProtocol"], port: number | undefined, Description: string) =>
    sorted(ranges).map((cidr) => rule(IpProtocol, port, Description, cidr));
  const vpn = `${gcpVpnIp}/32`;
  return [
    rule("UDP", 500, "IKE from Cloud VPN", vpn),
    rule("UDP", 4500, "IPsec NAT-T from Cloud VPN", vpn),
    rule("ESP", undefined, "IPsec ESP from Cloud VPN", vpn),
    ...from(sources.workloads, "TCP", MESH_PORTS.tls, "mesh mTLS from GKE pods"),
    ...from(sources.workloads, "TCP", MESH_PORTS.status, "gateway status from GKE pods"),
    ...from(sources.workloads, "TCP", apiServerPort, "API server for GKE istiod"),
    ...from(sources.routed, "ICMP", undefined, "ICMP from GCP"),
  ];
}
