#!/usr/bin/env bash
# Helpers every command script sources: required inputs, logging to stderr, temporary files
# that never outlive the script and are readable by the owner only.

set -euo pipefail
umask 077

log() { printf '[%s] %s\n' "${SCRIPT_NAME:-script}" "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

# require VAR...: every named environment variable must be non-empty.
require() {
  local name
  for name in "$@"; do
    [ -n "${!name:-}" ] || fail "environment variable $name is required"
  done
}

WORK_DIR=$(mktemp -d)
trap 'rm -rf "$WORK_DIR"' EXIT

# kubeconfig_file: writes $KUBECONFIG_DATA (a secret) to a private file and prints its path.
kubeconfig_file() {
  require KUBECONFIG_DATA
  local file="$WORK_DIR/kubeconfig"
  printf '%s' "$KUBECONFIG_DATA" >"$file"
  printf '%s' "$file"
}

# wait_until DESCRIPTION TIMEOUT COMMAND...: polls COMMAND every $POLL_SECONDS until it succeeds.
wait_until() {
  local what=$1 timeout=$2
  shift 2
  local waited=0 interval="${POLL_SECONDS:-10}"
  until "$@"; do
    if [ "$waited" -ge "$timeout" ]; then fail "timed out after ${timeout}s waiting for $what"; fi
    sleep "$interval"
    waited=$((waited + interval))
    if [ "$interval" -eq 0 ]; then waited=$((waited + 1)); fi
  done
}

# dispatch ACTION: runs the script's `create` or `delete` function.
dispatch() {
  case "${1:-}" in
    create) create ;;
    delete) delete ;;
    *) fail "usage: $(basename "$0") create|delete" ;;
  esac
}
