#!/usr/bin/env bash
# A guard between an ACK One hub and its member clusters. Detaching a member (adcp
# DetachClusterFromHub, what ackone.MembershipAttachment's delete calls) returns before the hub
# has let go of it, and the hub cannot be deleted while it still lists members. Placed after the
# hub and before the attachments, this resource's delete runs after every attachment's delete
# and before the hub's.
#   create: nothing to create. Prints {"HubId": ...}.
#   delete: waits until DescribeManagedClusters lists no member cluster (re-read each poll); on
#           timeout fails with the members the hub still lists and their states. A hub that is
#           already gone is done.
# Environment, besides scripts/alibaba/lib.sh's:
#   HUB_CLUSTER_ID  the hub (required)
#   FLEET_TIMEOUT   seconds to wait for the members to go (default 900)
SCRIPT_NAME=fleet-members
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require HUB_CLUSTER_ID

MEMBERS=""
# no_members: the hub lists no member cluster, or no longer exists.
no_members() {
  local answer
  answer=$(ali_lookup adcp DescribeManagedClusters --ClusterId "$HUB_CLUSTER_ID")
  MEMBERS=$(jq -r '[.Clusters[]? | "\(.Cluster.ClusterID) (\(.Status.State // .Cluster.State // "unknown"))"] | join(", ")' <<<"${answer:-{\}}")
  if [ -z "$MEMBERS" ]; then return 0; fi
  log "hub $HUB_CLUSTER_ID still lists $MEMBERS"
  return 1
}

create() {
  jq -nc --arg id "$HUB_CLUSTER_ID" '{HubId: $id}'
}

delete() {
  if ! poll_until "the members of hub $HUB_CLUSTER_ID to go" "${FLEET_TIMEOUT:-900}" no_members; then
    fail "hub $HUB_CLUSTER_ID still lists member clusters: $MEMBERS"
  fi
  log "hub $HUB_CLUSTER_ID lists no member clusters"
}

dispatch "$@"
