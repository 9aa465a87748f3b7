#!/usr/bin/env bash
# East-west gateway from an IstioOperator.
#   create: `istioctl install -y -f` (declarative: a re-run converges to the same objects).
#   delete: deletes exactly the objects the operator renders; missing objects are fine.
# Inputs: KUBECONFIG_DATA (secret), ISTIO_OPERATOR (JSON), GATEWAY_NAMESPACE, ISTIOCTL.
SCRIPT_NAME=eastwest-gateway
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
require KUBECONFIG_DATA ISTIO_OPERATOR GATEWAY_NAMESPACE
KUBECONFIG=$(kubeconfig_file)
export KUBECONFIG
ISTIOCTL="${ISTIOCTL:-istioctl}"
OPERATOR_FILE="$WORK_DIR/eastwest.json"
printf '%s' "$ISTIO_OPERATOR" >"$OPERATOR_FILE"

create() {
  "$ISTIOCTL" install -y -f "$OPERATOR_FILE" >&2
  kubectl -n "$GATEWAY_NAMESPACE" get service istio-eastwestgateway -o json |
    jq -c '{service: .metadata.name, address: ((.status.loadBalancer.ingress // [])[0].ip // "")}'
}

delete() {
  "$ISTIOCTL" manifest generate -f "$OPERATOR_FILE" >"$WORK_DIR/manifest.yaml"
  kubectl delete --ignore-not-found -f "$WORK_DIR/manifest.yaml" >&2
}

dispatch "$@"
