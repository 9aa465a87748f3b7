#!/usr/bin/env bash
# East-west gateway from an IstioOperator, with the istioctl of the release its revision runs.
#   create: `istioctl install -y -f` (declarative: a re-run converges to the same objects; a new
#           spec.revision moves the gateway to that revision's proxies), then waits, re-reading
#           the cluster, until the gateway runs and its Service has an address.
#   delete: deletes exactly the objects the operator renders; missing objects are fine. When the
#           revision's istiod is already gone (no release to render with), deletes the gateway's
#           Deployment and Service by name.
#
# Environment:
#   KUBECONFIG_DATA    (secret) kubeconfig of the cluster.
#   ISTIO_OPERATOR     the IstioOperator as JSON (components/mesh/eastWestOperator.ts); its
#                      spec.revision is the revision, MESH_REVISION here (the value asm-install.sh installed).
#   GATEWAY_NAMESPACE  namespace of the gateway.
#   GATEWAY_NAME       (optional) Deployment and Service name. @default istio-eastwestgateway
#   MESH_ISTIOCTL, MESH_TOOLS_CACHE, ASM_RELEASE_URL, MESH_WAIT_SECONDS, POLL_SECONDS: lib.sh.
# Prints: {"service": "<name>", "address": "<load balancer address>", "revision": "<revision>"}.
SCRIPT_NAME=eastwest-gateway
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=scripts/mesh/lib.sh
. "$(dirname "$0")/lib.sh"
require KUBECONFIG_DATA ISTIO_OPERATOR GATEWAY_NAMESPACE
KUBECONFIG=$(kubeconfig_file)
export KUBECONFIG
GATEWAY_NAME="${GATEWAY_NAME:-istio-eastwestgateway}"
OPERATOR_FILE="$WORK_DIR/eastwest.json"
printf '%s' "$ISTIO_OPERATOR" >"$OPERATOR_FILE"
MESH_REVISION=$(jq -r '.spec.revision // ""' "$OPERATOR_FILE")
[ -n "$MESH_REVISION" ] || fail "ISTIO_OPERATOR has no spec.revision; set it to the installed revision (e.g. asm-1290-1)"

gateway_ready() {
  kubectl -n "$GATEWAY_NAMESPACE" get deployment "$GATEWAY_NAME" -o json 2>/dev/null |
    jq -e '(.status.readyReplicas // 0) >= 1' >/dev/null
}

gateway_address() {
  kubectl -n "$GATEWAY_NAMESPACE" get service "$GATEWAY_NAME" -o json 2>/dev/null |
    jq -r '((.status.loadBalancer.ingress // [])[0] | .ip // .hostname) // ""'
}

has_address() { [ -n "$(gateway_address)" ]; }

create() {
  local istioctl
  istioctl=$(istioctl_for_revision "$MESH_REVISION")
  "$istioctl" install -y -f "$OPERATOR_FILE" >&2 || fail "istioctl install of the east-west gateway failed (its output is above)"
  wait_until "the east-west gateway to run (kubectl -n $GATEWAY_NAMESPACE describe deployment $GATEWAY_NAME)" "$MESH_WAIT_SECONDS" gateway_ready
  wait_until "an address for service $GATEWAY_NAME (a load balancer: MetalLB on bare metal, an internal LB on GKE)" "$MESH_WAIT_SECONDS" has_address
  jq -cn --arg service "$GATEWAY_NAME" --arg address "$(gateway_address)" --arg revision "$MESH_REVISION" \
    '{service: $service, address: $address, revision: $revision}'
}

delete() {
  if [ -z "${MESH_ISTIOCTL:-}" ] && revision_gone "$MESH_REVISION"; then
    log "istiod-$MESH_REVISION is gone: deleting the gateway's Deployment and Service by name"
    kubectl -n "$GATEWAY_NAMESPACE" delete "deployment/$GATEWAY_NAME" "service/$GATEWAY_NAME" --ignore-not-found >&2
    return
  fi
  local istioctl
  istioctl=$(istioctl_for_revision "$MESH_REVISION")
  "$istioctl" manifest generate -f "$OPERATOR_FILE" >"$WORK_DIR/manifest.yaml"
  kubectl delete --ignore-not-found -f "$WORK_DIR/manifest.yaml" >&2
}

dispatch "$@"
