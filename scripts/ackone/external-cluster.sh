#!/usr/bin/env bash
# A registered (external) cluster in ACK: how GKE joins ACK One. No Pulumi resource exists for it.
#   create: CreateCluster with cluster_type ExternalKubernetes, the VPC and vSwitch where ACK puts
#           the private endpoint the agent connects to over the VPN, its security group, and the
#           tag multicloud-mesh.owner=<project>/<stack> (ACK's API reference, CreateCluster request
#           syntax, `tags`; ACK One "register a cluster" samples). It looks first: the cluster this
#           resource recorded, or one of the same name carrying this stack's tag, is kept; a
#           same-named cluster without that tag is someone else's, and the script stops, naming
#           it and the fix, rather than adopt it (a name proves no ownership). A same-named
#           cluster still being deleted is waited out first.
#           Prints {"ClusterId": ...}.
#   delete: deletes the cluster only if it carries this stack's tag, and waits until ACK reports
#           it gone or `deleted`; any other cluster is left in place. A cluster still attached to
#           a fleet is refused for a while after the detach: retried, bounded.
# Environment, besides scripts/alibaba/lib.sh's:
#   EXTERNAL_NAME               name of the registered cluster (required)
#   EXTERNAL_OWNER              "<project>/<stack>": the owner tag's value (required on create;
#                               without it a delete removes nothing)
#   EXTERNAL_VPC_ID             VPC of the private endpoint (create)
#   EXTERNAL_VSWITCH_ID         vSwitch of the private endpoint (create)
#   EXTERNAL_SECURITY_GROUP_ID  security group of the endpoint; empty: ACK creates an enterprise
#                               security group (optional)
#   EXTERNAL_PUBLIC_ENDPOINT    true|false: also expose the endpoint on the internet (default false)
#   EXTERNAL_TIMEOUT            seconds to wait for a deletion (default 1800)
#   PULUMI_COMMAND_STDOUT       the previous result (set by Pulumi on update and delete)
SCRIPT_NAME=external-cluster
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require EXTERNAL_NAME
TIMEOUT="${EXTERNAL_TIMEOUT:-1800}"
# Refusals that last only until the cloud has caught up with a previous change.
NOT_YET='ErrorClusterInUse|OperationConflict'

# The tag that marks a registered cluster as this stack's. ACK tags: a key and a non-empty value
# of at most 128 characters, neither starting with aliyun or acs: (ACK API reference, TagResources).
OWNER_TAG=multicloud-mesh.owner

# registered: JSON of the registered cluster of that name (DescribeClustersV1, with its tags);
# empty when there is none.
registered() {
  ali cs DescribeClustersV1 --name "$EXTERNAL_NAME" --cluster_type ExternalKubernetes \
    | jq -c --arg n "$EXTERNAL_NAME" '[.clusters[]? | select(.name == $n and .cluster_type == "ExternalKubernetes" and .state != "deleted")]
                                      | first // empty'
}

# detail ID: DescribeClusterDetail's answer; empty once ACK no longer knows the cluster. Any other
# failure stops the script (ali_lookup).
detail() {
  ali_lookup cs DescribeClusterDetail --ClusterId "$1"
}

# owner_of JSON: the value of the owner tag on a cluster, empty when it has none.
owner_of() {
  jq -r --arg k "$OWNER_TAG" '[.tags[]? | select(.key == $k) | .value] | first // empty' <<<"$1"
}

# is_deleted ID: polled while waiting; fails the script when ACK reports the deletion failed.
is_deleted() {
  local answer state=gone
  answer=$(detail "$1")
  [ -z "$answer" ] || state=$(jq -r '.state // empty' <<<"$answer")
  case "$state" in
    gone | deleted) return 0 ;;
    delete_failed | failed) fail "ACK reports registered cluster $1 as $state" ;;
    *) log "registered cluster $1 is $state"; return 1 ;;
  esac
}

# not_ours ID OWNER: stops, naming the cluster, whom it belongs to and what to do.
not_ours() {
  local tag_body
  tag_body=$(jq -nc --arg id "$1" --arg r "$ALIBABA_CLOUD_REGION_ID" --arg k "$OWNER_TAG" --arg v "$EXTERNAL_OWNER" \
    '{resource_ids: [$id], resource_type: "CLUSTER", region_id: $r, tags: [{key: $k, value: $v}]}')
  fail "registered cluster $EXTERNAL_NAME ($1) exists and carries no tag $OWNER_TAG=$EXTERNAL_OWNER${2:+ (it carries $OWNER_TAG=$2)}:" \
    "this stack did not create it and neither adopts nor deletes it. Set ackOne.registeredClusterName to a free name," \
    "or delete that cluster. If this stack did create it (a stack from before registered clusters were tagged)," \
    "tag it and run again: aliyun cs TagResources --region $ALIBABA_CLOUD_REGION_ID --body '$tag_body'"
}

