#!/usr/bin/env bash
# NIFCLOUD computing API through the real `nifcloud` CLI (PyPI: nifcloud-cli).
# Credentials come from NIFCLOUD_ACCESS_KEY_ID / NIFCLOUD_SECRET_ACCESS_KEY; the region from
# NIFCLOUD_REGION; NIFCLOUD_ENDPOINT_URL overrides the endpoint (tests, private endpoints).

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

require NIFCLOUD_REGION
NIF_ERR="$WORK_DIR/nifcloud.err"
POLL_SECONDS="${NIFCLOUD_POLL_SECONDS:-20}"

# nif_quiet ACTION ARGS...: prints the JSON response; the error stays in $NIF_ERR.
nif_quiet() {
  local args=(computing "$@" --output json --region "$NIFCLOUD_REGION")
  if [ -n "${NIFCLOUD_ENDPOINT_URL:-}" ]; then args+=(--endpoint-url "$NIFCLOUD_ENDPOINT_URL"); fi
  nifcloud "${args[@]}" 2>"$NIF_ERR"
}

# nif ACTION ARGS...: prints the JSON response; on failure prints the cloud's error and fails.
nif() {
  if nif_quiet "$@"; then return 0; fi
  cat "$NIF_ERR" >&2
  return 1
}

# last_error_is_not_found: the previous failed call said the object does not exist.
last_error_is_not_found() {
  grep -qE 'NotFound|does not exist' "$NIF_ERR" 2>/dev/null
}

# nif_lookup ACTION ARGS...: like nif, but a not-found answer prints nothing and succeeds.
nif_lookup() {
  if nif_quiet "$@"; then return 0; fi
  if last_error_is_not_found; then return 0; fi
  cat "$NIF_ERR" >&2
  return 1
}

# nif_delete ACTION ARGS...: a not-found answer means already deleted.
nif_delete() {
  if nif_quiet "$@" >/dev/null; then return 0; fi
  if last_error_is_not_found; then log "already gone"; return 0; fi
  cat "$NIF_ERR" >&2
  return 1
}
