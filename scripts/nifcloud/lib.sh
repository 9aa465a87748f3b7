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
#                          recognises them later (at most 40 characters); default "multicloud-mesh".

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

require NIFCLOUD_REGION
NIF_ERR="$WORK_DIR/nifcloud.err"
POLL_SECONDS="${NIFCLOUD_POLL_SECONDS:-20}"
OWNER_MARK="${NIFCLOUD_OWNER_MARK:-multicloud-mesh}"
[ "${#OWNER_MARK}" -le 40 ] || fail "NIFCLOUD_OWNER_MARK '$OWNER_MARK' is longer than 40 characters (NIFCLOUD's description limit): shorten it"

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

# check_owned KIND NAME DESCRIPTION: an owned object found in the cloud must carry the stack's
# mark; anything else was made by someone else and is only ever adopted.
check_owned() {
  [ "$3" = "$OWNER_MARK" ] && return 0
  fail "$1 $2 already exists and was not created by this stack (description '$3', not '$OWNER_MARK'): adopt it (ownership 'adopt') or choose another name"
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
