#!/usr/bin/env bash
# The ACK One hub's kubeconfig (no Pulumi data source exists for it).
#   create: HUB_PRIVATE=true: the kubeconfig of the hub's VPC endpoint. HUB_PRIVATE=false: the
#           public one; a hub has no public API endpoint until one is turned on, so when the hub
#           reports none, this turns it on (adcp UpdateHubClusterFeature PublicApiServerEnabled,
#           which ACK accepts only while the hub is running; without ApiServerEipId the system
#           creates an EIP for it), waits until DescribeHubClusterDetails reports the public
#           endpoint and the hub running again, records the EIP the hub reports
#           (Cluster.ApiServer.ApiServerEipId), then asks for the kubeconfig
#           (DescribeHubClusterKubeconfig PrivateIpAddress=false).
#           Prints {"kubeconfig": ..., "PublicEndpointEnabledHere": true|false, "ApiServerEipId": ...};
#           the caller keeps stdout secret and unlogged.
#   delete: only if this resource turned the public endpoint on: turns it off and waits until the
#           hub is running again without it (the hub's own deletion is refused while it updates),
#           then releases the EIP by the id recorded at create. Turning the endpoint off only
#           disassociates the EIP (adcp/UpdateHubClusterFeature.json), and a disassociated EIP is no
#           longer the hub's to release when the hub is deleted: left alone it stays and bills. A
#           hub that is already gone is done, the EIP it may have left is still released.
# Environment, besides scripts/alibaba/lib.sh's:
#   HUB_CLUSTER_ID         the hub (required)
#   HUB_PRIVATE            true|false (required on create)
#   HUB_TIMEOUT            seconds to wait for the hub or the EIP (default 1200)
#   PULUMI_COMMAND_STDOUT  the previous result (set by Pulumi on update and delete; secret)
SCRIPT_NAME=hub-kubeconfig
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require HUB_CLUSTER_ID
TIMEOUT="${HUB_TIMEOUT:-1200}"
# UpdateHubClusterFeature is refused while the hub is changing state.
NOT_YET='IncorrectClusterState|Cluster\.StateInvalid'
# ReleaseEipAddress is refused while the EIP is still changing (terraform-provider-alicloud
# alicloud/resource_alicloud_eip_address.go, resourceAliCloudEipAddressDelete's retried codes).
EIP_NOT_YET='IncorrectEipStatus|OperationConflict|LastTokenProcessing|IncorrectStatus|SystemBusy|TaskConflict\..*'

# hub_details: DescribeHubClusterDetails's answer; empty when the hub does not exist. Any other
# failure stops the script (ali_lookup): it never reads as a hub that is gone.
hub_details() {
  ali_lookup adcp DescribeHubClusterDetails --ClusterId "$HUB_CLUSTER_ID"
}

public_endpoint() { jq -r '.Cluster.Endpoints.PublicApiServerEndpoint // empty' <<<"$1"; }
reported_eip() { jq -r '.Cluster.ApiServer.ApiServerEipId // empty' <<<"$1"; }

# hub_is WANT_PUBLIC: the hub is running and reports a public endpoint (true) or none (false).
hub_is() {
  local details state public=false
  details=$(hub_details)
  [ -n "$details" ] || fail "hub $HUB_CLUSTER_ID does not exist"
  state=$(jq -r '.Cluster.ClusterInfo.State // "unknown"' <<<"$details")
  [ -z "$(public_endpoint "$details")" ] || public=true
  case "$state" in failed | deleting | deleted) fail "hub $HUB_CLUSTER_ID is $state" ;; esac
  log "hub $HUB_CLUSTER_ID is $state, public endpoint: $public"
  [ "$state" = running ] && [ "$public" = "$1" ]
}

hub_running() {
  local details state=gone
  details=$(hub_details)
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

# eip_state ID: "<Status> <InstanceId>" of the EIP (vpc DescribeEipAddresses), or "gone" when
# the region lists no EIP of that id (an unknown id is an empty list, not an error:
# terraform-provider-alicloud alicloud/service_alicloud_eip_v2.go, DescribeEipAddress).
eip_state() {
  local answer
  answer=$(ali_lookup vpc DescribeEipAddresses --RegionId "$ALIBABA_CLOUD_REGION_ID" --AllocationId "$1")
  jq -r --arg id "$1" '[.EipAddresses.EipAddress[]? | select(.AllocationId == $id)] | first
                       | if . == null then "gone" else "\(.Status) \(.InstanceId // "")" end' <<<"${answer:-{\}}"
}

EIP_STATE=""
# eip_settled ID HUB_LB: the EIP is gone, Available, or in use by something other than the hub's
# API server (HUB_LB, the load balancer the hub reported; empty once the hub is gone).
eip_settled() {
  EIP_STATE=$(eip_state "$1")
  case "$EIP_STATE" in
    gone | "Available "*) return 0 ;;
    "InUse "*) [ -z "$2" ] || [ "${EIP_STATE#InUse }" != "$2" ] ;;
    *) log "EIP $1 is $EIP_STATE"; return 1 ;;
  esac
}

