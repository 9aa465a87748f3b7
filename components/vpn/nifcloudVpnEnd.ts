import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand, NO_RESULT, ResultParser, stringFields } from "../command/scriptCommand";
import { nifcloudIpsec } from "./ipsec";
import { IpsecPolicy, NetworkSpec, NifcloudPeerSpec } from "../../config/types";
import { singleCoveringBlock } from "../../config/ranges";
import { nifcloudFirewallRules } from "./nifcloudFirewallRules";
import { nifcloudOwnerMark } from "./nifcloudOwnerMark";

export interface NifcloudCredentials {
  readonly accessKeyId: pulumi.Output<string>;
  readonly secretAccessKey: pulumi.Output<string>;
}

export interface NifcloudVpnEndArgs {
  /** The validated settings of this end (`vpnLinks[i].peer`). */
  readonly spec: NifcloudPeerSpec;
  /** The NIFCLOUD private LAN network, as validated. */
  readonly network: NetworkSpec;
  /** NIFCLOUD API credentials (secret). */
  readonly credentials: NifcloudCredentials;
  /** Port of the bare-metal API server that GCP's istiod calls. */
  readonly apiServerPort: number;
  /** Where GKE's pods connect from (nifcloudFirewallRules `workloads`): the mesh ports and the API server admit only these. */
  readonly gkeEgressRanges: readonly string[];
  /** The configuration key of this end, named in the scripts' messages. @default "vpnLinks[0].peer" */
  readonly configKey?: string;
  /** The GCP VPN's static public address: the customer gateway, and the source IPsec is admitted from. */
  readonly gcpAddress: pulumi.Input<string>;
  /** The link's pre-shared key (secret). */
  readonly preSharedKey: pulumi.Input<string>;
  /** The IKE / IPsec policy, identical to GCP's. */
  readonly crypto: IpsecPolicy;
  /** GCP ranges routed into the tunnel (as one covering block) and admitted to the mesh ports. */
  readonly gcpRanges: readonly string[];
}

/** firewall-group.sh's result: the group the gateway joins, and the rule keys this stack added. */
export const firewallResult: ResultParser<{ GroupName: string; Ownership: string; AddedRules: string[] }> = (value, script) => {
  const { GroupName, Ownership } = stringFields("GroupName", "Ownership")(value, script);
  const added = value.AddedRules;
  if (!Array.isArray(added) || added.some((k) => typeof k !== "string"))
    throw new Error(`${script} printed no "AddedRules" list of rule keys in its JSON result`);
  return { GroupName, Ownership, AddedRules: added as string[] };
};

/**
 * The NIFCLOUD end of a VPN link, driven through the `nifcloud` CLI: firewall group, private
 * LAN, VPN gateway, customer gateway, VPN connection. Each step depends on the one before, so
 * destroy runs in NIFCLOUD's safe order (connection first, firewall group last).
 */
export class NifcloudVpnEnd extends pulumi.ComponentResource {
  /** The VPN gateway's global address, which GCP's tunnel meets. */
  readonly publicIp: pulumi.Output<string>;
  /** The last step: the tunnel is up on NIFCLOUD's side once it has run. */
  readonly connection: ScriptCommand;

