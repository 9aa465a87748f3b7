#!/usr/bin/env bash
# Has the ACK One hub validate an object before the stack creates it or relies on it: a
# server-side dry run (the API server runs admission and validation and stores nothing) with
# strict field validation, so that a kind the hub does not serve, a required field missing, a
# value it refuses or a field its schema does not know fails here with the hub's own message,
# instead of the object being refused later, or accepted with the unknown field dropped
# (kubectl --validate=strict sends fieldValidation=Strict; without it the server only warns).
#   create: kubectl apply --server-side --dry-run=server --validate=strict: a server-side apply is
#           valid whether the object exists or not (a re-run after a change); --force-conflicts,
#           as the dry run takes no field from the object's manager. Prints
#           {"Validated": "<apiVersion> <kind> <namespace>/<name>"}.
#   delete: nothing to remove.
# Environment:
#   KUBECONFIG_DATA  the hub's kubeconfig (secret, required)
#   DRY_RUN_OBJECT   the object as JSON (required)
SCRIPT_NAME=hub-dry-run
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
FIELD_MANAGER=multicloud-mesh-dry-run

create() {
  require KUBECONFIG_DATA DRY_RUN_OBJECT
  local kubeconfig what
  kubeconfig=$(kubeconfig_file)
  what=$(jq -r '"\(.apiVersion) \(.kind) \(.metadata.namespace // "")/\(.metadata.name)"' <<<"$DRY_RUN_OBJECT") \
    || fail "DRY_RUN_OBJECT is not a JSON object"
  if ! kubectl --kubeconfig "$kubeconfig" apply --server-side --dry-run=server --validate=strict --force-conflicts \
    --field-manager "$FIELD_MANAGER" -f - <<<"$DRY_RUN_OBJECT" >"$WORK_DIR/out" 2>"$WORK_DIR/err"; then
    cat "$WORK_DIR/err" >&2
    fail "the hub refused $what in a server-side dry run (its message is above); nothing was created." \
      "Compare the object with what the hub serves (kubectl explain --recursive against the hub) and see" \
      "docs/runbooks/ack-dev.md, \"MultiClusterService: what is and is not confirmed\""
  fi
  log "the hub accepts $what"
  jq -nc --arg what "$what" '{Validated: $what}'
}

delete() { log "nothing to remove"; }

dispatch "$@"
