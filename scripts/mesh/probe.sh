#!/usr/bin/env bash
# Proves cross-cluster traffic: from the sleep pod of every cluster,
#   1. calls helloworld PROBE_REQUESTS times and counts which version answered: every cluster
#      must be answered by every version in PROBE_VERSIONS (v1 lives in one cluster, v2 in the
#      other, so a cluster answered only by its own version has no cross-cluster traffic);
#   2. reads the sidecar's endpoints for helloworld (`istioctl proxy-config endpoints <pod>
#      --cluster "outbound|5000||helloworld.<ns>.svc.cluster.local" -o json`): each other
#      cluster must appear as its east-west gateway on 15443, and no endpoint may be a pod IP of
#      another cluster (the multi-network failure where sidecars route to unreachable pod IPs).
#   create: prints the result below; exits non-zero when either check is false, saying which
#           cluster failed and what to check.
#   delete: nothing to remove.
#
# Environment:
#   PROBE_KUBECONFIGS  (secret) JSON {"<cluster>": "<kubeconfig>", ...}.
#   PROBE_GATEWAYS     JSON {"<cluster>": "<east-west gateway address>", ...}, every cluster.
#   MESH_REVISION      the mesh revision (selects the istioctl of its release).
#   PROBE_NAMESPACE    namespace of helloworld and sleep.
#   PROBE_REQUESTS     calls per cluster.
#   PROBE_VERSIONS     (optional) versions that must answer. @default "v1 v2"
#   MESH_ISTIOCTL, MESH_TOOLS_CACHE, ASM_RELEASE_URL: lib.sh.
# Prints: {"answers": {"<cluster>": {"v1": n, "v2": m}}, "allVersionsEverywhere": bool,
#          "remoteViaGateway": bool, "endpoints": {"<cluster>": {"viaGateway": [...],
#          "missingGateways": [...], "remotePodIps": [...]}}}
SCRIPT_NAME=probe
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=scripts/mesh/lib.sh
. "$(dirname "$0")/lib.sh"

GATEWAY_PORT=15443
SERVICE_PORT=5000

# answers CLUSTER: {"v1": n, "v2": m} for PROBE_REQUESTS calls from the sleep pod.
answers() {
  local file="$WORK_DIR/$1.answers" versions wanted
  read -r -a wanted <<<"${PROBE_VERSIONS:-v1 v2}"
  : >"$file"
  for _ in $(seq "$PROBE_REQUESTS"); do
    kubectl -n "$PROBE_NAMESPACE" exec deploy/sleep -c sleep -- \
      curl -sS --max-time 5 "helloworld.$PROBE_NAMESPACE:$SERVICE_PORT/hello" >>"$file" 2>&1 || true
  done
  versions=$(jq -cn '$ARGS.positional' --args "${wanted[@]}")
  jq -c --rawfile a "$file" 'map(. as $v | {($v): ($a | [scan("version: " + $v + "\\b")] | length)}) | add' <<<"$versions"
}

# endpoints CLUSTER: the sidecar's endpoints for helloworld, judged against the gateways.
endpoints() {
  local cluster=$1 pod istioctl local_ips seen
  pod=$(kubectl -n "$PROBE_NAMESPACE" get pods -l app=sleep -o json | jq -r '.items[0].metadata.name // ""')
  [ -n "$pod" ] || fail "no sleep pod in namespace $PROBE_NAMESPACE of cluster $cluster"
  local_ips=$(kubectl -n "$PROBE_NAMESPACE" get pods -l app=helloworld -o json | jq -c '[.items[].status.podIP // empty]')
  istioctl=$(istioctl_for_revision "$MESH_REVISION")
  # -o json prints a list of Envoy ClusterStatus objects, only the --cluster one (istio
  # release-1.29..1.31 istioctl/pkg/writer/envoy/clusters/clusters.go PrintEndpoints, camelCase
  # protojson); a remote network's endpoint is its gateway's socket address on 15443
  # (pilot/pkg/xds/endpoints/ep_filters.go). Hosts without a socket address are skipped.
  seen=$("$istioctl" proxy-config endpoints "$pod.$PROBE_NAMESPACE" \
    --cluster "outbound|$SERVICE_PORT||helloworld.$PROBE_NAMESPACE.svc.cluster.local" -o json |
    jq -c '[.[].hostStatuses[]?.address.socketAddress // empty | "\(.address):\(.portValue)"]')
  jq -cn --arg c "$cluster" --argjson seen "$seen" --argjson local "$local_ips" --argjson gws "$PROBE_GATEWAYS" \
    --arg gp "$GATEWAY_PORT" --arg sp "$SERVICE_PORT" '
    ($gws | to_entries | map(select(.key != $c)) | map("\(.value):\($gp)")) as $remote
    | ($local | map("\(.):\($sp)")) as $own
    | {viaGateway: [$seen[] | select(. as $e | $remote | index($e))],
       missingGateways: [$remote[] | select(. as $g | $seen | index($g) | not)],
       remotePodIps: [$seen[] | select(. as $e | ($remote + $own) | index($e) | not)]}'
}

