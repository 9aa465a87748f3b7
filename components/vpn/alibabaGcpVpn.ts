import * as pulumi from "@pulumi/pulumi";
import { AlibabaTunnelMode, IpsecPolicy } from "../../config/types";
import { bgpSessionAddresses, checkBgpAsns, checkBgpTunnelCidrs } from "../../lib/bgpSession";
import { PublicVpnGatewayBandwidth, checkVpnGatewayBandwidth } from "../../lib/vpnBandwidth";
import { AlibabaDualTunnelConnection } from "./alibabaDualTunnelConnection";
import { AlibabaDualTunnelGateway } from "./alibabaDualTunnelGateway";
import { GcpHaVpnGateway } from "./gcpHaVpnGateway";
import { GcpHaVpnTunnels } from "./gcpHaVpnTunnels";
import { GcpClassicTunnels } from "./gcpClassicTunnels";
import { GcpVpnGateway } from "./gcpVpnGateway";
import { preSharedKey } from "./preSharedKey";

export interface AlibabaGcpBgpArgs {
  /** Cloud Router's private ASN. @default 65010 */
  readonly gcpAsn?: number;
  /** The Alibaba gateway's private ASN. @default 65020 */
  readonly alibabaAsn?: number;
  /** One link-local /30 per tunnel (master, slave). @default ["169.254.10.0/30", "169.254.11.0/30"] */
  readonly tunnelCidrs?: readonly string[];
  /**
   * Advertise only `gcpRanges` from Cloud Router instead of every subnet (with GKE's
   * secondary ranges) of the VPC.
   * @default false
   */
  readonly advertiseOnlyGcpRanges?: boolean;
}

export interface AlibabaGcpVpnArgs {
  /** Prefix of every cloud-side name: `<baseName>-gw`, `<baseName>-tn0`, `<baseName>-conn`, ... */
  readonly baseName: string;
  /** GCP region of the gateway and Cloud Router. */
  readonly region: string;
  /** The GCP VPC's id. */
  readonly network: pulumi.Input<string>;
  /** The Alibaba VPC's id. */
  readonly vpcId: pulumi.Input<string>;
  /** The vSwitch of the Alibaba gateway's first address. */
  readonly vswitchId: pulumi.Input<string>;
  /** The vSwitch of its second address (another zone when the VPC has one). @default vswitchId */
  readonly disasterRecoveryVswitchId?: pulumi.Input<string>;
  /** Alibaba gateway bandwidth in Mbit/s: 10, 100, 200, 500 or 1000. @default 10 */
  readonly bandwidth?: number;
  /**
   * `ha-bgp`: GCP HA VPN, Cloud Router and a BGP session per tunnel (99.99% SLA, no static
   * routes to keep in step). `classic-static`: Classic VPN, one tunnel per Alibaba tunnel, static
   * routes via both.
   * @default "ha-bgp"
   */
  readonly mode?: AlibabaTunnelMode;
  /** The IKE / IPsec policy, applied identically to both tunnels at both ends. */
  readonly crypto: IpsecPolicy;
  /** GCP ranges (nodes, pods, services) Alibaba reaches: static routes on Alibaba, or Cloud Router's custom advertisement. */
  readonly gcpRanges: readonly string[];
  /** Alibaba ranges (the VPC) GCP reaches: static routes on GCP in `classic-static` mode. */
  readonly alibabaRanges: readonly string[];
  /** BGP settings for `ha-bgp`. @default {} (every field at its default) */
  readonly bgp?: AlibabaGcpBgpArgs;
  /** Names of the Alibaba objects, when the stack file gives them. @default derived from baseName */
  readonly alibabaNames?: AlibabaVpnNames;
}

export interface AlibabaVpnNames {
  /** @default `<baseName>-gw` */
  readonly gateway?: string;
  /** Prefix of the customer gateways' names. @default `<baseName>-gcp` */
  readonly customerGateway?: string;
  /** @default `<baseName>-conn` */
  readonly connection?: string;
}

