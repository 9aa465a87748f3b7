#!/usr/bin/env bash
# The ACK agent in a registered cluster: fetched from ACK, applied with kubectl, and waited for
# until ACK reports the registered cluster running.
#   create: applies the agent manifest (kubectl apply converges, so a re-run is safe).
#           Prints {"ClusterId": ..., "State": "running"}.
#   delete: removes what the manifest declares; a registered cluster that is already gone
#           leaves nothing to fetch, which is done.
# Inputs: AGENT_CLUSTER_ID, AGENT_PRIVATE (true|false), KUBECONFIG_DATA (secret: the target
#         cluster), AGENT_TIMEOUT (seconds, default 900), plus scripts/alibaba/lib.sh's.
SCRIPT_NAME=cluster-agent
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require AGENT_CLUSTER_ID AGENT_PRIVATE

manifest() {
  ali cs DescribeExternalAgent --ClusterId "$AGENT_CLUSTER_ID" --PrivateIpAddress "$AGENT_PRIVATE" | jq -r '.config // empty'
}

state() {
  ali cs DescribeClusterDetail --ClusterId "$AGENT_CLUSTER_ID" | jq -r '.state // empty'
}

is_running() { [ "$(state)" = "running" ]; }

create() {
  local file="$WORK_DIR/agent.yaml" kubeconfig
  kubeconfig=$(kubeconfig_file)
  manifest >"$file"
  [ -s "$file" ] || fail "ACK returned no agent manifest for $AGENT_CLUSTER_ID"
  log "applying the ACK agent for $AGENT_CLUSTER_ID"
  kubectl --kubeconfig "$kubeconfig" apply -f "$file" >&2
  wait_until "registered cluster $AGENT_CLUSTER_ID to run" "${AGENT_TIMEOUT:-900}" is_running
  jq -nc --arg id "$AGENT_CLUSTER_ID" '{ClusterId: $id, State: "running"}'
}

delete() {
  local file="$WORK_DIR/agent.yaml" kubeconfig
  kubeconfig=$(kubeconfig_file)
  ali_lookup cs DescribeExternalAgent --ClusterId "$AGENT_CLUSTER_ID" --PrivateIpAddress "$AGENT_PRIVATE" | jq -r '.config // empty' >"$file"
  if [ ! -s "$file" ]; then log "registered cluster already gone: nothing to remove"; return 0; fi
  kubectl --kubeconfig "$kubeconfig" delete --ignore-not-found -f "$file" >&2
}

dispatch "$@"
