#!/usr/bin/env bash
# Alibaba Cloud APIs through the `aliyun` CLI. Credentials come from ALIBABA_CLOUD_ACCESS_KEY_ID
# and ALIBABA_CLOUD_ACCESS_KEY_SECRET and reach the CLI in a private profile file, never on a
# command line; ALIBABA_CLOUD_REGION_ID names the region.

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

require ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_REGION_ID
POLL_SECONDS="${ALIBABA_POLL_SECONDS:-15}"
ALI_ERR="$WORK_DIR/aliyun.err"
ALI_PROFILE="$WORK_DIR/aliyun.json"
jq -n --arg id "$ALIBABA_CLOUD_ACCESS_KEY_ID" --arg secret "$ALIBABA_CLOUD_ACCESS_KEY_SECRET" --arg region "$ALIBABA_CLOUD_REGION_ID" \
  '{current: "mesh", profiles: [{name: "mesh", mode: "AK", access_key_id: $id, access_key_secret: $secret, region_id: $region, output_format: "json"}]}' \
  >"$ALI_PROFILE"

# ali_quiet PRODUCT API ARGS...: prints the JSON response; the error stays in $ALI_ERR.
ali_quiet() {
  aliyun "$@" --config-path "$ALI_PROFILE" --region "$ALIBABA_CLOUD_REGION_ID" 2>"$ALI_ERR"
}

# ali PRODUCT API ARGS...: prints the JSON response; on failure prints the cloud's error and fails.
ali() {
  if ali_quiet "$@"; then return 0; fi
  cat "$ALI_ERR" >&2
  return 1
}

# last_error_is_not_found: the previous failed call said the object does not exist.
last_error_is_not_found() {
  grep -qE 'NotFound|not ?found|does not exist' "$ALI_ERR" 2>/dev/null
}

# ali_lookup PRODUCT API ARGS...: like ali, but a not-found answer prints nothing and succeeds.
ali_lookup() {
  if ali_quiet "$@"; then return 0; fi
  if last_error_is_not_found; then return 0; fi
  cat "$ALI_ERR" >&2
  return 1
}

# ali_delete PRODUCT API ARGS...: a not-found answer means already deleted.
ali_delete() {
  if ali_quiet "$@" >/dev/null; then return 0; fi
  if last_error_is_not_found; then log "already gone"; return 0; fi
  cat "$ALI_ERR" >&2
  return 1
}
