#!/usr/bin/env bash
# A guard between what an ACK One hub distributes and the member clusters' attachments. Deleting
# the hub's objects (the policies and templates, the MultiClusterService) only starts the removal
# of their copies in the members, and the hub can remove them only while the members are
# attached. Placed after the attachments and before the hub's objects, this resource's delete
# runs after the hub's objects are deleted and before any member is detached.
#   create: nothing to create. Prints {"Members": "<cluster ids>"}.
#   delete: waits until no member cluster holds any of MEMBER_OBJECTS (nor, where the hub handed
#           it, the namespace itself: the hub's namespace is its template, and deleting a template
#           deletes what was applied from it in the members, karmada-io/karmada
#           docs/proposals/orphan-deletion/README.md), re-reading each member
#           through the hub's cluster-gateway proxy every poll (GET
#           /apis/cluster.core.oam.dev/v1alpha1/clustergateways/<cluster>/proxy/<API path>,
#           oam-dev/cluster-gateway README). Not found there means gone; any other error fails the
#           script. A member the hub has no cluster gateway for (already detached) holds nothing
#           the hub can remove. On timeout fails, naming what each member still holds.
# Environment:
#   KUBECONFIG_DATA     the hub's kubeconfig (secret, required on delete)
#   MEMBER_CLUSTER_IDS  the member clusters' ids, space-separated (required)
#   MEMBER_NAMESPACE    namespace of the distributed objects (required on delete)
#   MEMBER_OBJECTS      the distributed objects, space-separated "<apiVersion>/<plural>/<name>",
#                       e.g. "apps/v1/deployments/web-demo v1/services/service1" (required on delete)
#   MEMBER_NAMESPACE_CLUSTERS  the members the hub hands MEMBER_NAMESPACE itself to (a
#                       ClusterPropagationPolicy), space-separated: there the guard also waits until
#                       the namespace is gone (optional)
#   MEMBER_TIMEOUT      seconds to wait (default 900)
SCRIPT_NAME=member-objects
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
require MEMBER_CLUSTER_IDS
GATEWAYS=/apis/cluster.core.oam.dev/v1alpha1/clustergateways

kube() { kubectl --kubeconfig "$KUBECONFIG_FILE" "$@"; }

# api_path OBJECT: the member API's path of "<apiVersion>/<plural>/<name>": in MEMBER_NAMESPACE,
# but for a namespace itself, which is cluster-scoped (/api/v1/namespaces/<name>).
api_path() {
  local name=${1##*/} rest=${1%/*}
  local plural=${rest##*/} version=${rest%/*} scope="namespaces/$MEMBER_NAMESPACE/"
  [ "$version/$plural" != v1/namespaces ] || scope=""
  case "$version" in
    */*) printf '/apis/%s/%s%s/%s' "$version" "$scope" "$plural" "$name" ;;
    *) printf '/api/%s/%s%s/%s' "$version" "$scope" "$plural" "$name" ;;
  esac
}

# objects_of CLUSTER: what the hub handed CLUSTER: MEMBER_OBJECTS, and the namespace itself where
# a ClusterPropagationPolicy handed it (MEMBER_NAMESPACE_CLUSTERS).
objects_of() {
  local objects=$MEMBER_OBJECTS
  if [[ " ${MEMBER_NAMESPACE_CLUSTERS:-} " == *" $1 "* ]]; then objects="$objects v1/namespaces/$MEMBER_NAMESPACE"; fi
  printf '%s' "$objects"
}

# found PATH: GETs PATH from the hub; true when it is there, false when not found; fails otherwise.
found() {
  if kube get --raw "$1" >/dev/null 2>"$WORK_DIR/kube.err"; then return 0; fi
  if grep -q 'NotFound' "$WORK_DIR/kube.err"; then return 1; fi
  cat "$WORK_DIR/kube.err" >&2
  fail "could not read $1 through the hub"
}

HELD=""
# left_members: no member the hub reaches still holds any of the objects (re-read each call).
left_members() {
  local cluster object held
  HELD=""
  for cluster in $MEMBER_CLUSTER_IDS; do
    held=""
    for object in $(objects_of "$cluster"); do
      if found "$GATEWAYS/$cluster/proxy$(api_path "$object")"; then held="$held $object"; fi
    done
    if [ -n "$held" ]; then
      log "member $cluster still holds$held"
      HELD="${HELD:+$HELD; }$cluster:$held"
    fi
  done
  [ -z "$HELD" ]
}

create() {
  jq -nc --arg ids "$MEMBER_CLUSTER_IDS" '{Members: $ids}'
}

delete() {
  require KUBECONFIG_DATA MEMBER_NAMESPACE MEMBER_OBJECTS
  KUBECONFIG_FILE=$(kubeconfig_file)
  local cluster reachable=""
  for cluster in $MEMBER_CLUSTER_IDS; do
    if found "$GATEWAYS/$cluster"; then
      reachable="$reachable $cluster"
    else
      log "the hub has no cluster gateway to member $cluster (detached already): nothing of the hub's to wait for there"
    fi
  done
  MEMBER_CLUSTER_IDS=$reachable
  if ! poll_until "the hub's objects to leave the members" "${MEMBER_TIMEOUT:-900}" left_members; then
    fail "member clusters still hold what the hub distributed: $HELD"
  fi
  log "no member holds ${MEMBER_OBJECTS// /, }${MEMBER_NAMESPACE_CLUSTERS:+ or the namespace $MEMBER_NAMESPACE} any more"
}

dispatch "$@"