create_body() {
  jq -nc --arg n "$EXTERNAL_NAME" --arg r "$ALIBABA_CLOUD_REGION_ID" --arg v "$EXTERNAL_VPC_ID" \
    --arg vsw "$EXTERNAL_VSWITCH_ID" --arg sg "${EXTERNAL_SECURITY_GROUP_ID:-}" \
    --argjson public "${EXTERNAL_PUBLIC_ENDPOINT:-false}" --arg tk "$OWNER_TAG" --arg tv "$EXTERNAL_OWNER" \
    '{name: $n, cluster_type: "ExternalKubernetes", region_id: $r, vpcid: $v, vswitch_ids: [$vsw],
      endpoint_public_access: $public, tags: [{key: $tk, value: $tv}]}
     + (if $sg == "" then {is_enterprise_security_group: true} else {security_group_id: $sg} end)'
}

# kept ID: prints the result for a cluster this stack owns and ends the script.
kept() {
  log "external cluster $EXTERNAL_NAME exists as $1"
  jq -nc --arg id "$1" '{ClusterId: $id}'
  exit 0
}

create() {
  require EXTERNAL_VPC_ID EXTERNAL_VSWITCH_ID EXTERNAL_OWNER
  case "${EXTERNAL_PUBLIC_ENDPOINT:-false}" in true | false) ;; *) fail "EXTERNAL_PUBLIC_ENDPOINT must be true or false, got '${EXTERNAL_PUBLIC_ENDPOINT}'" ;; esac
  if [ "${#EXTERNAL_OWNER}" -gt 128 ] || [[ "$EXTERNAL_OWNER" == aliyun* || "$EXTERNAL_OWNER" == acs:* ]]; then
    fail "EXTERNAL_OWNER '$EXTERNAL_OWNER' cannot be an ACK tag value (at most 128 characters, not starting with aliyun or acs:): rename the project or stack"
  fi
  local previous answer found id state owner
  previous=$(previous_result ClusterId)
  if [ -n "$previous" ]; then
    answer=$(detail "$previous")
    state=$(jq -r '.state // empty' <<<"${answer:-{\}}")
    if [ -n "$answer" ] && [ "$state" != deleting ] && [ "$state" != deleted ]; then
      owner=$(owner_of "$answer")
      [ "$owner" = "$EXTERNAL_OWNER" ] || not_ours "$previous" "$owner"
      kept "$previous"
    fi
  fi
  found=$(registered)
  if [ -n "$found" ]; then
    id=$(jq -r .cluster_id <<<"$found")
    if [ "$(jq -r .state <<<"$found")" = deleting ]; then
      log "registered cluster $EXTERNAL_NAME ($id) is still being deleted: waiting"
      wait_until "the deletion of $id" "$TIMEOUT" is_deleted "$id"
    else
      owner=$(owner_of "$found")
      [ "$owner" = "$EXTERNAL_OWNER" ] || not_ours "$id" "$owner"
      kept "$id"
    fi
  fi
  log "registering external cluster $EXTERNAL_NAME"
  id=$(ali cs CreateCluster --body "$(create_body)" | jq -r '.cluster_id // empty')
  [ -n "$id" ] || fail "CreateCluster returned no cluster_id"
  jq -nc --arg id "$id" '{ClusterId: $id}'
}

delete() {
  local found id answer state owner
  id=$(previous_result ClusterId)
  if [ -z "$id" ]; then
    found=$(registered)
    [ -z "$found" ] || id=$(jq -r .cluster_id <<<"$found")
  fi
  if [ -z "$id" ]; then log "external cluster $EXTERNAL_NAME already gone"; return 0; fi
  answer=$(detail "$id")
  state=$(jq -r '.state // empty' <<<"${answer:-{\}}")
  case "${answer:+$state}" in
    "" | deleted) log "external cluster $EXTERNAL_NAME ($id) already gone"; return 0 ;;
  esac
  owner=$(owner_of "$answer")
  if [ -z "${EXTERNAL_OWNER:-}" ] || [ "$owner" != "$EXTERNAL_OWNER" ]; then
    log "registered cluster $EXTERNAL_NAME ($id) does not carry $OWNER_TAG=${EXTERNAL_OWNER:-<this stack>}${owner:+ (it carries $owner)}:" \
      "this stack did not create it, so it is left in place; delete it yourself if it is yours"
    return 0
  fi
  if [ "$state" = deleting ]; then
    log "external cluster $EXTERNAL_NAME ($id) is already being deleted"
  else
    log "deleting external cluster $EXTERNAL_NAME ($id)"
    if ! ali_retry "$NOT_YET" cs DeleteCluster --ClusterId "$id" >/dev/null; then
      last_error_is_not_found || return 1
    fi
  fi
  wait_until "the deletion of registered cluster $id" "$TIMEOUT" is_deleted "$id"
  log "external cluster $EXTERNAL_NAME ($id) deleted"
}

dispatch "$@"