const DEFAULT_TUNNEL_CIDRS = ["169.254.10.0/30", "169.254.11.0/30"];

/** Everything wrong with the arguments, each naming the argument, the value and the fix. */
export function checkAlibabaGcpVpnArgs(args: AlibabaGcpVpnArgs): string[] {
  const mode = args.mode ?? "ha-bgp";
  const problems: string[] = [];
  const bandwidth = checkVpnGatewayBandwidth("bandwidth", args.bandwidth ?? 10);
  if (bandwidth) problems.push(bandwidth);
  if (!["ha-bgp", "classic-static"].includes(mode)) problems.push(`mode: '${mode}' is not a mode; use "ha-bgp" or "classic-static"`);
  if (mode === "ha-bgp") {
    const bgp = args.bgp ?? {};
    problems.push(...checkBgpTunnelCidrs("bgp.tunnelCidrs", bgp.tunnelCidrs ?? DEFAULT_TUNNEL_CIDRS));
    problems.push(...checkBgpAsns("bgp.gcpAsn", bgp.gcpAsn ?? 65010, "bgp.alibabaAsn", bgp.alibabaAsn ?? 65020));
  }
  if (mode === "classic-static" && args.alibabaRanges.length === 0) problems.push("alibabaRanges: empty; static routing needs the Alibaba VPC range");
  if (args.gcpRanges.length === 0) problems.push("gcpRanges: empty; give GCP's node, pod and service ranges");
  return problems;
}

/**
 * A dual-tunnel IPsec link between a GCP VPC and an Alibaba VPC, as Alibaba's dual-tunnel
 * regions (Tokyo included) require: the Alibaba gateway's two addresses each terminate a tunnel
 * on GCP, each tunnel with its own key, so losing one tunnel leaves the other carrying traffic.
 */
export class AlibabaGcpVpn extends pulumi.ComponentResource {
  readonly mode: AlibabaTunnelMode;
  /** GCP's addresses: two (HA VPN interfaces) or one (Classic VPN). */
  readonly gcpAddresses: pulumi.Output<string>[];
  /** Alibaba's master and slave tunnel addresses, as the connection reports them by role. */
  readonly alibabaAddresses: [pulumi.Output<string>, pulumi.Output<string>];
  /** The master's and the slave's pre-shared keys (secrets). */
  readonly preSharedKeys: [pulumi.Output<string>, pulumi.Output<string>];
  readonly tunnelIds: pulumi.Output<string>[];

