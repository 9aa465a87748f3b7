import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { ZoneSubnet } from "../../config/types";

export interface AlibabaNetworkArgs {
  /** VPC name. */
  readonly name: string;
  /** VPC range. */
  readonly cidr: string;
  /** One vSwitch per zone. */
  readonly zones: readonly ZoneSubnet[];
  /** Ranges of peer networks reached over VPN (GKE's node, pod and service ranges). */
  readonly peerRanges: readonly string[];
  /**
   * A vSwitch for the ACK One hub alone (`ackOne.hubVswitch`).
   * @default undefined (no such vSwitch)
   */
  readonly hubZone?: ZoneSubnet;
}

/**
 * How long a vSwitch's delete retries while something still uses it. The provider retries
 * DeleteVSwitch on DependencyViolation* for the delete timeout, 10 minutes by default
 * (terraform-provider-alicloud v1.289.0 alicloud/resource_alicloud_vswitch.go,
 * resourceAliCloudVpcVswitchDelete). An ACK One hub of the Default profile may leave resources in
 * its vSwitches after its own deletion has completed (@pulumi/alicloud 3.108 ackone/cluster.d.ts,
 * `profile`): the retries are the wait for what it left to be released.
 */
export const VSWITCH_DELETE_TIMEOUT = "30m";

/**
 * The Alibaba network of the link to GCP: a VPC, one vSwitch per zone, and a security group for
 * the Alibaba cluster that admits the peer's ranges (multi-cluster services route pod to pod, no NAT).
 */
export class AlibabaNetwork extends pulumi.ComponentResource {
  readonly vpc: alicloud.vpc.Network;
  readonly vswitches: alicloud.vpc.Switch[];
  /** The hub's own vSwitch, when `hubZone` asks for one. */
  readonly hubVswitch?: alicloud.vpc.Switch;
  readonly securityGroup: alicloud.ecs.SecurityGroup;

  constructor(name: string, args: AlibabaNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:alibaba:AlibabaNetwork", name, {}, opts);
    const child = { parent: this };
    this.vpc = new alicloud.vpc.Network(`${name}-vpc`, { vpcName: args.name, cidrBlock: args.cidr }, child);
    const vswitch = (suffix: string, zone: ZoneSubnet) =>
      new alicloud.vpc.Switch(
        `${name}-${suffix}`,
        {
          vswitchName: `${args.name}-${suffix}`,
          vpcId: this.vpc.id,
          cidrBlock: zone.cidr,
          zoneId: zone.zoneId,
        },
        { ...child, customTimeouts: { delete: VSWITCH_DELETE_TIMEOUT } },
      );
    this.vswitches = args.zones.map((zone) => vswitch(zone.zoneId, zone));
    if (args.hubZone) this.hubVswitch = vswitch("hub", args.hubZone);
    this.securityGroup = new alicloud.ecs.SecurityGroup(
      `${name}-sg`,
      {
        securityGroupName: `${args.name}-peers`,
        description: "ASK pods: admit the peer network's node, pod and service ranges over the VPN",
        vpcId: this.vpc.id,
      },
      child,
    );
    [...new Set(args.peerRanges)].sort().forEach(
      (range, i) =>
        new alicloud.ecs.SecurityGroupRule(
          `${name}-peer-${i}`,
          {
            securityGroupId: this.securityGroup.id,
            type: "ingress",
            ipProtocol: "all",
            portRange: "-1/-1",
            nicType: "intranet",
            policy: "accept",
            priority: 1,
            cidrIp: range,
            description: `peer range ${range} over the VPN`,
          },
          child,
        ),
    );
    this.registerOutputs({ vpcId: this.vpc.id });
  }
}
