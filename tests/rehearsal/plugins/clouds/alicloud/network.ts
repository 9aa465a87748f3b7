import { CloudState, collection, referrers } from "../shared/cloud";
import { Props, reveal, str } from "../shared/values";
import { aliyunId } from "./ids";
import { ALL, aliKind, usedBy, aliError } from "./kinds";

const VSWITCH = "alicloud:vpc/switch:Switch";
const SECURITY_GROUP = "alicloud:ecs/securityGroup:SecurityGroup";
const GATEWAY = "alicloud:vpn/gateway:Gateway";

// Delete refusals: alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-deletevpc and
// -deletevswitch ("release or remove all resources ... first", error codes DependencyViolation.*);
// the codes terraform-provider-alicloud v1.289.0 retries until its delete timeout are those in
// IsExpectedErrors of resourceAliCloudVpcVpcDelete / resourceAliCloudVpcVswitchDelete /
// resourceAliCloudEcsSecurityGroupDelete.
export const vpc = aliKind(
  {
    type: "alicloud:vpc/network:Network",
    collection: "vpcs",
    name: (inputs) => str(inputs.vpcName) ?? str(inputs.name),
    id: () => aliyunId("vpc"),
    computed: () => ({ status: "Available", routerId: aliyunId("vrt"), routeTableId: aliyunId("vtb") }),
    shape: (_ctx, inputs) => ({ vpc_name: str(inputs.vpcName) ?? "", cidr_block: str(inputs.cidrBlock) ?? "", status: "Available" }),
  },
  {
    inUse: (state, id) =>
      usedBy(state, id, [VSWITCH], "DependencyViolation.VSwitch", "Specified object has dependent resources.") ??
      usedBy(state, id, [SECURITY_GROUP], "DependencyViolation.SecurityGroup", "Specified object has dependent resources.") ??
      usedBy(state, id, [GATEWAY], "DependencyViolation.Instance", "Specified object has dependent resources."),
    deleteRetry: { codes: ["DependencyViolation.VSwitch", "DependencyViolation.SecurityGroup", "IncorrectVpcStatus"], timeoutSeconds: 300 },
  },
);

/** Clusters of any origin (this plug-in's, or registered by the aliyun stand-in) that still hold `key` = id. */
function clustersUsing(state: CloudState, id: string, key: "vswitch_ids" | "security_group_id"): string | undefined {
  const live = (c: Props) => !["gone", "deleted"].includes(String(c.state));
  const clusters = Object.entries(collection<Props>(state, "clusters")).filter(([, c]) => live(c) && ([] as unknown[]).concat(c[key] ?? []).includes(id));
  const hubs =
    key === "vswitch_ids" ? Object.entries(collection<Props>(state, "hubs")).filter(([, h]) => ([] as unknown[]).concat(h.vswitch_ids ?? []).includes(id)) : [];
  return [...clusters, ...hubs][0]?.[0];
}

export const vswitch = aliKind(
  {
    type: VSWITCH,
    collection: "vswitches",
    name: (inputs) => str(inputs.vswitchName) ?? str(inputs.name),
    id: () => aliyunId("vsw"),
    refs: (_ctx, inputs) => [str(inputs.vpcId) ?? ""],
    notFound: { vpcId: "InvalidVpcId.NotFound" },
    computed: () => ({ status: "Available" }),
    // The aliyun stand-in reads vswitches[id].vpc_id (tests/fakes/aliyun_cli.py CreateCluster).
    shape: (_ctx, inputs) => ({ vpc_id: str(inputs.vpcId) ?? "", zone_id: str(inputs.zoneId) ?? "", cidr_block: str(inputs.cidrBlock) ?? "" }),
  },
  {
    inUse(state, id) {
      const cluster = clustersUsing(state, id, "vswitch_ids");
      if (cluster) return aliError("DependencyViolation", `Specified object has dependent resources. (${id} is used by ${cluster})`);
      return referrers(state, ALL, id, [GATEWAY]).length > 0
        ? usedBy(state, id, [GATEWAY], "DependencyViolation", "Specified object has dependent resources.")
        : undefined;
    },
    deleteRetry: { codes: ["DependencyViolation"], timeoutSeconds: 600 },
  },
);

export const securityGroup = aliKind(
  {
    type: SECURITY_GROUP,
    collection: "security_groups",
    name: (inputs) => str(inputs.securityGroupName) ?? str(inputs.name),
    id: () => aliyunId("sg"),
    refs: (_ctx, inputs) => [str(inputs.vpcId) ?? ""],
    notFound: { vpcId: "InvalidVpcId.NotFound" },
    // The aliyun stand-in reads security_groups[id].vpc_id.
    shape: (_ctx, inputs) => ({ vpc_id: str(inputs.vpcId) ?? "", security_group_name: str(inputs.securityGroupName) ?? "" }),
  },
  {
    inUse(state, id) {
      const cluster = clustersUsing(state, id, "security_group_id");
      return cluster ? aliError("DependencyViolation", `Specified object has dependent resources. (${id} is used by ${cluster})`) : undefined;
    },
    deleteRetry: { codes: ["DependencyViolation"], timeoutSeconds: 600 },
    // A group's rules go with it.
    onDelete(state, id) {
      for (const [rule] of referrers(state, ALL, id, ["alicloud:ecs/securityGroupRule:SecurityGroupRule"]))
        delete collection(state, "security_group_rules")[rule];
    },
  },
);

export const securityGroupRule = aliKind({
  type: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
  collection: "security_group_rules",
  name: () => undefined,
  // resource_alicloud_security_group_rule.go: <sg>:<type>:<protocol>:<ports>:<nic>:<cidr>:<policy>:<priority>.
  id: (_ctx, inputs) =>
    [
      inputs.securityGroupId,
      inputs.type,
      inputs.ipProtocol,
      inputs.portRange ?? "-1/-1",
      inputs.nicType ?? "internet",
      inputs.cidrIp,
      inputs.policy ?? "accept",
      inputs.priority ?? 1,
    ]
      .map((v) => String(reveal(v)))
      .join(":"),
  refs: (_ctx, inputs) => [str(inputs.securityGroupId) ?? ""],
  notFound: { securityGroupId: "InvalidSecurityGroupId.NotFound" },
  // ecs AuthorizeSecurityGroup: InvalidPermission.Duplicate, "The specified rule exists already."
  duplicate: { code: "InvalidPermission.Duplicate", message: "The specified rule exists already." },
});
