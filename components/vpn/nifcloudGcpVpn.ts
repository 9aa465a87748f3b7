import * as pulumi from "@pulumi/pulumi";
import { IpsecPolicy } from "../../config/types";
import { GcpClassicTunnels } from "./gcpClassicTunnels";
import { GcpVpnGateway } from "./gcpVpnGateway";
import { NifcloudVpnEnd, NifcloudVpnEndArgs } from "./nifcloudVpnEnd";
import { preSharedKey } from "./preSharedKey";

/** The NIFCLOUD end's own settings (the link adds the GCP address, the key, the policy and the ranges). */
export type NifcloudEndSettings = Omit<NifcloudVpnEndArgs, "gcpAddress" | "preSharedKey" | "crypto" | "gcpRanges">;

export interface NifcloudGcpVpnArgs {
  /** Cloud VPN gateway name, e.g. "nifc-anthos-vpn". */
  readonly gatewayName: string;
  /** Cloud VPN tunnel name, e.g. "nif-anthos-tn"; its routes are `<tunnelName>-r<i>`. */
  readonly tunnelName: string;
  /** GCP region. */
  readonly region: string;
  /** The GCP VPC's id. */
  readonly network: pulumi.Input<string>;
  /** IKE/IPsec parameters, identical at both ends. */
  readonly crypto: IpsecPolicy;
  /** Route-based (selectors 0.0.0.0/0) or policy-based (the ranges as selectors); routes either way. */
  readonly routing: "route-based" | "policy-based";
  /** GCP ranges NIFCLOUD reaches through the tunnel. */
  readonly gcpRanges: readonly string[];
  /** NIFCLOUD ranges GCP reaches through the tunnel. */
  readonly nifcloudRanges: readonly string[];
  /** The NIFCLOUD end. */
  readonly nifcloud: NifcloudEndSettings;
}

/**
 * A site-to-site IPsec link between a GCP VPC and a NIFCLOUD private LAN: a Classic Cloud VPN
 * gateway and tunnel on GCP, a NifcloudVpnEnd on NIFCLOUD, one pre-shared key and one IPsec
 * policy handed to both ends. The GCP address comes first because NIFCLOUD's customer gateway
 * needs it; GCP's tunnel then meets NIFCLOUD's gateway address.
 */
export class NifcloudGcpVpn extends pulumi.ComponentResource {
  readonly gcpAddress: pulumi.Output<string>;
  readonly nifcloudAddress: pulumi.Output<string>;
  readonly tunnelId: pulumi.Output<string>;
  /** Secret. */
  readonly preSharedKey: pulumi.Output<string>;

  constructor(name: string, args: NifcloudGcpVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    // Formerly VpnPair: the alias keeps every URN under it (pulumi-awsx keeps its old type tokens the same way).
    super("multicloud-mesh:vpn:NifcloudGcpVpn", name, {}, { ...opts, aliases: [...(opts?.aliases ?? []), { type: "multicloud-mesh:vpn:VpnPair" }] });
    const child = { parent: this };
    this.preSharedKey = preSharedKey(`${name}-psk`, child);
    const gateway = new GcpVpnGateway(`${name}-gcp`, { name: args.gatewayName, region: args.region, network: args.network }, child);
    const nifcloud = new NifcloudVpnEnd(
      `${name}-peer`,
      { ...args.nifcloud, gcpAddress: gateway.address.address, preSharedKey: this.preSharedKey, crypto: args.crypto, gcpRanges: args.gcpRanges },
      child,
    );
    const tunnels = new GcpClassicTunnels(
      `${name}-gcp`,
      {
        region: args.region,
        network: args.network,
        gateway,
        tunnels: [{ name: args.tunnelName, peerAddress: nifcloud.publicIp, preSharedKey: this.preSharedKey }],
        crypto: args.crypto,
        routing: args.routing,
        localRanges: args.gcpRanges,
        peerRanges: args.nifcloudRanges,
      },
      // The tunnel negotiates once NIFCLOUD's connection exists.
      { ...child, dependsOn: [nifcloud.connection] },
    );
    this.gcpAddress = gateway.address.address;
    this.nifcloudAddress = nifcloud.publicIp;
    this.tunnelId = tunnels.tunnels[0].id;
    this.registerOutputs({ gcpAddress: this.gcpAddress, nifcloudAddress: this.nifcloudAddress, tunnelId: this.tunnelId });
  }
}