eip_gone() { [ "$(eip_state "$1")" = gone ]; }

# release_eip ID HUB_LB: releases the EIP this resource had the hub create, once nothing uses it.
release_eip() {
  wait_until "EIP $1 to be free of hub $HUB_CLUSTER_ID" "$TIMEOUT" eip_settled "$1" "$2"
  case "$EIP_STATE" in
    gone) log "EIP $1 already released"; return 0 ;;
    "InUse "*)
      log "EIP $1 is in use by ${EIP_STATE#InUse } since the hub let go of it: left in place"
      return 0
      ;;
  esac
  log "releasing EIP $1, which the hub's public endpoint used"
  if ! ali_retry "$EIP_NOT_YET" vpc ReleaseEipAddress --RegionId "$ALIBABA_CLOUD_REGION_ID" --AllocationId "$1" >/dev/null; then
    last_error_is_not_found || fail "could not release EIP $1"
  fi
  wait_until "EIP $1 to be released" "$TIMEOUT" eip_gone "$1"
  log "EIP $1 released"
}

create() {
  require HUB_PRIVATE
  case "$HUB_PRIVATE" in true | false) ;; *) fail "HUB_PRIVATE must be true or false, got '$HUB_PRIVATE'" ;; esac
  local enabled_here=false details eip_id="" previous_eip
  previous_eip=$(previous_result ApiServerEipId)
  if [ "$HUB_PRIVATE" = false ]; then
    details=$(hub_details)
    [ -n "$details" ] || fail "hub $HUB_CLUSTER_ID does not exist"
    if [ -n "$(public_endpoint "$details")" ]; then
      log "hub $HUB_CLUSTER_ID already has a public API endpoint"
      # A re-run keeps owning what an earlier run of this resource turned on.
      if [ "$(previous_result PublicEndpointEnabledHere)" = true ]; then
        enabled_here=true
        eip_id=${previous_eip:-$(reported_eip "$details")}
      fi
    else
      set_public true
      enabled_here=true
      eip_id=$(reported_eip "$(hub_details)")
      [ -n "$eip_id" ] || log "WARNING: hub $HUB_CLUSTER_ID reports no ApiServerEipId; its EIP cannot be released on delete"
      # An earlier run's EIP that someone turned off in between is still this resource's to release.
      if [ -n "$previous_eip" ] && [ "$previous_eip" != "$eip_id" ]; then release_eip "$previous_eip" ""; fi
    fi
  fi
  ali adcp DescribeHubClusterKubeconfig --ClusterId "$HUB_CLUSTER_ID" --PrivateIpAddress "$HUB_PRIVATE" \
    | jq -ce --argjson here "$enabled_here" --arg eip "$eip_id" \
      '{kubeconfig: (.Kubeconfig // error("no Kubeconfig in the answer")), PublicEndpointEnabledHere: $here}
       + (if $eip == "" then {} else {ApiServerEipId: $eip} end)'
}

delete() {
  if [ "$(previous_result PublicEndpointEnabledHere)" != true ]; then log "nothing to remove"; return 0; fi
  local details eip_id hub_lb=""
  eip_id=$(previous_result ApiServerEipId)
  details=$(hub_details)
  if [ -z "$details" ]; then
    log "hub $HUB_CLUSTER_ID already gone"
  else
    hub_lb=$(jq -r '.Cluster.ApiServer.LoadBalancerId // empty' <<<"$details")
    # A result from before EIP ids were recorded: the hub still names the EIP it uses.
    [ -n "$eip_id" ] || eip_id=$(reported_eip "$details")
    if [ -n "$(public_endpoint "$details")" ]; then
      set_public false
    else
      log "the public API endpoint of hub $HUB_CLUSTER_ID is already off"
    fi
  fi
  if [ -z "$eip_id" ]; then
    log "no EIP recorded for the public endpoint: nothing to release"
    return 0
  fi
  release_eip "$eip_id" "$hub_lb"
}

dispatch "$@"
