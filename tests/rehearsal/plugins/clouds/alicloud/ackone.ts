import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CloudState, collection } from "../shared/cloud";
import { Props, reveal, str } from "../shared/values";
import { rehearsalHome, worldCluster } from "../shared/world";
import { clusterId } from "./ids";
import { aliKind, aliError } from "./kinds";

type Hub = Props & { state: string; members: Record<string, string>; public_enabled: boolean; public_pending: boolean };

/**
 * The hub refuses any change while it is not running (the aliyun stand-in's UpdateHubClusterFeature
 * answers IncorrectClusterState the same way; terraform-provider-alicloud v1.289.0 does not retry
 * it: NeedRetry covers throttling and 5xx only).
 */
function running(state: CloudState, hubId: string): Hub {
  const hub = collection<Hub>(state, "hubs")[hubId];
  if (!hub) throw aliError("Cluster.NotFound", `The specified cluster ${hubId} is not found.`);
  if (hub.state !== "running") throw aliError("IncorrectClusterState", `The current status of the cluster ${hubId} is ${hub.state}; retry when it is running.`);
  return hub;
}

/**
 * Marks the hub busy for one change. The provider waits for `running` after CreateHubCluster,
 * UpdateHubClusterFeature, AttachClusterToHub and DetachClusterFromHub alike
 * (resource_alicloud_ack_one_cluster.go, resource_alicloud_ack_one_membership_attachment.go), so
 * the hub is `updating` until each of them is done.
 */
function begin(state: CloudState, hubId: string, op: string, sub?: string): string {
  const hub = running(state, hubId);
  const mark = crypto.randomBytes(6).toString("hex");
  Object.assign(hub, { state: "updating", reads: 0, public_pending: hub.public_enabled, updating_op: mark });
  return JSON.stringify({ hubId, op, sub, mark });
}

function end(state: CloudState, token: string): void {
  const { hubId, op, sub, mark } = JSON.parse(token) as { hubId: string; op: string; sub?: string; mark: string };
  const hub = collection<Hub>(state, "hubs")[hubId];
  if (!hub) return;
  if (sub && op === "create") hub.members[sub] = "attached";
  if (sub && op === "delete") delete hub.members[sub];
  // Only this change's own mark ends it: a feature change the aliyun stand-in began meanwhile stays pending.
  if (["initial", "updating"].includes(hub.state) && hub.updating_op === mark && hub.public_pending === hub.public_enabled) hub.state = "running";
  delete hub.updating_op;
}

/** What the fleet stand-in holds between passes (tests/rehearsal/fleet/controller.ts FleetState), as far as read here. */
interface FleetView {
  readonly hubPrepared?: boolean;
  readonly members?: Readonly<Record<string, { readonly joined?: boolean }>>;
}

/** The run's fleet, when one runs: its state, else undefined. */
function fleetView(): FleetView | undefined {
  const dir = path.join(rehearsalHome(), "fleet");
  let pid = NaN;
  try {
    pid = Number(fs.readFileSync(path.join(dir, "pid"), "utf8"));
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as FleetView;
  } catch {
    return {};
  }
}

const FLEET_WAIT_MS = 120_000;

/** Waits until the running fleet shows `reached` (no fleet: nothing to wait for). */
async function fleetReached(what: string, reached: (fleet: FleetView) => boolean): Promise<void> {
  const deadline = Date.now() + FLEET_WAIT_MS;
  for (;;) {
    const fleet = fleetView();
    if (!fleet || reached(fleet)) return;
    if (Date.now() > deadline) throw new Error(`the fleet did not ${what} within ${FLEET_WAIT_MS / 1000} s; see $REHEARSAL_HOME/fleet/fleet.log`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The ACK One hub, in the aliyun stand-in's shape (hubs[id]: state, private, public, token,
 * members, public_enabled) with its API server the run's local `hub` control plane. A new hub's
 * public endpoint is off: the provider sends no ApiServerPublicEip (adcp/CreateHubCluster.json).
 */
export const hub = aliKind(
  {
    type: "alicloud:ackone/cluster:Cluster",
    collection: "hubs",
    name: (inputs) => str(inputs.clusterName),
    id: () => clusterId(),
    refs: (_ctx, inputs) => {
      const network = reveal(inputs.network) as { vpcId?: string; vswitches?: string[] } | undefined;
      return [network?.vpcId ?? "", ...(network?.vswitches ?? [])];
    },
    computed: () => ({ status: "running", profile: "Default", createTime: new Date().toISOString() }),
    shape: (_ctx, inputs) => {
      const api = worldCluster("hub");
      const network = inputs.network as { vpcId?: string; vswitches?: string[] } | undefined;
      return {
        name: str(inputs.clusterName) ?? "",
        state: "running",
        private: api.server,
        public: api.server,
        token: api.token,
        members: {},
        public_enabled: false,
        public_pending: false,
        reads: 0,
        vpc_id: network?.vpcId ?? "",
        vswitch_ids: network?.vswitches ?? [],
      };
    },
  },
  {
    busy: {
      // A new hub is `initial` until CreateHubCluster is done; a change or a delete needs it running.
      begin: (state, id, _inputs, op) => {
        if (op !== "create") return begin(state, id, op);
        const mark = crypto.randomBytes(6).toString("hex");
        Object.assign(collection<Hub>(state, "hubs")[id], { state: "initial", updating_op: mark });
        return JSON.stringify({ hubId: id, op, mark });
      },
      end,
    },
    deletingShape: { state: "deleting" },
    // CreateHubCluster is done when the hub's API serves what ACK One installs on it (the
    // PropagationPolicy and MultiClusterService APIs the program applies next): the provider
    // waits for `running` (resource_alicloud_ack_one_cluster.go), which the fleet stand-in's
    // preparation of the hub stands for. A deleted hub is gone once the fleet let go of it.
    done: (_id, _inputs, op) =>
      op === "create" ? fleetReached("prepare the hub", (f) => f.hubPrepared === true) : fleetReached("tear the hub down", (f) => !f.hubPrepared),
  },
);

export const membershipAttachment = aliKind(
  {
    type: "alicloud:ackone/membershipAttachment:MembershipAttachment",
    collection: "fleet_memberships",
    name: (inputs) => str(inputs.subClusterId),
    // resource_alicloud_ack_one_membership_attachment.go: <clusterId>:<subClusterId>.
    id: (_ctx, inputs) => `${str(inputs.clusterId)}:${str(inputs.subClusterId)}`,
    refs: (_ctx, inputs) => [str(inputs.clusterId) ?? "", str(inputs.subClusterId) ?? ""],
    notFound: { clusterId: "Cluster.NotFound", subClusterId: "ErrorClusterNotFound" },
  },
  {
    busy: {
      begin: (state, _id, inputs, op) => begin(state, str(inputs.clusterId)!, op, str(inputs.subClusterId)),
      end,
    },
    // DetachClusterFromHub is done when the hub is running again (the provider's wait), by which
    // time ACK One has taken the member out of the fleet: Karmada removes the member's cluster
    // and what its Works put there (pkg/controllers/cluster/cluster_controller.go removeCluster),
    // which the fleet stand-in's `leave` stands for.
    done: async (_id, inputs, op) => {
      const member = str(inputs.subClusterId) ?? "";
      if (op === "delete") await fleetReached(`let member ${member} leave`, (f) => !f.members?.[member]);
    },
  },
);
