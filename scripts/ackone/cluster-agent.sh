#!/usr/bin/env bash
# The ACK agent in a registered cluster: fetched from ACK (DescribeExternalAgent; PrivateIpAddress
# true makes it connect to the private endpoint over the VPN), applied with kubectl, and waited
# for until ACK reports the registered cluster running (DescribeClusterDetail re-read each poll).
#   create: records which of the manifest's objects do not exist yet, applies the manifest (kubectl
#           apply converges, so a re-run is safe) and waits. When ACK reports the cluster failed,
#           or the wait times out, fails with ACK's state and its latest cluster events.
#           Prints {"ClusterId": ..., "State": "running", "Objects": "<ns>|<kind>/<name> ..."}:
#           the objects this resource created (kept across re-runs), which delete reads back.
#           When the create fails (the apply is refused, the agent never connects, the run is
#           stopped), the objects this run created are removed again: a failed create leaves no
#           resource behind to delete them later, and they include a cluster-admin binding and
#           the agent's token. A run that is SIGKILLed (a cancel, a customTimeouts expiry) runs
#           no trap: its watchdog runs this script's `undo` on the same list
#           (scripts/lib/common.sh undo_if_killed).
#   delete: deletes exactly those objects, newest first; never one that existed before (such as
#           the kube-system namespace the manifest declares).
# The manifest carries the agent's credentials: it is piped to kubectl, never written to a file.
# Environment, besides scripts/alibaba/lib.sh's:
#   AGENT_CLUSTER_ID       the registered cluster (required)
#   AGENT_PRIVATE          true|false: the agent connects to ACK's private endpoint (required)
#   KUBECONFIG_DATA        kubeconfig of the cluster being registered (secret, required)
#   AGENT_TIMEOUT          seconds to wait for `running` (default 900)
#   PULUMI_COMMAND_STDOUT  the previous result (set by Pulumi on update and delete)
SCRIPT_NAME=cluster-agent
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require AGENT_CLUSTER_ID AGENT_PRIVATE

kube() { kubectl --kubeconfig "$KUBECONFIG_FILE" "$@"; }

manifest() {
  ali cs DescribeExternalAgent --ClusterId "$AGENT_CLUSTER_ID" --PrivateIpAddress "$AGENT_PRIVATE" | jq -r '.config // empty'
}

# declared_objects: one "<namespace>|<kind>.<group>/<name>" line per object of the manifest on stdin.
declared_objects() {
  kube apply --dry-run=client -f - -o json \
    | jq -r '(if .kind == "List" then .items[] else . end)
             | (.apiVersion | if contains("/") then "." + split("/")[0] else "" end) as $group
             | "\(.metadata.namespace // "")|\(.kind | ascii_downcase)\($group)/\(.metadata.name)"'
}

# exists "<namespace>|<ref>": the object is in the cluster now.
exists() {
  local ns=${1%%|*} ref=${1#*|} found
  found=$(kube get "$ref" ${ns:+-n "$ns"} --ignore-not-found -o name) || fail "could not look up $ref${ns:+ in $ns}"
  [ -n "$found" ]
}

# report_failure STATE: ACK's state and latest events for the registered cluster, then fails.
report_failure() {
  local events
  # The events only add to the message: a refused read prints the cloud's error (not-found: nothing)
  # and leaves them out.
  events=$(ali_asking cs DescribeClusterEvents --ClusterId "$AGENT_CLUSTER_ID" --page_size 5 \
    | jq -r '[.events[]? | .data.message // empty] | .[0:5] | join("; ")' || { last_error_is_not_found || cat "$ALI_ERR" >&2; })
  fail "registered cluster $AGENT_CLUSTER_ID is $1 in ACK${events:+: $events}"
}

LAST_STATE=""
is_running() {
  local detail
  detail=$(ali cs DescribeClusterDetail --ClusterId "$AGENT_CLUSTER_ID")
  LAST_STATE=$(jq -r '.state // "unknown"' <<<"$detail")
  case "$LAST_STATE" in
    running) return 0 ;;
    failed | deleting | deleted | delete_failed) report_failure "$LAST_STATE" ;;
    *) log "registered cluster $AGENT_CLUSTER_ID is $LAST_STATE"; return 1 ;;
  esac
}

