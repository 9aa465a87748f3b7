#!/usr/bin/env bash
# Helpers every command script sources: required inputs, logging to stderr, a lifetime that
# nothing the script starts outlives, temporary files readable by the owner only, secrets that
# never lie on disk, polling, and the create/update/delete dispatch.

set -euo pipefail
umask 077

log() { printf '[%s] %s\n' "${SCRIPT_NAME:-script}" "$*" >&2; }

# read_process PID: sets PROCESS_STATE (Z: exited, not yet reaped), PROCESS_PARENT and
# PROCESS_GROUP of the process PID; fails when there is none.
read_process() {
  local stat
  if [ -d /proc/self ]; then
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    stat=${stat##*") "} # proc(5): the fields after "(command) " are state, ppid, pgrp, ...
  else
    stat=$(ps -o stat= -o ppid= -o pgid= -p "$1" 2>/dev/null) || return 1
  fi
  read -r PROCESS_STATE PROCESS_PARENT PROCESS_GROUP _ <<<"$stat"
}

# The script leads a process group of its own, which holds everything it starts. @pulumi/command
# runs it as `exec bash <script> <action>` (lib/scriptCommandLine.ts), in the plug-in's
# group, and on a cancel or a customTimeouts expiry SIGKILLs that one process: the plug-in's
# exec.CommandContext cancels with Process.Kill (pulumi-command v1.2.1
# provider/pkg/provider/local/commandOutputs.go run; golang/go src/os/exec/exec.go). A SIGKILL runs
# no trap and ends no child. A script run from a file that does not lead its group is run again
# under setsid, which keeps its pid (setsid(1) forks only for a group leader), so that kill still
# reaches it.
if [ "${BASH_SOURCE[-1]}" = "$0" ] && read_process $$ && [ "$PROCESS_GROUP" != $$ ]; then
  if command -v setsid >/dev/null; then exec setsid "$BASH" "$0" "$@"; fi
  log "WARNING: setsid (util-linux) not found: a cancel will not stop the processes this script starts"
fi

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
# The script's own path, for the watchdog to run its `undo` (undo_if_killed).
SCRIPT_PATH="$(cd "$(dirname "$0")" && pwd -P)/$(basename "$0")"

# watch_script SCRIPT PARENT DIR PATH: the watchdog, in a process group of its own and deaf to the
# signals a terminal or the engine sends a group. Every half second it looks at the script. Once
# the script is gone, however it ended, it SIGKILLs the script's group, every process the script
# started and left running (the sleep of a poll, a CLI call, asmcli), as the plug-in killed the
# script. If the script asked for it (undo_if_killed) and ended without running its EXIT trap
# (a SIGKILL), it then runs `bash PATH undo` with UNDO_DIR=DIR, in the script's environment, and
# waits for it. Last it removes DIR (WORK_DIR), which the script's EXIT trap never removes after a
# SIGKILL. If the script's parent goes first (the plug-in ended), it sends the group SIGTERM, so
# the script stops and cleans up as on any TERM, and waits for it. While a process group has
# members its id is not reused, so the group it signals holds the script's processes only.
watch_script() {
  local script=$1 parent=$2 dir=$3 path=$4 told=""
  trap '' INT TERM HUP
  while read_process "$script" && [ "${PROCESS_STATE:0:1}" != Z ]; do
    if [ -z "$told" ] && [ "$PROCESS_PARENT" != "$parent" ]; then
      told=yes
      kill -TERM -- "-$script" 2>/dev/null || true
    fi
    sleep 0.5
  done
  kill -KILL -- "-$script" 2>/dev/null || true
  if [ -f "$dir/.undo" ]; then UNDO_DIR=$dir "$BASH" "$path" undo </dev/null >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}
if read_process $$ && [ "$PROCESS_GROUP" = $$ ] && command -v setsid >/dev/null; then
  setsid "$BASH" -c "$(declare -f read_process watch_script); watch_script \"\$@\"" watchdog $$ "$PPID" "$WORK_DIR" "$SCRIPT_PATH" </dev/null >/dev/null 2>&1 &
fi

# undo_if_killed: from now on, if the script is SIGKILLed (a cancel or a customTimeouts expiry:
# no trap runs, and a failed create leaves no output, so no later run knows what this one did),
# the watchdog runs the script's `undo` action, which reads what to undo from UNDO_DIR (this run's
# WORK_DIR, kept until it ends). A script that ends any other way undoes in its own EXIT trap, and
# its WORK_DIR, the request with it, is gone when the watchdog looks.
undo_if_killed() { : >"$WORK_DIR/.undo"; }

# Secrets never lie on disk where /proc gives the script's descriptors a path (Linux): the script
# opens SECRET_SLOTS empty files in WORK_DIR and unlinks them at once; secret_file writes a value
# into a free one through /proc/<script pid>/fd/<n>, which opens the unlinked file again for every
# reader (proc(5), /proc/pid/fd), any process of the user, while the script runs. When the script
# ends, even by SIGKILL, the kernel frees the files with its last descriptor; a child holds them no
# longer than the watchdog lets it live.
SECRET_SLOTS=()
open_secret_slots() {
  local slot fd
  for slot in 1 2 3 4; do
    exec {fd}<>"$WORK_DIR/.slot$slot"
    SECRET_SLOTS+=("$fd")
  done
  rm -f "$WORK_DIR"/.slot?
}
if [ -d "/proc/$$/fd" ]; then open_secret_slots; fi

# named_secret_file VAR NAME: writes the value of the environment variable VAR to the private file
# WORK_DIR/NAME and prints its path. `printf` is a shell builtin, so the value never reaches any
# process's command line. For a tool that resolves the path it is given to a file name, which the
# path secret_file prints does not survive (asmcli runs `readlink -f` on --kubeconfig:
# anthos-service-mesh-packages asmcli/lib/parse.sh, lib/util.sh apath). The file is on disk until
# the script ends; after a SIGKILL, until the watchdog removes WORK_DIR (half a second).
named_secret_file() {
  require "$1"
  local file="$WORK_DIR/$2"
  printf '%s' "${!1}" >"$file"
  printf '%s' "$file"
}

# secret_file VAR NAME: puts the value of the environment variable VAR into a free secret slot and
# prints WORK_DIR/NAME, a link to it that any tool reads as a file (kubectl --kubeconfig, jq
# --rawfile, the nifcloud CLI's file://). Removing the link removes no secret: the slot keeps the
# value until the script ends. NAME asked again gets its slot again. Without /proc: a
# named_secret_file.
secret_file() {
  [ "${#SECRET_SLOTS[@]}" -gt 0 ] || { named_secret_file "$@"; return; }
  require "$1"
  local file="$WORK_DIR/$2" fd
  if [ ! -L "$file" ]; then
    for fd in "${SECRET_SLOTS[@]}" ""; do
      if [ -z "$fd" ] || [ ! -s "/proc/$$/fd/$fd" ]; then break; fi
    done
    [ -n "$fd" ] || fail "secret_file $2: all ${#SECRET_SLOTS[@]} secret slots hold a secret already"
    ln -s "/proc/$$/fd/$fd" "$file"
  fi
  printf '%s' "${!1}" >"$file"
  printf '%s' "$file"
}

# kubeconfig_file: puts $KUBECONFIG_DATA (a secret) in a secret slot and prints the path to it.
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
# own `update` converges with `create`. `undo` is the watchdog's, after a SIGKILL (undo_if_killed).
dispatch() {
  case "${1:-}" in
    create) create ;;
    update) if declare -F update >/dev/null; then update; else create; fi ;;
    delete) delete ;;
    undo) if declare -F undo >/dev/null; then require UNDO_DIR; undo; else fail "$(basename "$0") has no undo"; fi ;;
    *) fail "usage: $(basename "$0") create|update|delete" ;;
  esac
}