create() {
  require PROBE_KUBECONFIGS PROBE_GATEWAYS MESH_REVISION PROBE_NAMESPACE PROBE_REQUESTS
  local answered='{}' seen='{}' cluster CLUSTER_KUBECONFIG
  while IFS= read -r cluster; do
    jq -e --arg c "$cluster" 'has($c) and (.[$c] | length > 0)' <<<"$PROBE_GATEWAYS" >/dev/null ||
      fail "PROBE_GATEWAYS has no east-west gateway address for cluster $cluster"
    # shellcheck disable=SC2034 # read by name by secret_file
    CLUSTER_KUBECONFIG=$(jq -r --arg c "$cluster" '.[$c]' <<<"$PROBE_KUBECONFIGS")
    KUBECONFIG=$(secret_file CLUSTER_KUBECONFIG "$cluster.kubeconfig")
    export KUBECONFIG
    kubectl -n "$PROBE_NAMESPACE" rollout status deployment/sleep --timeout=300s >&2
    answered=$(jq -c --arg c "$cluster" --argjson a "$(answers "$cluster")" '. + {($c): $a}' <<<"$answered")
    seen=$(jq -c --arg c "$cluster" --argjson e "$(endpoints "$cluster")" '. + {($c): $e}' <<<"$seen")
  done < <(jq -r 'keys[]' <<<"$PROBE_KUBECONFIGS")

  local result
  result=$(jq -cn --argjson a "$answered" --argjson e "$seen" '{
    answers: $a,
    allVersionsEverywhere: ($a | to_entries | all(.value | to_entries | all(.value > 0))),
    remoteViaGateway: ($e | to_entries | all((.value.missingGateways | length) == 0 and (.value.remotePodIps | length) == 0)),
    endpoints: $e}')
  printf '%s\n' "$result"
  jq -r '
    (.answers | to_entries[] | .key as $c | .value | to_entries[] | select(.value == 0)
      | "cluster \($c) got no answer from helloworld \(.key): check the remote secrets (istioctl remote-clusters shows synced), the east-west gateways and the VPN between the clusters"),
    (.endpoints | to_entries[] | .key as $c | .value
      | (if (.remotePodIps | length) > 0 then "the sidecar in cluster \($c) routes helloworld to pod IPs \(.remotePodIps | join(", ")) instead of the other cluster'"'"'s east-west gateway: check that each istio-system namespace is labelled topology.istio.io/network with its own network, that the gateways carry the same network, and the cross-network-gateway Gateway on 15443" else empty end),
        (if (.missingGateways | length) > 0 then "the sidecar in cluster \($c) has no endpoint \(.missingGateways | join(", ")): check the remote secret of the other cluster and that its east-west gateway Service has that address" else empty end))
  ' <<<"$result" >"$WORK_DIR/problems"
  if [ -s "$WORK_DIR/problems" ]; then
    while IFS= read -r problem; do log "$problem"; done <"$WORK_DIR/problems"
    fail "cross-cluster traffic is not proven: allVersionsEverywhere=$(jq -r .allVersionsEverywhere <<<"$result") remoteViaGateway=$(jq -r .remoteViaGateway <<<"$result")"
  fi
}

delete() { log "nothing to remove"; }

dispatch "$@"
