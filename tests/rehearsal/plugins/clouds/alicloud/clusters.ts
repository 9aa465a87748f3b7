import { CloudState, Ctx, Kind, collection } from "../shared/cloud";
import { CloudError } from "../shared/operation";
import { Props, str } from "../shared/values";
import { clusterId } from "./ids";
import { aliKind, aliError } from "./kinds";

/** Why a cluster cannot go: a fleet still lists it (the same refusal as tests/fakes/aliyun_cli.py cs DeleteCluster). */
function memberOf(state: CloudState, id: string): CloudError | undefined {
  const hub = Object.entries(collection<Props>(state, "hubs")).find(([, h]) => id in ((h.members as Props | undefined) ?? {}));
  return hub ? aliError("ErrorClusterInUse", `cluster ${id} is still associated with the ACK One fleet ${hub[0]}; detach it first`) : undefined;
}

/** A cluster name is taken while any cluster of the account's region carries it (as the aliyun stand-in's CreateCluster refuses it). */
function nameTaken(ctx: Ctx, name: string | undefined, id: string): void {
  const taken = Object.entries(collection<Props>(ctx.state, "clusters")).some(
    ([other, c]) => other !== id && c.name === name && !["gone", "deleted"].includes(String(c.state)),
  );
  if (taken) throw aliError("ErrorClusterNameAlreadyExist", `cluster name ${name} already exists`);
}

/**
 * ACK clusters in the aliyun stand-in's shape (clusters[id]: cluster_id, name, cluster_type,
 * state, region_id, vpc_id, vswitch_ids, security_group_id), running once created. ACS, ACK Pro
 * and ACK Serverless are all cluster_type ManagedKubernetes, told apart by profile
 * (cs/DescribeClustersV1.json cluster_type and profile).
 */
function ackCluster(type: string, profile: (inputs: Props) => string, vpcOf: (ctx: Ctx, inputs: Props) => string): Kind {
  const vswitches = (inputs: Props) => ((inputs.vswitchIds as unknown[] | undefined) ?? []).map(str).filter((v): v is string => !!v);
  const kind = aliKind(
    {
      type,
      collection: "clusters",
      name: (inputs) => str(inputs.name),
      id: () => clusterId(),
      refs: (_ctx, inputs) => [...vswitches(inputs), str(inputs.securityGroupId) ?? "", str(inputs.vpcId) ?? ""],
      notFound: { vswitchIds: "InvalidVSwitchId.NotFound", securityGroupId: "InvalidSecurityGroupId.NotFound", vpcId: "InvalidVpcId.NotFound" },
      computed: (ctx, inputs) => ({ vpcId: vpcOf(ctx, inputs), state: "running" }),
      shape: (ctx, inputs, _outputs, id) => ({
        cluster_id: id,
        name: str(inputs.name) ?? "",
        cluster_type: "ManagedKubernetes",
        profile: profile(inputs),
        state: "running",
        region_id: ctx.config.region ?? "",
        vpc_id: vpcOf(ctx, inputs),
        vswitch_ids: vswitches(inputs),
        security_group_id: str(inputs.securityGroupId) ?? "",
        reads: 0,
        events: [],
      }),
    },
    { inUse: memberOf, deletingShape: { state: "deleting" } },
  );
  const admit = kind.admit!;
  return {
    ...kind,
    admit(ctx, inputs, id, existing) {
      admit(ctx, inputs, id, existing);
      nameTaken(ctx, str(inputs.name), id);
    },
  };
}

/** ACS and ACK Pro find their VPC from the vSwitches; ASK takes it as an input. */
const vpcOfVswitches = (ctx: Ctx, inputs: Props) => {
  const first = str(((inputs.vswitchIds as unknown[] | undefined) ?? [])[0]);
  return str(collection<Props>(ctx.state, "vswitches")[first ?? ""]?.vpc_id) ?? "";
};

export const managedKubernetes = ackCluster("alicloud:cs/managedKubernetes:ManagedKubernetes", (inputs) => str(inputs.profile) ?? "Default", vpcOfVswitches);
export const serverlessKubernetes = ackCluster(
  "alicloud:cs/serverlessKubernetes:ServerlessKubernetes",
  () => "Serverless",
  (_ctx, inputs) => str(inputs.vpcId) ?? "",
);