# remove OBJECTS: deletes "<namespace>|<ref>" lines, newest (last) first; a missing one is fine.
remove() {
  local line ns ref
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    ns=${line%%|*} ref=${line#*|}
    log "removing $ref${ns:+ in $ns}"
    kube delete "$ref" ${ns:+-n "$ns"} --ignore-not-found >&2
  done < <(tac <<<"$1")
}

CREATED_NOW=""
UNDO=false
# undo_created: on a failed create, removes what this run created (an EXIT trap).
undo_created() {
  [ "$UNDO" = true ] || return 0
  UNDO=false
  log "the agent was not set up: removing what this run created"
  remove "$CREATED_NOW" || log "could not remove everything this run created: $(paste -sd ' ' - <<<"$CREATED_NOW")"
}

create() {
  case "$AGENT_PRIVATE" in true | false) ;; *) fail "AGENT_PRIVATE must be true or false, got '$AGENT_PRIVATE'" ;; esac
  KUBECONFIG_FILE=$(kubeconfig_file)
  local agent declared owned line
  agent=$(manifest)
  [ -n "$agent" ] || fail "ACK returned no agent manifest for $AGENT_CLUSTER_ID"
  declared=$(printf '%s\n' "$agent" | declared_objects)
  owned=$(previous_result Objects | tr ' ' '\n')
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    if ! grep -qxF "$line" <<<"$owned" && ! exists "$line"; then CREATED_NOW=$(printf '%s\n%s' "$CREATED_NOW" "$line"); fi
  done <<<"$declared"
  trap 'undo_created; rm -rf "$WORK_DIR"' EXIT
  UNDO=true
  printf '%s\n' "$CREATED_NOW" >"$WORK_DIR/created"
  undo_if_killed
  log "applying the ACK agent for $AGENT_CLUSTER_ID"
  printf '%s\n' "$agent" | kube apply -f - >&2 || fail "kubectl could not apply the ACK agent for $AGENT_CLUSTER_ID"
  if ! poll_until "registered cluster $AGENT_CLUSTER_ID to run" "${AGENT_TIMEOUT:-900}" is_running; then
    report_failure "${LAST_STATE:-unknown}"
  fi
  UNDO=false
  jq -nc --arg id "$AGENT_CLUSTER_ID" --arg objects "$(printf '%s\n%s' "$owned" "$CREATED_NOW" | sed '/^$/d' | paste -sd ' ' -)" \
    '{ClusterId: $id, State: "running", Objects: $objects}'
}

# undo: after a SIGKILL of a create, removes what that run was creating (UNDO_DIR/created).
undo() {
  KUBECONFIG_FILE=$(kubeconfig_file)
  log "a killed run was setting up the agent for $AGENT_CLUSTER_ID: removing what it created"
  remove "$(cat "$UNDO_DIR/created")"
}

delete() {
  KUBECONFIG_FILE=$(kubeconfig_file)
  local owned
  owned=$(previous_result Objects | tr ' ' '\n' | sed '/^$/d')
  if [ -z "$(previous_result State)" ]; then
    log "registration never completed: nothing recorded to remove"
    return 0
  fi
  if ! previous_has Objects; then
    # A result from before objects were recorded: the manifest's objects, except namespaces,
    # which may hold what others put there.
    local agent
    agent=$(ali_lookup cs DescribeExternalAgent --ClusterId "$AGENT_CLUSTER_ID" --PrivateIpAddress "$AGENT_PRIVATE" | jq -r '.config // empty')
    if [ -z "$agent" ]; then log "registered cluster already gone: nothing to fetch, nothing removed"; return 0; fi
    owned=$(printf '%s\n' "$agent" | declared_objects | grep -v '^|namespace/' || true)
  fi
  remove "$owned"
}

dispatch "$@"
