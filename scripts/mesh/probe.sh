#!/usr/bin/env bash
# Calls helloworld from the sleep pod of every cluster and counts which version answered.
#   create: prints {"<cluster>": {"v1": n, "v2": m}, ...}; fails when no call succeeded.
#   delete: nothing to remove.
# Inputs: PROBE_KUBECONFIGS (secret JSON {cluster: kubeconfig}), PROBE_NAMESPACE, PROBE_REQUESTS.
SCRIPT_NAME=probe
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

create() {
  require PROBE_KUBECONFIGS PROBE_NAMESPACE PROBE_REQUESTS
  local result='{}' cluster file answers
  while IFS= read -r cluster; do
    file="$WORK_DIR/$cluster.kubeconfig"
    jq -r --arg c "$cluster" '.[$c]' <<<"$PROBE_KUBECONFIGS" >"$file"
    kubectl --kubeconfig "$file" -n "$PROBE_NAMESPACE" rollout status deployment/sleep --timeout=300s >&2
    answers="$WORK_DIR/$cluster.answers"
    : >"$answers"
    for _ in $(seq "$PROBE_REQUESTS"); do
      kubectl --kubeconfig "$file" -n "$PROBE_NAMESPACE" exec deploy/sleep -c sleep -- \
        curl -sS --max-time 5 "helloworld.$PROBE_NAMESPACE:5000/hello" >>"$answers" 2>&1 || true
    done
    result=$(jq -c --arg c "$cluster" --rawfile a "$answers" \
      '. + {($c): {v1: ($a | [scan("version: v1")] | length), v2: ($a | [scan("version: v2")] | length)}}' <<<"$result")
  done < <(jq -r 'keys[]' <<<"$PROBE_KUBECONFIGS")
  log "answers: $result"
  jq -e 'to_entries | all(.value.v1 + .value.v2 > 0)' <<<"$result" >/dev/null || fail "a cluster got no answer: $result"
  printf '%s\n' "$result"
}

delete() { log "nothing to remove"; }

dispatch "$@"
