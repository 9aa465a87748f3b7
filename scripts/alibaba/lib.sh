#!/usr/bin/env bash
# Alibaba Cloud APIs through the `aliyun` CLI, for the scripts that source this file.
# Environment:
#   ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET (secret): the AccessKey. The CLI
#     reads both from the environment (aliyun-cli config/profile.go, OverwriteWithFlags); they are
#     never put on a command line and never written to a file.
#   ALIBABA_CLOUD_REGION_ID: the region every call goes to (--region).
#   ALIBABA_POLL_SECONDS: seconds between reads while waiting (default 15).
#   ALIBABA_RETRIES: attempts for calls that fail while the cloud catches up (default 20).

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

require ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_REGION_ID
# With this the CLI neither reads nor creates ~/.aliyun/config.json: its profile comes from the
# environment alone, so a profile on the machine can neither win over these keys nor keep them
# (aliyun-cli config/configuration.go, LoadProfileWithContext).
export ALIBABA_CLOUD_IGNORE_PROFILE=TRUE
export ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
POLL_SECONDS="${ALIBABA_POLL_SECONDS:-15}"
RETRIES="${ALIBABA_RETRIES:-20}"
ALI_ERR="$WORK_DIR/aliyun.err"

# Answers that mean only "not now": throttling of any kind and a service briefly unavailable
# (terraform-provider-alicloud alicloud/errors.go, NeedRetry). Never "not found", never "done".
TRANSIENT='.*Throttling.*|ServiceUnavailable'

# ali_quiet PRODUCT API ARGS...: prints the JSON response; the error stays in $ALI_ERR. With
# ali_asking, the way for a caller that handles a refusal itself.
ali_quiet() {
  aliyun "$@" --region "$ALIBABA_CLOUD_REGION_ID" 2>"$ALI_ERR"
}

# ali_asking PRODUCT API ARGS...: ali_quiet, asked again while the cloud's answer is transient,
# $POLL_SECONDS apart, at most $RETRIES attempts in all.
ali_asking() {
  local attempt=1 code
  until ali_quiet "$@"; do
    code=$(last_error_code)
    if [ -z "$code" ] || ! grep -qxE "$TRANSIENT" <<<"$code" || [ "$attempt" -ge "$RETRIES" ]; then return 1; fi
    log "$1 $2 answered $code: asking again (attempt $attempt of $RETRIES)"
    sleep "$POLL_SECONDS"
    attempt=$((attempt + 1))
  done
}

# ali PRODUCT API ARGS...: prints the JSON response; on failure prints the cloud's error and stops
# the script, as nif does (scripts/nifcloud/lib.sh): fail ends it also from inside $(...), a
# pipeline or a condition, where a return code is easily lost and `set -e` does not stop it.
ali() {
  if ali_asking "$@"; then return 0; fi
  cat "$ALI_ERR" >&2
  fail "Alibaba Cloud refused $1 $2"
}

# last_error_code: the ErrorCode of the previous failed call (empty for a CLI-side error).
last_error_code() {
  sed -n 's/^ErrorCode: //p' "$ALI_ERR" 2>/dev/null | head -n 1
}

# last_error_is_not_found: the previous failed call said the object does not exist.
last_error_is_not_found() {
  last_error_code | grep -qE 'NotFound|not ?found'
}

# ali_lookup PRODUCT API ARGS...: like ali, but a not-found answer prints nothing and succeeds.
# Any other failure (throttling that outlasts the retries, a network error) stops the script: it
# never reads as "gone".
ali_lookup() {
  if ali_asking "$@"; then return 0; fi
  if last_error_is_not_found; then return 0; fi
  cat "$ALI_ERR" >&2
  fail "Alibaba Cloud refused $1 $2"
}

# ali_delete PRODUCT API ARGS...: a not-found answer means already deleted; any other failure
# stops the script.
ali_delete() {
  if ali_asking "$@" >/dev/null; then return 0; fi
  if last_error_is_not_found; then log "already gone"; return 0; fi
  cat "$ALI_ERR" >&2
  fail "Alibaba Cloud refused $1 $2"
}

# ali_retry CODES PRODUCT API ARGS...: runs the call again while the cloud answers one of CODES
# (an extended regex of error codes that mean "not yet", e.g. a dependant still being released)
# or a transient error, $POLL_SECONDS apart, at most $RETRIES attempts; then prints the cloud's
# last error and returns 1. Other errors return 1 at once, not-found silently: unlike ali, it
# never stops the script, the caller decides (last_error_is_not_found).
ali_retry() {
  local codes="$1|$TRANSIENT" attempt=1 code
  shift
  until ali_quiet "$@"; do
    code=$(last_error_code)
    if [ -z "$code" ] || ! grep -qxE "$codes" <<<"$code"; then
      last_error_is_not_found || cat "$ALI_ERR" >&2
      return 1
    fi
    if [ "$attempt" -ge "$RETRIES" ]; then
      log "$1 $2 still answers $code after $attempt attempts"
      cat "$ALI_ERR" >&2
      return 1
    fi
    log "$1 $2 answered $code: trying again (attempt $attempt of $RETRIES)"
    sleep "$POLL_SECONDS"
    attempt=$((attempt + 1))
  done
}

# previous_result FIELD: a field of the JSON this resource printed last time (previous_output,
# from $PULUMI_COMMAND_STDOUT, set on update and delete); empty when there is none.
previous_result() {
  previous_output | jq -r --arg f "$1" '.[$f] // empty'
}

# previous_has FIELD: the previous result has FIELD (even an empty one).
previous_has() {
  previous_output | jq -e --arg f "$1" 'has($f)' >/dev/null
}
