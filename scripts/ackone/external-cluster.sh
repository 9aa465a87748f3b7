#!/usr/bin/env bash
# A registered (external) cluster in ACK: how GKE joins ACK One. No Pulumi resource exists for it.
#   create: looks the name up first and creates it only when missing: CreateCluster with
#           cluster_type ExternalKubernetes, the VPC and vSwitch where ACK puts the private
#           endpoint the agent connects to over the VPN, and its security group (ACK's API
#           reference, CreateCluster request syntax; ACK One "register a cluster" samples).
#           A same-named cluster still being deleted is waited out first.
#           Prints {"ClusterId": ...}.
#   delete: deletes it and waits until ACK reports it gone or `deleted`. A cluster still
#           attached to a fleet is refused for a while after the detach: retried, bounded.
# Environment, besides scripts/alibaba/lib.sh's:
#   EXTERNAL_NAME               name of the registered cluster (required)
#   EXTERNAL_VPC_ID             VPC of the private endpoint (create)
#   EXTERNAL_VSWITCH_ID         vSwitch of the private endpoint (create)
#   EXTERNAL_SECURITY_GROUP_ID  security group of the endpoint; empty: ACK creates an enterprise
#                               security group (optional)
#   EXTERNAL_PUBLIC_ENDPOINT    true|false: also expose the endpoint on the internet (default false)
#   EXTERNAL_TIMEOUT            seconds to wait for a deletion (default 1800)
#   PULUMI_COMMAND_STDOUT       the previous result (set by Pulumi on delete)
SCRIPT_NAME=external-cluster
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require EXTERNAL_NAME
TIMEOUT="${EXTERNAL_TIMEOUT:-1800}"
# Refusals that last only until the cloud has caught up with a previous change.
NOT_YET='ErrorClusterInUse|Throttling(\..*)?|ServiceUnavailable|OperationConflict'

# registered: "<id> <state>" of the registered cluster of that name; empty when there is none.
registered() {
  ali cs DescribeClustersV1 --name "$EXTERNAL_NAME" --cluster_type ExternalKubernetes \
    | jq -r --arg n "$EXTERNAL_NAME" '[.clusters[]? | select(.name == $n and .cluster_type == "ExternalKubernetes" and .state != "deleted")]
                                      | first | if . == null then empty else "\(.cluster_id) \(.state)" end'
}

# cluster_state ID: the state ACK reports now; `gone` once it no longer knows the cluster.
cluster_state() {
  local detail
  detail=$(ali_lookup cs DescribeClusterDetail --ClusterId "$1") || return 1
  if [ -z "$detail" ]; then echo gone; else jq -r '.state // empty' <<<"$detail"; fi
}

# is_deleted ID: polled while waiting; fails the script when ACK reports the deletion failed.
is_deleted() {
  local state
  state=$(cluster_state "$1") || fail "could not read registered cluster $1"
  case "$state" in
    gone | deleted) return 0 ;;
    delete_failed | failed) fail "ACK reports registered cluster $1 as $state" ;;
    *) log "registered cluster $1 is $state"; return 1 ;;
  esac
}

create_body() {
  jq -nc --arg n "$EXTERNAL_NAME" --arg r "$ALIBABA_CLOUD_REGION_ID" --arg v "$EXTERNAL_VPC_ID" \
    --arg vsw "$EXTERNAL_VSWITCH_ID" --arg sg "${EXTERNAL_SECURITY_GROUP_ID:-}" \
    --argjson public "${EXTERNAL_PUBLIC_ENDPOINT:-false}" \
    '{name: $n, cluster_type: "ExternalKubernetes", region_id: $r, vpcid: $v, vswitch_ids: [$vsw],
      endpoint_public_access: $public}
     + (if $sg == "" then {is_enterprise_security_group: true} else {security_group_id: $sg} end)'
}

create() {
  require EXTERNAL_VPC_ID EXTERNAL_VSWITCH_ID
  case "${EXTERNAL_PUBLIC_ENDPOINT:-false}" in true | false) ;; *) fail "EXTERNAL_PUBLIC_ENDPOINT must be true or false, got '${EXTERNAL_PUBLIC_ENDPOINT}'" ;; esac
  local found id
  found=$(registered)
  id=${found%% *}
  if [ -n "$id" ] && [ "${found#* }" = deleting ]; then
    log "registered cluster $EXTERNAL_NAME ($id) is still being deleted: waiting"
    wait_until "the deletion of $id" "$TIMEOUT" is_deleted "$id"
    id=""
  fi
  if [ -z "$id" ]; then
    log "registering external cluster $EXTERNAL_NAME"
    id=$(ali cs CreateCluster --body "$(create_body)" | jq -r '.cluster_id // empty')
    [ -n "$id" ] || fail "CreateCluster returned no cluster_id"
  else
    log "external cluster $EXTERNAL_NAME exists as $id"
  fi
  jq -nc --arg id "$id" '{ClusterId: $id}'
}

delete() {
  local found id state
  id=$(previous_result ClusterId)
  if [ -z "$id" ]; then
    found=$(registered)
    id=${found%% *}
  fi
  if [ -z "$id" ]; then log "external cluster $EXTERNAL_NAME already gone"; return 0; fi
  state=$(cluster_state "$id") || fail "could not read registered cluster $id"
  case "$state" in
    gone | deleted) log "external cluster $EXTERNAL_NAME ($id) already gone"; return 0 ;;
    deleting) log "external cluster $EXTERNAL_NAME ($id) is already being deleted" ;;
    *)
      log "deleting external cluster $EXTERNAL_NAME ($id)"
      if ! ali_retry "$NOT_YET" cs DeleteCluster --ClusterId "$id" >/dev/null; then
        last_error_is_not_found || return 1
      fi
      ;;
  esac
  wait_until "the deletion of registered cluster $id" "$TIMEOUT" is_deleted "$id"
  log "external cluster $EXTERNAL_NAME ($id) deleted"
}

dispatch "$@"
