#!/usr/bin/env bash
# Moves a cluster's mesh to one revision the way Istio's revision-based canary upgrade does,
# after asm-install.sh has installed that revision beside the running one:
#   create: 1. waits until istiod of MESH_REVISION is ready (never moves anything to a control
#              plane that is not up);
#           2. labels every namespace of MESH_NAMESPACES istio.io/rev=MESH_REVISION (and drops
#              istio-injection, which would win over it), unless it already is: the label may have
#              moved before this script runs;
#           3. finds every pod of those namespaces whose proxy is of another revision, read from the
#              pod itself (scripts/mesh/proxies.sh: the sidecar.istio.io/status and istio.io/rev
#              annotations), whether or not a label moved, and restarts the workload that owns it
#              (`kubectl rollout restart` of its Deployment, StatefulSet or DaemonSet; one whose update
#              strategy is OnDelete, or a pod without such an owner, is named and must be recreated by
#              its owner), or with MESH_RESTART=false says how;
#           4. waits, re-reading the pods, until none of those namespaces runs another revision's proxy;
#           5. removes each other revision only when this stack installed or adopted it and nothing in
#              the whole cluster uses it any more: no pod runs its proxy, no namespace, tag or workload
#              template selects it. Whose a revision is, is read from the cluster (lib.sh revision_owner:
#              the owner mark asm-install.sh puts on istiod, or its claim from a run killed before the
#              mark), so it holds after a run killed half-way and for an adopted revision; a revision
#              without this stack's mark (another team's, another stack's) always stays. istioctl's own pre-check runs first (`uninstall --dry-run`,
#              which prints the warnings that -y would only log and skip), its output kept on stderr, and
#              a warning of proxies or gateways still on the revision keeps it installed. Then
#              `istioctl uninstall -y --revision` with the revision's own release, a wait until its
#              istiod is gone, and its claim (if any) deleted. A revision that stays is named with the
#              reason.
#           Nothing to move is a no-op, so a re-run converges; a failure leaves the old revision
#           running and says what is left.
#   delete: nothing (asm-install.sh removes the revision itself).
#
# Environment:
#   KUBECONFIG_DATA       (secret) kubeconfig of the cluster.
#   MESH_REVISION         the revision to move to (the same value asm-install.sh installed).
#   MESH_NAMESPACES       space-separated namespaces that carry the revision label: the workload
#                         namespaces and the gateway namespace.
#   MESH_OWNER            `<project>/<stack>`: only a revision carrying this owner mark is ever removed.
#   MESH_RESTART          (optional) true: restart the workloads that run another revision's proxy.
#                         @default true
#   MESH_ISTIOCTL, MESH_TOOLS_CACHE, ASM_RELEASE_URL, MESH_WAIT_SECONDS, POLL_SECONDS: lib.sh.
# Prints: {"revision": "<new>", "moved": ["<namespace>", ...], "restarted": ["<ns>/<kind>/<name>", ...],
#          "removed": ["<old revision>", ...], "kept": ["<old revision>", ...]}.
# Reference: Istio "Canary upgrades" (istio.io/latest/docs/setup/upgrade/canary) and
# `istioctl uninstall --revision` (istio/istio release-1.29 operator/cmd/mesh/uninstall.go,
# operator/pkg/uninstall/prune.go: it deletes the revision's control plane and gateways, never the base).
SCRIPT_NAME=revision-canary
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=scripts/mesh/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/mesh/proxies.sh
. "$(dirname "$0")/proxies.sh"
require KUBECONFIG_DATA MESH_REVISION MESH_NAMESPACES MESH_OWNER
check_revision_name "$MESH_REVISION"
read -r -a NAMESPACES <<<"$MESH_NAMESPACES"
KUBECONFIG=$(kubeconfig_file)
export KUBECONFIG

namespace_labels() {
  kubectl get namespace "$1" -o json | jq -c '.metadata.labels // {}'
}

# stale_pods: every pod of the stack's namespaces whose proxy is of another revision (proxies.sh).
stale_pods() {
  local ns
  for ns in "${NAMESPACES[@]}"; do other_revision_pods "$ns" "$MESH_REVISION"; done
}

no_stale_pods() { [ -z "$(stale_pods)" ]; }

