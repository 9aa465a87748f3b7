#!/usr/bin/env bash
# Helpers every command script sources: required inputs, logging to stderr, temporary files
# that never outlive the script and are readable by the owner only, polling, and the
# create/update/delete dispatch.

set -euo pipefail
umask 077

log() { printf '[%s] %s\n' "${SCRIPT_NAME:-script}" "$*" >&2; }

# fail MESSAGE: stops the whole script, also from inside $(...) or a pipeline, where a plain
# `exit` would end only the subshell and a test like [ -z "$(lookup)" ] would read its silence
# as "not found".
fail() {
  log "ERROR: $*"
  if [ "${BASHPID:-$$}" != "$$" ]; then kill -TERM "$$"; fi
  exit 1
}
trap 'exit 1' TERM

# require VAR...: every named environment variable must be non-empty.
require() {
  local name
  for name in "$@"; do
    [ -n "${!name:-}" ] || fail "environment variable $name is required"
  done
}

WORK_DIR=$(mktemp -d)
trap 'rm -rf "$WORK_DIR"' EXIT

# secret_file VAR NAME: writes the value of the environment variable VAR to a private file in
# WORK_DIR and prints its path. `printf` is a shell builtin, so the value never reaches any
# process's command line.
secret_file() {
  require "$1"
  local file="$WORK_DIR/$2"
  printf '%s' "${!1}" >"$file"
  printf '%s' "$file"
}

# kubeconfig_file: writes $KUBECONFIG_DATA (a secret) to a private file and prints its path.
kubeconfig_file() {
  secret_file KUBECONFIG_DATA kubeconfig
}

# now_us: wall-clock time in microseconds.
now_us() { local t=${EPOCHREALTIME/[.,]/}; printf '%s' "$((10#$t))"; }

# poll_until DESCRIPTION TIMEOUT COMMAND...: runs COMMAND every $POLL_SECONDS (decimals allowed,
# e.g. 0.02 under test) until it succeeds; after TIMEOUT seconds of wall time logs the timeout and
# returns 1, so the caller can report what the cloud said last. COMMAND must re-read the state it
# checks on every call.
poll_until() {
  local what=$1 timeout=$2
  shift 2
  local interval="${POLL_SECONDS:-10}" start
  start=$(now_us)
  until "$@"; do
    if [ $(($(now_us) - start)) -ge $((timeout * 1000000)) ]; then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep "$interval"
  done
}

# wait_until DESCRIPTION TIMEOUT COMMAND...: poll_until, failing the script on timeout.
wait_until() {
  poll_until "$@" || fail "gave up waiting for $1"
}

# previous_output: the JSON object this command printed last time (create or update), from
# PULUMI_COMMAND_STDOUT, which @pulumi/command sets for `update` and `delete`; {} when none.
previous_output() {
  local last
  last=$(printf '%s\n' "${PULUMI_COMMAND_STDOUT:-}" | sed '/^[[:space:]]*$/d' | tail -n 1)
  if [ -n "$last" ] && jq -e 'type == "object"' <<<"$last" >/dev/null 2>&1; then printf '%s' "$last"; else printf '{}'; fi
}

# dispatch ACTION: runs the script's `create`, `update` or `delete` function. `update` runs when
# only inputs that need no replacement changed (rotated credentials, say); a script without its
# own `update` converges with `create`.
dispatch() {
  case "${1:-}" in
    create) create ;;
    update) if declare -F update >/dev/null; then update; else create; fi ;;
    delete) delete ;;
    *) fail "usage: $(basename "$0") create|update|delete" ;;
  esac
}
