#!/usr/bin/env bash
# The multi-cluster-services check: the consumer in GKE calls the Service the fleet gives GKE (service1 for a
# MultiClusterService, amcs-service1 for a ServiceImport), which routes over the VPN to the
# provider pods in Alibaba. Everything the call crosses converges on its own after `up` has
# created it: the hub distributes the app, the provider pods pull their image and start, the fleet
# creates the Service in GKE and syncs the provider endpoints into it. So the probe waits for each
# stage, re-reading it, before it calls:
#   1. the consumer Deployment rolled out;
#   2. the Service (the URL's first label) in PROBE_NAMESPACE;
#   3. a ready endpoint in the Service's EndpointSlices (label kubernetes.io/service-name; an
#      endpoint whose `ready` condition is unset counts as ready, as discovery.k8s.io/v1
#      EndpointConditions says consumers should read it);
#   4. a first answered call, retried;
# then makes PROBE_REQUESTS calls in all.
#   create: prints {"url": ..., "answered": n, "requests": m, "sample": "<first answer>"}; a
#           stage that does not come within PROBE_TIMEOUT fails the script, naming the stage.
#   delete: nothing to remove.
# Inputs: KUBECONFIG_DATA (secret: GKE), PROBE_NAMESPACE, PROBE_DEPLOYMENT, PROBE_URL,
# PROBE_REQUESTS, PROBE_TIMEOUT (seconds per stage, default 600).
SCRIPT_NAME=mcs-probe
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

kube() { kubectl --kubeconfig "$KUBECONFIG_FILE" -n "$PROBE_NAMESPACE" "$@"; }

service_exists() {
  local found
  found=$(kube get "service/$SERVICE" --ignore-not-found -o name) || fail "could not look up Service $SERVICE in $PROBE_NAMESPACE"
  [ -n "$found" ]
}

READY=0
endpoints_ready() {
  local slices
  slices=$(kube get endpointslices -l "kubernetes.io/service-name=$SERVICE" -o json) \
    || fail "could not read the EndpointSlices of Service $SERVICE in $PROBE_NAMESPACE"
  READY=$(jq '[.items[]?.endpoints[]? | select(.conditions.ready != false)] | length' <<<"$slices")
  [ "$READY" -gt 0 ]
}

REPLY_TEXT=""
# call: one call from the consumer; its output (answer or error) in REPLY_TEXT.
call() {
  REPLY_TEXT=$(kube exec "deploy/$PROBE_DEPLOYMENT" -- curl -sS --max-time 5 "$PROBE_URL" 2>&1)
}

answered_once() {
  if call; then return 0; fi
  log "call not answered yet: $REPLY_TEXT"
  return 1
}

create() {
  require PROBE_NAMESPACE PROBE_DEPLOYMENT PROBE_URL PROBE_REQUESTS
  local timeout="${PROBE_TIMEOUT:-600}" answers="$WORK_DIR/answers" answered=1 host
  KUBECONFIG_FILE=$(kubeconfig_file)
  host=${PROBE_URL#*://}
  host=${host%%[/:]*}
  SERVICE=${host%%.*}
  [ -n "$SERVICE" ] || fail "PROBE_URL '$PROBE_URL' names no Service"

  kube rollout status "deployment/$PROBE_DEPLOYMENT" --timeout="${timeout}s" >&2 \
    || fail "the consumer Deployment $PROBE_DEPLOYMENT in $PROBE_NAMESPACE never became ready"
  poll_until "Service $SERVICE in $PROBE_NAMESPACE" "$timeout" service_exists \
    || fail "Service $SERVICE never appeared in $PROBE_NAMESPACE: the fleet did not create it in the consumer cluster"
  poll_until "ready endpoints of Service $SERVICE" "$timeout" endpoints_ready \
    || fail "Service $SERVICE in $PROBE_NAMESPACE has no ready endpoints: the provider pods are not ready or the fleet did not sync them"
  log "Service $SERVICE has $READY ready endpoint(s)"
  poll_until "an answer from $PROBE_URL" "$timeout" answered_once \
    || fail "no answer from $PROBE_URL in ${timeout}s of calls; last reply: $REPLY_TEXT"
  printf '%s\n' "$REPLY_TEXT" >"$answers"
  for _ in $(seq 2 "$PROBE_REQUESTS"); do
    if call; then
      answered=$((answered + 1))
      printf '%s\n' "$REPLY_TEXT" >>"$answers"
    else
      log "call failed: $REPLY_TEXT"
    fi
  done
  jq -nc --arg url "$PROBE_URL" --argjson n "$answered" --argjson m "$PROBE_REQUESTS" --rawfile a "$answers" \
    '{url: $url, answered: $n, requests: $m, sample: ($a | split("\n") | first | .[0:200])}'
}

delete() { log "nothing to remove"; }

dispatch "$@"