# restart_workloads: restarts (or says how to restart) each workload with a pod on another revision;
# prints the restarted ones as <namespace>/<kind>/<name>.
restart_workloads() {
  local ns workload kind
  while read -r ns workload; do
    kind=${workload%%/*}
    case "$kind" in
      deployment | statefulset | daemonset) ;;
      *) log "$ns/$workload runs another revision's proxy and has no Deployment, StatefulSet or DaemonSet to restart it: delete it so that its owner recreates it"; continue ;;
    esac
    if [ "${MESH_RESTART:-true}" = true ]; then
      kubectl -n "$ns" rollout restart "$workload" >&2
      printf '%s/%s\n' "$ns" "$workload"
    else
      log "$ns/$workload runs another revision's proxy: restart it (kubectl -n $ns rollout restart $workload)"
    fi
  done < <(stale_pods | awk '{split($1, p, "/"); print p[1], $3}' | awk '!seen[$0]++')
}

# removed OLD: the claim on OLD goes with it (it outlives istiod only after a run killed half-way).
removed() {
  kubectl -n "$ISTIO_SYSTEM" delete configmap "$(owner_claim "$1")" --ignore-not-found >&2
  echo removed
}

# remove_revision OLD: uninstalls OLD if it is this stack's and nothing uses it; prints "removed" or "kept".
remove_revision() {
  local old=$1 owner users istioctl precheck
  owner=$(revision_owner "$old")
  if [ "$owner" != "$MESH_OWNER" ]; then
    log "revision $old stays installed: this stack ($MESH_OWNER) did not install it (owner: ${owner:-none})"
    echo kept
    return
  fi
  users=$(revision_users "$old" | awk '!seen[$0]++')
  if [ -n "$users" ]; then
    log "revision $old stays installed: $(sed -e 's/^pod \(.*\)/pod \1 runs its proxy/' -e 's/^namespace \(.*\)/namespace \1 selects it/' \
      -e 's/^tag \(.*\)/tag \1 points at it/' -e 's/^workload \(.*\)/workload \1 selects it in its pod template/' <<<"$users" | paste -sd ';' | sed 's/;/; /g') (move them, then run again)"
    echo kept
    return
  fi
  if ! revision_has_webhook "$old"; then
    log "istioctl uninstall of revision $old already ran: waiting for istiod-$old to go"
    wait_until "istiod-$old to be removed" "$MESH_WAIT_SECONDS" revision_gone "$old"
    removed "$old"
    return
  fi
  istioctl=$(istioctl_for_revision "$old")
  # istioctl's own pre-check (operator/cmd/mesh/uninstall.go preCheckWarnings): --dry-run prints it and
  # deletes nothing; -y would print it too and go on.
  precheck=$("$istioctl" uninstall --revision "$old" --dry-run 2>&1) || fail "istioctl uninstall --revision $old --dry-run failed: $precheck"
  printf '%s\n' "$precheck" >&2
  if grep -qE 'proxies pointing to the control plane revision|You are about to remove the following gateways' <<<"$precheck"; then
    log "revision $old stays installed: istioctl's pre-check above reports proxies or gateways still on it"
    echo kept
    return
  fi
  log "removing revision $old: nothing in the cluster uses it"
  "$istioctl" uninstall -y --revision "$old" >&2 || fail "istioctl uninstall --revision $old failed (its output is above)"
  wait_until "istiod-$old to be removed" "$MESH_WAIT_SECONDS" revision_gone "$old"
  removed "$old"
}

create() {
  wait_until "istiod-$MESH_REVISION to be ready before anything moves to it" "$MESH_WAIT_SECONDS" revision_ready "$MESH_REVISION"

  local ns moved=() restarted=() removed=() kept=() old outcome workload
  for ns in "${NAMESPACES[@]}"; do
    [ "$(namespace_labels "$ns" | jq -r --arg r "$MESH_REVISION" '.["istio.io/rev"] == $r and (has("istio-injection") | not)')" != true ] || continue
    kubectl label namespace "$ns" "istio.io/rev=$MESH_REVISION" istio-injection- --overwrite >&2
    moved+=("$ns")
  done

  while IFS= read -r workload; do restarted+=("$workload"); done < <(restart_workloads)

  # In a subshell: a timeout ends only the wait, and the message below says what is left.
  if ! poll_until "every mesh pod to run a proxy of $MESH_REVISION" "$MESH_WAIT_SECONDS" no_stale_pods; then
    fail "these pods still run proxies of another revision, which therefore stays installed: $(stale_pods | tr '\n' ';') restart their workloads (kubectl -n <namespace> rollout restart <kind>/<name>) and run again"
  fi

  while IFS= read -r old; do
    if [ -z "$old" ] || [ "$old" = "$MESH_REVISION" ]; then continue; fi
    outcome=$(remove_revision "$old")
    if [ "$outcome" = removed ]; then removed+=("$old"); else kept+=("$old"); fi
  done < <(running_revisions)

  jq -cn --arg revision "$MESH_REVISION" --argjson counts "[${#moved[@]}, ${#restarted[@]}, ${#removed[@]}]" '
    $ARGS.positional as $all
    | {revision: $revision,
       moved: $all[0:$counts[0]],
       restarted: $all[$counts[0]:$counts[0] + $counts[1]],
       removed: $all[$counts[0] + $counts[1]:$counts[0] + $counts[1] + $counts[2]],
       kept: $all[$counts[0] + $counts[1] + $counts[2]:]}' --args "${moved[@]}" "${restarted[@]}" "${removed[@]}" "${kept[@]}"
}

delete() { log "nothing to remove: asm-install.sh removes the revision"; }

dispatch "$@"
