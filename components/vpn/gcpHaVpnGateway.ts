import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface GcpHaVpnGatewayArgs {
  /** Name of the HA VPN gateway; the Cloud Router is `<name>-router`. */
  readonly name: string;
  /** Region of the gateway and the router. */
  readonly region: string;
  /** The GCP VPC's id. */
  readonly network: pulumi.Input<string>;
  /** Cloud Router's private ASN. */
  readonly asn: number;
  /**
   * What Cloud Router advertises: every subnet of the VPC with its secondary (GKE pod and
   * service) ranges, or only the given ranges.
   * @default undefined (all subnets)
   */
  readonly advertisedRanges?: readonly string[];
}

/**
 * The GCP end of an HA VPN before its tunnels: the gateway (two interfaces, two public
 * addresses, 99.99% SLA with two tunnels) and the Cloud Router that runs BGP over them.
 */
export class GcpHaVpnGateway extends pulumi.ComponentResource {
  readonly gateway: gcp.compute.HaVpnGateway;
  readonly router: gcp.compute.Router;
  /** Interface 0's and interface 1's public addresses. */
  readonly addresses: [pulumi.Output<string>, pulumi.Output<string>];

  constructor(name: string, args: GcpHaVpnGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:GcpHaVpnGateway", name, {}, opts);
    const child = { parent: this };
    this.gateway = new gcp.compute.HaVpnGateway(`${name}-gateway`, { name: args.name, region: args.region, network: args.network }, child);
    const custom = args.advertisedRanges !== undefined;
    this.router = new gcp.compute.Router(
      `${name}-router`,
      {
        name: `${args.name}-router`,
        region: args.region,
        network: args.network,
        bgp: {
          asn: args.asn,
          advertiseMode: custom ? "CUSTOM" : "DEFAULT",
          advertisedIpRanges: custom ? args.advertisedRanges.map((range) => ({ range })) : undefined,
        },
      },
      child,
    );
    const address = (i: number) =>
      this.gateway.vpnInterfaces.apply((interfaces) => {
        const found = interfaces.find((vi) => (vi.id ?? 0) === i)?.ipAddress;
        if (!found) throw new Error(`HA VPN gateway ${args.name} reported no address for interface ${i}`);
        return found;
      });
    this.addresses = [address(0), address(1)];
    this.registerOutputs({ gatewayId: this.gateway.id, routerId: this.router.id, addresses: this.addresses });
  }
}