  constructor(name: string, args: NifcloudVpnEndArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:NifcloudVpnEnd", name, {}, opts);
    const { spec } = args;
    // Credentials, poll interval and owner mark are inputs of every step; none is a trigger, so a
    // rotated key is an update and the delete-time environment holds the new one. The mark names
    // the stack: scripts/nifcloud/lib.sh still recognises the old shared one on objects this
    // stack's previous outputs record as its own, and never another stack's.
    const env = (extra: Record<string, pulumi.Input<string>>) => ({
      NIFCLOUD_ACCESS_KEY_ID: args.credentials.accessKeyId,
      NIFCLOUD_SECRET_ACCESS_KEY: args.credentials.secretAccessKey,
      NIFCLOUD_REGION: spec.region,
      NIFCLOUD_POLL_SECONDS: String(spec.pollSeconds),
      NIFCLOUD_OWNER_MARK: spec.ownerMark ?? nifcloudOwnerMark(pulumi.getProject(), pulumi.getStack()),
      NIFCLOUD_PEER_KEY: args.configKey ?? "vpnLinks[0].peer",
      ...(spec.endpointUrl ? { NIFCLOUD_ENDPOINT_URL: spec.endpointUrl } : {}),
      ...extra,
    });
    // The steps were the link's own children before this component existed: each also answers to
    // its URN under the link, so a stack deployed then moves them here without replacing any.
    const formerParent = opts?.parent ? [{ parent: opts.parent }] : [];
    const step = (dependsOn: pulumi.Resource[] = []) => ({ parent: this, dependsOn, aliases: formerParent });
    const gcpAddress = pulumi.output(args.gcpAddress);
    const coveringBlock = singleCoveringBlock(args.gcpRanges);
    const ipsec = JSON.stringify(nifcloudIpsec(args.crypto));

    // Ownership and the group's name are updates, never replacements (scripts/nifcloud/*.sh
    // converge both: a replacement would delete what was adopted, or the group in use).
    const firewall = new ScriptCommand(
      `${name}-firewall`,
      {
        script: "nifcloud/firewall-group.sh",
        result: firewallResult,
        environment: env({
          FW_NAME: spec.firewallGroup,
          FW_OWNERSHIP: spec.ownership.firewallGroup,
          FW_ZONE: spec.zone,
          FW_GATEWAY_NAME: spec.gatewayName,
          FW_RULES: gcpAddress.apply((ip) =>
            JSON.stringify(nifcloudFirewallRules(ip, { routed: args.gcpRanges, workloads: args.gkeEgressRanges }, args.apiServerPort)),
          ),
        }),
        replaceOn: [spec.zone],
      },
      step(),
    );

    const lan = new ScriptCommand(
      `${name}-lan`,
      {
        script: "nifcloud/private-lan.sh",
        result: stringFields("NetworkId"),
        environment: env({
          ...(spec.privateLan.networkId ? { LAN_NETWORK_ID: spec.privateLan.networkId } : {}),
          ...(spec.privateLan.name ? { LAN_NAME: spec.privateLan.name } : {}),
          LAN_OWNERSHIP: spec.ownership.privateLan,
          LAN_CIDR: args.network.nodeCidr,
          LAN_ZONE: spec.zone,
        }),
        replaceOn: [spec.privateLan.networkId ?? spec.privateLan.name ?? "", args.network.nodeCidr, spec.zone],
      },
      step([firewall]),
    );

    const gateway = new ScriptCommand(
      `${name}-gateway`,
      {
        script: "nifcloud/vpn-gateway.sh",
        result: stringFields("VpnGatewayId", "PublicIp"),
        environment: env({
          GW_NAME: spec.gatewayName,
          GW_OWNERSHIP: spec.ownership.vpnGateway,
          GW_TYPE: spec.gatewayType,
          GW_ZONE: spec.zone,
          GW_NETWORK_ID: lan.field("NetworkId"),
          GW_PRIVATE_IP: spec.gatewayPrivateIp,
          GW_FIREWALL_GROUP: spec.firewallGroup,
        }),
        replaceOn: [spec.gatewayName, spec.gatewayType, spec.gatewayPrivateIp, spec.zone],
      },
      step([firewall, lan]),
    );

    const customerGateway = new ScriptCommand(
      `${name}-customer-gateway`,
      {
        script: "nifcloud/customer-gateway.sh",
        result: stringFields("CustomerGatewayId"),
        environment: env({
          CGW_NAME: spec.customerGatewayName,
          CGW_OWNERSHIP: spec.ownership.customerGateway,
          CGW_PEER_IP: gcpAddress,
          CGW_LAN_CIDR: coveringBlock,
          CGW_TYPE: "IPsec VTI",
        }),
        replaceOn: [spec.customerGatewayName, gcpAddress, coveringBlock],
      },
      step(),
    );

    this.connection = new ScriptCommand(
      `${name}-connection`,
      {
        script: "nifcloud/vpn-connection.sh",
        result: NO_RESULT,
        environment: env({
          CONN_GATEWAY_ID: gateway.field("VpnGatewayId"),
          CONN_CUSTOMER_GATEWAY_ID: customerGateway.field("CustomerGatewayId"),
          CONN_TYPE: "IPsec VTI",
          CONN_IPSEC: ipsec,
          PRE_SHARED_KEY: args.preSharedKey,
        }),
        replaceOn: [ipsec, args.preSharedKey],
        // A new gateway or customer gateway id means a new connection: NIFCLOUD refuses to delete
        // either while a connection uses it (DeleteVpnGateway: Client.ResourceIncorrectState.VpnGateway.InUse).
        replaceOnEnvironmentChange: true,
      },
      step([gateway, customerGateway]),
    );
    this.publicIp = gateway.field("PublicIp");
    this.registerOutputs({ publicIp: this.publicIp });
  }
}
