#!/usr/bin/env bash
# A registered (external) cluster in ACK: how GKE joins ACK One. No Pulumi resource exists for it.
#   create: looks the name up first and creates it only when missing (cluster_type
#           ExternalKubernetes, in the VPC the agent reaches over the VPN).
#           Prints {"ClusterId": ...}.
#   delete: deletes it; not-found is done.
# Inputs: EXTERNAL_NAME, EXTERNAL_VPC_ID, plus the credentials of scripts/alibaba/lib.sh.
SCRIPT_NAME=external-cluster
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require EXTERNAL_NAME

cluster_id() {
  ali cs DescribeClustersV1 --name "$EXTERNAL_NAME" --cluster_type ExternalKubernetes \
    | jq -r --arg n "$EXTERNAL_NAME" '[.clusters[]? | select(.name == $n and .cluster_type == "ExternalKubernetes")] | first | .cluster_id // empty'
}

create() {
  require EXTERNAL_VPC_ID
  local id
  id=$(cluster_id)
  if [ -z "$id" ]; then
    log "registering external cluster $EXTERNAL_NAME"
    local body
    body=$(jq -nc --arg n "$EXTERNAL_NAME" --arg r "$ALIBABA_CLOUD_REGION_ID" --arg v "$EXTERNAL_VPC_ID" \
      '{name: $n, cluster_type: "ExternalKubernetes", region_id: $r, vpcid: $v}')
    id=$(ali cs CreateCluster --body "$body" | jq -r '.cluster_id // empty')
    [ -n "$id" ] || fail "CreateCluster returned no cluster_id"
  else
    log "external cluster $EXTERNAL_NAME exists as $id"
  fi
  jq -nc --arg id "$id" '{ClusterId: $id}'
}

delete() {
  local id
  id=$(cluster_id)
  if [ -z "$id" ]; then log "external cluster $EXTERNAL_NAME already gone"; return 0; fi
  log "deleting external cluster $EXTERNAL_NAME ($id)"
  ali_delete cs DeleteCluster --ClusterId "$id"
}

dispatch "$@"
