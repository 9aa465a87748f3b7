#!/usr/bin/env bash
# NIFCLOUD computing API through the real `nifcloud` CLI (PyPI: nifcloud-cli).
# Environment shared by every script in this folder:
#   NIFCLOUD_ACCESS_KEY_ID, NIFCLOUD_SECRET_ACCESS_KEY  credentials (secret; read by the CLI
#                          from the environment, never passed as arguments). Rotating them is an
#                          `update`: the next delete runs with the new ones.
#   NIFCLOUD_REGION        region, e.g. jp-east-1 (required).
#   NIFCLOUD_ENDPOINT_URL  optional endpoint override (tests, private endpoints).
#   NIFCLOUD_POLL_SECONDS  seconds between two reads of a state while waiting (decimals allowed);
#                          default 20, the CLI waiters' own delay (service model waiters-2.json).
#   NIFCLOUD_OWNER_MARK    the description the stack writes on objects it creates, and by which it
#                          recognises them later: one per stack ("multicloud-mesh/dev"; at most 40
#                          characters, NIFCLOUD's description limit). Required.
#   NIFCLOUD_PEER_KEY      the configuration key of this peer, named in messages (vpnLinks[0].peer).

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

require NIFCLOUD_REGION
NIF_ERR="$WORK_DIR/nifcloud.err"
POLL_SECONDS="${NIFCLOUD_POLL_SECONDS:-20}"
require NIFCLOUD_OWNER_MARK
OWNER_MARK="$NIFCLOUD_OWNER_MARK"
[ "${#OWNER_MARK}" -le 40 ] || fail "NIFCLOUD_OWNER_MARK '$OWNER_MARK' is longer than 40 characters (NIFCLOUD's description limit): shorten it"
PEER_KEY="${NIFCLOUD_PEER_KEY:-vpnLinks[].peer}"
# The description every stack wrote before marks named the stack ("multicloud-mesh", and
# "multicloud-mesh <what>" before that). Two stacks wrote it alike, so it is never enough on its
# own: it counts only for an object this resource's previous output names as owned.
LEGACY_OWNER_MARK='^multicloud-mesh( .*)?$'

# nif_quiet ACTION ARGS...: prints the JSON response; the error stays in $NIF_ERR.
nif_quiet() {
  local args=(computing "$@" --output json --region "$NIFCLOUD_REGION")
  if [ -n "${NIFCLOUD_ENDPOINT_URL:-}" ]; then args+=(--endpoint-url "$NIFCLOUD_ENDPOINT_URL"); fi
  nifcloud "${args[@]}" 2>"$NIF_ERR"
}

# nif ACTION ARGS...: prints the JSON response; on failure prints the cloud's error and stops.
nif() {
  if nif_quiet "$@"; then return 0; fi
  cat "$NIF_ERR" >&2
  fail "NIFCLOUD refused $1"
}

# last_error_is_not_found: the previous failed call said the object does not exist.
last_error_is_not_found() {
  grep -qE 'NotFound|does not exist' "$NIF_ERR" 2>/dev/null
}

# nif_lookup ACTION ARGS...: like nif, but a not-found answer prints nothing and succeeds. Any
# other error (a rejected key, say) stops the script: it never reads as "not found".
nif_lookup() {
  if nif_quiet "$@"; then return 0; fi
  if last_error_is_not_found; then return 0; fi
  cat "$NIF_ERR" >&2
  fail "NIFCLOUD refused $1"
}

# nif_delete ACTION ARGS...: a not-found answer means already deleted.
nif_delete() {
  if nif_quiet "$@" >/dev/null; then return 0; fi
  if last_error_is_not_found; then log "already gone"; return 0; fi
  cat "$NIF_ERR" >&2
  fail "NIFCLOUD refused $1"
}

# ownership VAR: the value of VAR, which must be `own` (the stack creates the object and deletes
# it on destroy) or `adopt` (the object exists; the stack uses it and never deletes it).
ownership() {
  local value="${!1:-}"
  case "$value" in
    own | adopt) printf '%s' "$value" ;;
    *) fail "$1 is '$value': set it to 'own' (create and delete the object) or 'adopt' (use an existing one, never delete it)" ;;
  esac
}

# created_by_stack ID_FIELD ID DESCRIPTION: the object ID (found now, with DESCRIPTION) is one
# this stack created: it carries this stack's mark, or this resource's previous output names it
# (its ID_FIELD) as created (CreatedByStack true), or, for an output from before CreatedByStack
# existed, as owned while it carries the old shared mark. Another stack's mark never counts.
created_by_stack() {
  local previous recorded
  [ "$3" = "$OWNER_MARK" ] && return 0
  previous=$(previous_output)
  [ -n "$2" ] && [ "$(jq -r --arg field "$1" '.[$field] // empty' <<<"$previous")" = "$2" ] || return 1
  recorded=$(jq -r 'if has("CreatedByStack") then .CreatedByStack | tostring else "unrecorded" end' <<<"$previous")
  case "$recorded" in
    true) return 0 ;;
    unrecorded) [ "$(jq -r '.Ownership // "own"' <<<"$previous")" = own ] && [[ "$3" =~ $LEGACY_OWNER_MARK ]] ;;
    *) return 1 ;;
  esac
}

# claim_owned KIND NAME OWNERSHIP_KEY ID_FIELD ID DESCRIPTION: ownership `own` may take only an
# object this stack created (created_by_stack); anything else, above all one this stack adopted,
# stops the run before it changes anything, naming the key and the fix.
claim_owned() {
  created_by_stack "$4" "$5" "$6" && return 0
  fail "$1 $2 already exists and was not created by this stack (description '$6'; this stack marks what it creates '$OWNER_MARK'), so $PEER_KEY.ownership.$3 cannot be 'own': destroy would delete it. Fix: set $PEER_KEY.ownership.$3 to 'adopt' (the stack uses it and never deletes it), or name one that does not exist yet for the stack to create"
}

# delete_settled WHAT TIMEOUT REF DELETE-ARGS...: NIFCLOUD refuses to delete an object that is
# still changing, so unless it is already deleting this waits until it is available, deletes it
# (`nif_delete DELETE-ARGS...`), then waits until it is gone. The calling script's `state`,
# `is_available` and `is_gone` take REF and re-read the object on every call.
delete_settled() {
  local what=$1 timeout=$2 ref=$3
  shift 3
  if [ "$(state "$ref")" != "deleting" ]; then
    wait_until "$what to be available" "$timeout" is_available "$ref"
    log "deleting $what"
    nif_delete "$@"
  fi
  wait_until "$what to go" "$timeout" is_gone "$ref"
}