  constructor(name: string, args: AlibabaGcpVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = checkAlibabaGcpVpnArgs(args);
    if (problems.length > 0) throw new Error(`AlibabaGcpVpn ${name}:\n  ${problems.join("\n  ")}`);
    // Formerly DualTunnelVpn: the alias keeps every URN under it (pulumi-awsx keeps its old type tokens the same way).
    super("multicloud-mesh:vpn:AlibabaGcpVpn", name, {}, { ...opts, aliases: [...(opts?.aliases ?? []), { type: "multicloud-mesh:vpn:DualTunnelVpn" }] });
    const child = { parent: this };
    this.mode = args.mode ?? "ha-bgp";
    const base = args.baseName;
    this.preSharedKeys = [preSharedKey(`${name}-psk-master`, child), preSharedKey(`${name}-psk-slave`, child)];
    const alibaba = new AlibabaDualTunnelGateway(
      `${name}-alibaba`,
      {
        gatewayName: args.alibabaNames?.gateway ?? `${base}-gw`,
        vpcId: args.vpcId,
        vswitchId: args.vswitchId,
        disasterRecoveryVswitchId: args.disasterRecoveryVswitchId,
        bandwidth: (args.bandwidth ?? 10) as PublicVpnGatewayBandwidth,
      },
      child,
    );
    const [masterKey, slaveKey] = this.preSharedKeys;
    const connection = (tunnels: ConstructorParameters<typeof AlibabaDualTunnelConnection>[1]["tunnels"], extra: object) =>
      new AlibabaDualTunnelConnection(
        `${name}-alibaba`,
        {
          connectionName: args.alibabaNames?.connection ?? `${base}-conn`,
          customerGatewayName: args.alibabaNames?.customerGateway ?? `${base}-gcp`,
          vpnGatewayId: alibaba.gateway.id,
          tunnels,
          crypto: args.crypto,
          ...extra,
        },
        child,
      );

    if (this.mode === "ha-bgp") {
      const bgp = args.bgp ?? {};
      const gcpAsn = bgp.gcpAsn ?? 65010;
      const alibabaAsn = bgp.alibabaAsn ?? 65020;
      const [masterSession, slaveSession] = (bgp.tunnelCidrs ?? DEFAULT_TUNNEL_CIDRS).map(bgpSessionAddresses);
      const gcpGateway = new GcpHaVpnGateway(
        `${name}-gcp`,
        {
          name: `${base}-ha`,
          region: args.region,
          network: args.network,
          asn: gcpAsn,
          advertisedRanges: bgp.advertiseOnlyGcpRanges ? args.gcpRanges : undefined,
        },
        child,
      );
      const alibabaEnd = connection(
        [
          { peerAddress: gcpGateway.addresses[0], preSharedKey: masterKey, bgp: masterSession },
          { peerAddress: gcpGateway.addresses[1], preSharedKey: slaveKey, bgp: slaveSession },
        ],
        { bgp: { alibabaAsn, gcpAsn } },
      );
      this.alibabaAddresses = [alibabaEnd.tunnelAddresses.master, alibabaEnd.tunnelAddresses.slave];
      const tunnels = new GcpHaVpnTunnels(
        `${name}-tunnels`,
        {
          name: base,
          region: args.region,
          gateway: gcpGateway,
          peerAsn: alibabaAsn,
          crypto: args.crypto,
          tunnels: [
            { peerAddress: alibabaEnd.tunnelAddresses.master, preSharedKey: masterKey, bgp: masterSession },
            { peerAddress: alibabaEnd.tunnelAddresses.slave, preSharedKey: slaveKey, bgp: slaveSession },
          ],
          peerRanges: args.alibabaRanges,
        },
        { ...child, dependsOn: [alibabaEnd] },
      );
      this.gcpAddresses = [...gcpGateway.addresses];
      this.tunnelIds = tunnels.tunnels.map((t) => t.id);
    } else {
      const gcpGateway = new GcpVpnGateway(`${name}-gcp`, { name: `${base}-classic`, region: args.region, network: args.network }, child);
      const gcpAddress = gcpGateway.address.address;
      const alibabaEnd = connection(
        [
          { peerAddress: gcpAddress, preSharedKey: masterKey },
          { peerAddress: gcpAddress, preSharedKey: slaveKey },
        ],
        { staticRoutes: args.gcpRanges },
      );
      this.alibabaAddresses = [alibabaEnd.tunnelAddresses.master, alibabaEnd.tunnelAddresses.slave];
      const tunnels = new GcpClassicTunnels(
        `${name}-tunnels`,
        {
          region: args.region,
          network: args.network,
          gateway: gcpGateway,
          peerRanges: args.alibabaRanges,
          crypto: args.crypto,
          tunnels: [
            { name: `${base}-tn0`, peerAddress: alibabaEnd.tunnelAddresses.master, preSharedKey: masterKey },
            { name: `${base}-tn1`, peerAddress: alibabaEnd.tunnelAddresses.slave, preSharedKey: slaveKey },
          ],
        },
        { ...child, dependsOn: [alibabaEnd] },
      );
      this.gcpAddresses = [gcpAddress];
      this.tunnelIds = tunnels.tunnels.map((t) => t.id);
    }
    this.registerOutputs({ gcpAddresses: this.gcpAddresses, alibabaAddresses: this.alibabaAddresses, tunnelIds: this.tunnelIds });
  }
}
