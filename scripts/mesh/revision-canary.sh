#!/usr/bin/env bash
# Moves a cluster's mesh to one revision the way Istio's revision-based canary upgrade does,
# after asm-install.sh has installed that revision beside the running one:
#   create: 1. waits until istiod of MESH_REVISION is ready (never moves anything to a control
#              plane that is not up);
#           2. labels every namespace of MESH_NAMESPACES istio.io/rev=MESH_REVISION (and drops
#              istio-injection, which would win over it);
#           3. restarts the sidecar workloads of those namespaces (MESH_RESTART=true) or says how;
#           4. waits until no pod in those namespaces, gateways included, still runs a proxy of
#              another revision (the east-west gateway moves when it is re-installed with the
#              new revision, before this step);
#           5. only then uninstalls every other revision with its own release's istioctl, and
#              waits until its istiod is gone; a revision that namespaces outside MESH_NAMESPACES
#              still select stays installed.
#           Nothing to move is a no-op, so a re-run converges; a failure leaves the old revision
#           running and says what is left.
#   delete: nothing (asm-install.sh removes the revision itself).
#
# Environment:
#   KUBECONFIG_DATA   (secret) kubeconfig of the cluster.
#   MESH_REVISION     the revision to move to (the same value asm-install.sh installed).
#   MESH_NAMESPACES   space-separated namespaces that carry the revision label: the workload
#                     namespaces and the gateway namespace.
#   MESH_RESTART      (optional) true: `kubectl rollout restart deployment` in each namespace
#                     whose label moved. @default true
#   MESH_ISTIOCTL, MESH_TOOLS_CACHE, ASM_RELEASE_URL, MESH_WAIT_SECONDS, POLL_SECONDS: lib.sh.
# Prints: {"revision": "<new>", "moved": ["<namespace>", ...], "removed": ["<old revision>", ...]}.
# Reference: Istio "Canary upgrades" (istio.io/latest/docs/setup/upgrade/canary) and
# `istioctl uninstall --revision` (istio/istio operator/cmd/mesh/uninstall.go).
SCRIPT_NAME=revision-canary
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=scripts/mesh/lib.sh
. "$(dirname "$0")/lib.sh"
require KUBECONFIG_DATA MESH_REVISION MESH_NAMESPACES
check_revision_name "$MESH_REVISION"
KUBECONFIG=$(kubeconfig_file)
export KUBECONFIG
read -r -a NAMESPACES <<<"$MESH_NAMESPACES"

namespace_revision() {
  kubectl get namespace "$1" -o json | jq -r '.metadata.labels["istio.io/rev"] // ""'
}

# stale_pods: "<namespace>/<pod> <revision>" for each pod whose proxy belongs to another revision.
stale_pods() {
  local ns
  for ns in "${NAMESPACES[@]}"; do
    kubectl -n "$ns" get pods -l "istio.io/rev,istio.io/rev!=$MESH_REVISION" -o json |
      jq -r --arg ns "$ns" '.items[] | "\($ns)/\(.metadata.name) \(.metadata.labels["istio.io/rev"])"'
  done
}

no_stale_pods() { [ -z "$(stale_pods)" ]; }

create() {
  wait_until "istiod-$MESH_REVISION to be ready before anything moves to it" "$MESH_WAIT_SECONDS" revision_ready "$MESH_REVISION"

  local ns moved=() removed=() old others istioctl
  for ns in "${NAMESPACES[@]}"; do
    [ "$(namespace_revision "$ns")" != "$MESH_REVISION" ] || continue
    kubectl label namespace "$ns" "istio.io/rev=$MESH_REVISION" istio-injection- --overwrite >&2
    moved+=("$ns")
  done

  for ns in "${moved[@]}"; do
    if [ "${MESH_RESTART:-true}" = true ]; then
      kubectl -n "$ns" rollout restart deployment >&2
    else
      log "namespace $ns now injects $MESH_REVISION: restart its workloads (kubectl -n $ns rollout restart deployment)"
    fi
  done

  # In a subshell: a timeout ends only the wait, and the message below says what is left.
  if ! poll_until "every mesh pod to run a proxy of $MESH_REVISION" "$MESH_WAIT_SECONDS" no_stale_pods; then
    fail "these pods still run proxies of an older revision, which therefore stays installed: $(stale_pods | tr '\n' ';') restart them (kubectl -n <namespace> rollout restart deployment) and run again"
  fi

  while IFS= read -r old; do
    if [ -z "$old" ] || [ "$old" = "$MESH_REVISION" ]; then continue; fi
    # Namespaces this stack does not manage may still use the old revision: it stays for them.
    others=$(kubectl get namespace -l "istio.io/rev=$old" -o json | jq -r '[.items[].metadata.name] | join(" ")')
    if [ -n "$others" ]; then
      log "revision $old stays installed: namespaces $others still select it (move them, then run again)"
      continue
    fi
    istioctl=$(istioctl_for_revision "$old")
    log "removing revision $old: every workload runs $MESH_REVISION"
    "$istioctl" uninstall -y --revision "$old" >&2 || fail "istioctl uninstall --revision $old failed (its output is above)"
    wait_until "istiod-$old to be removed" "$MESH_WAIT_SECONDS" revision_gone "$old"
    removed+=("$old")
  done < <(running_revisions)

  jq -cn --arg revision "$MESH_REVISION" '{revision: $revision, moved: $ARGS.positional[0:$n], removed: $ARGS.positional[$n:]}' \
    --argjson n "${#moved[@]}" --args "${moved[@]}" "${removed[@]}"
}

delete() { log "nothing to remove: asm-install.sh removes the revision"; }

dispatch "$@"
