#!/usr/bin/env bash
# The ACK One hub's kubeconfig (no Pulumi data source exists for it).
#   create: HUB_PRIVATE=true: the kubeconfig of the hub's VPC endpoint. HUB_PRIVATE=false: the
#           public one; a hub has no public API endpoint until one is turned on, so when the hub
#           reports none, this turns it on (adcp UpdateHubClusterFeature PublicApiServerEnabled,
#           which ACK accepts only while the hub is running), waits until DescribeHubClusterDetails
#           reports the public endpoint and the hub running again, then asks for the kubeconfig
#           (DescribeHubClusterKubeconfig PrivateIpAddress=false).
#           Prints {"kubeconfig": ..., "PublicEndpointEnabledHere": true|false}; the caller keeps
#           stdout secret and unlogged.
#   delete: turns the public endpoint off again only if this resource turned it on, and waits
#           until the hub is running again (the hub's own deletion is refused while it updates);
#           a hub that is already gone is done.
# Environment, besides scripts/alibaba/lib.sh's:
#   HUB_CLUSTER_ID         the hub (required)
#   HUB_PRIVATE            true|false (required)
#   HUB_TIMEOUT            seconds to wait for the hub (default 1200)
#   PULUMI_COMMAND_STDOUT  the previous result (set by Pulumi on delete; secret)
SCRIPT_NAME=hub-kubeconfig
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require HUB_CLUSTER_ID
TIMEOUT="${HUB_TIMEOUT:-1200}"
# UpdateHubClusterFeature is refused while the hub is changing state.
NOT_YET='IncorrectClusterState|Cluster\.StateInvalid|Throttling(\..*)?|ServiceUnavailable'

# hub_details: DescribeHubClusterDetails's answer; empty when the hub does not exist.
hub_details() {
  ali_lookup adcp DescribeHubClusterDetails --ClusterId "$HUB_CLUSTER_ID"
}

# hub_is WANT_PUBLIC: the hub is running and reports a public endpoint (true) or none (false).
hub_is() {
  local details state public
  details=$(hub_details) || fail "could not read hub $HUB_CLUSTER_ID"
  [ -n "$details" ] || fail "hub $HUB_CLUSTER_ID does not exist"
  state=$(jq -r '.Cluster.ClusterInfo.State // "unknown"' <<<"$details")
  public=$(jq -r 'if (.Cluster.Endpoints.PublicApiServerEndpoint // "") != "" then "true" else "false" end' <<<"$details")
  case "$state" in failed | deleting | deleted) fail "hub $HUB_CLUSTER_ID is $state" ;; esac
  log "hub $HUB_CLUSTER_ID is $state, public endpoint: $public"
  [ "$state" = running ] && [ "$public" = "$1" ]
}

hub_running() {
  local details state=gone
  details=$(hub_details) || fail "could not read hub $HUB_CLUSTER_ID"
  [ -z "$details" ] || state=$(jq -r '.Cluster.ClusterInfo.State // "unknown"' <<<"$details")
  case "$state" in running | gone) return 0 ;; failed | deleted) fail "hub $HUB_CLUSTER_ID is $state" ;; *) return 1 ;; esac
}

# set_public true|false: asks for the change once the hub is running, then waits until it shows.
set_public() {
  wait_until "hub $HUB_CLUSTER_ID to be running" "$TIMEOUT" hub_running
  log "turning the public API endpoint of hub $HUB_CLUSTER_ID $([ "$1" = true ] && echo on || echo off)"
  ali_retry "$NOT_YET" adcp UpdateHubClusterFeature --ClusterId "$HUB_CLUSTER_ID" --PublicApiServerEnabled "$1" >/dev/null \
    || fail "UpdateHubClusterFeature failed"
  wait_until "hub $HUB_CLUSTER_ID to report public endpoint $1" "$TIMEOUT" hub_is "$1"
}

create() {
  require HUB_PRIVATE
  case "$HUB_PRIVATE" in true | false) ;; *) fail "HUB_PRIVATE must be true or false, got '$HUB_PRIVATE'" ;; esac
  local enabled_here=false details
  if [ "$HUB_PRIVATE" = false ]; then
    details=$(hub_details) || fail "could not read hub $HUB_CLUSTER_ID"
    [ -n "$details" ] || fail "hub $HUB_CLUSTER_ID does not exist"
    if [ -n "$(jq -r '.Cluster.Endpoints.PublicApiServerEndpoint // empty' <<<"$details")" ]; then
      log "hub $HUB_CLUSTER_ID already has a public API endpoint"
      # A re-run keeps owning what an earlier run of this resource turned on.
      [ "$(previous_result PublicEndpointEnabledHere)" != true ] || enabled_here=true
    else
      set_public true
      enabled_here=true
    fi
  fi
  ali adcp DescribeHubClusterKubeconfig --ClusterId "$HUB_CLUSTER_ID" --PrivateIpAddress "$HUB_PRIVATE" \
    | jq -ce --argjson here "$enabled_here" \
      '{kubeconfig: (.Kubeconfig // error("no Kubeconfig in the answer")), PublicEndpointEnabledHere: $here}'
}

delete() {
  if [ "$(previous_result PublicEndpointEnabledHere)" != true ]; then log "nothing to remove"; return 0; fi
  if [ -z "$(hub_details)" ]; then log "hub $HUB_CLUSTER_ID already gone"; return 0; fi
  set_public false
}

dispatch "$@"
