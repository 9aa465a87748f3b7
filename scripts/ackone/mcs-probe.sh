#!/usr/bin/env bash
# Seed 001's check: the consumer in GKE calls amcs-<service>, which the ServiceImport created
# and which routes over the VPN to the provider pods in ASK.
#   create: prints {"url": ..., "answered": n, "requests": m, "sample": "<first answer>"};
#           fails when no call was answered.
#   delete: nothing to remove.
# Inputs: KUBECONFIG_DATA (secret: GKE), PROBE_NAMESPACE, PROBE_DEPLOYMENT, PROBE_URL, PROBE_REQUESTS.
SCRIPT_NAME=mcs-probe
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

create() {
  require PROBE_NAMESPACE PROBE_DEPLOYMENT PROBE_URL PROBE_REQUESTS
  local kubeconfig answers="$WORK_DIR/answers" answered=0 reply
  kubeconfig=$(kubeconfig_file)
  kubectl --kubeconfig "$kubeconfig" -n "$PROBE_NAMESPACE" rollout status "deployment/$PROBE_DEPLOYMENT" --timeout=300s >&2
  : >"$answers"
  for _ in $(seq "$PROBE_REQUESTS"); do
    if reply=$(kubectl --kubeconfig "$kubeconfig" -n "$PROBE_NAMESPACE" exec "deploy/$PROBE_DEPLOYMENT" -- \
      curl -sS --max-time 5 "$PROBE_URL" 2>&1); then
      answered=$((answered + 1))
      printf '%s\n' "$reply" >>"$answers"
    else
      log "call failed: $reply"
    fi
  done
  [ "$answered" -gt 0 ] || fail "no answer from $PROBE_URL in $PROBE_REQUESTS calls"
  jq -nc --arg url "$PROBE_URL" --argjson n "$answered" --argjson m "$PROBE_REQUESTS" --rawfile a "$answers" \
    '{url: $url, answered: $n, requests: $m, sample: ($a | split("\n") | first | .[0:200])}'
}

delete() { log "nothing to remove"; }

dispatch "$@"
