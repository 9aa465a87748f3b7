#!/usr/bin/env bash
# Sourced by install.sh: runs one build step with a short account on the terminal. Everything
# the step prints goes to BUILD_LOG; the terminal gets the step's own "[toolchain]" messages,
# each with how long it took the last time (DURATIONS, kept in the tools cache), and, while the
# terminal has shown nothing for HEARTBEAT_SECONDS, a line saying what is still going on.
# Needs TOOLS_HOME and log (lib.sh).

BUILD_LOG="$TOOLS_HOME/build.log"
DURATIONS="$TOOLS_HOME/durations.tsv"
HEARTBEAT_SECONDS="${MESH_HEARTBEAT_SECONDS:-30}"

# human SECONDS: 400 -> 6m40s, 45 -> 45s.
human() {
  if [ "$1" -ge 60 ]; then printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); else printf '%ds' "$1"; fi
}

# last_duration KEY: the seconds KEY took the last time it ran to its end, if it ever did.
last_duration() {
  local seconds key found=""
  if [ -f "$DURATIONS" ]; then
    while IFS=$'\t' read -r seconds key; do
      [ "$key" != "$1" ] || found=$seconds
    done <"$DURATIONS"
  fi
  [ -z "$found" ] || echo "$found"
}

# record_duration KEY SECONDS
record_duration() {
  local seconds key
  {
    if [ -f "$DURATIONS" ]; then
      while IFS=$'\t' read -r seconds key; do
        [ "$key" = "$1" ] || printf '%s\t%s\n' "$seconds" "$key"
      done <"$DURATIONS"
    fi
    printf '%s\t%s\n' "$2" "$1"
  } >"$DURATIONS.new"
  mv "$DURATIONS.new" "$DURATIONS"
}

# last_time KEY: " (last time 6m40s)", or nothing for a first run.
last_time() {
  local seconds
  seconds=$(last_duration "$1")
  [ -z "$seconds" ] || printf ' (last time %s)' "$(human "$seconds")"
}

# run_step HEADING KEY COMMAND...: runs COMMAND as one step of the build; fails as it does,
# showing the step's last lines and naming BUILD_LOG.
run_step() {
  local heading=$1 key=$2
  shift 2
  local start=$SECONDS status_file="$TOOLS_HOME/.step-status" fd line partial="" status
  local activity="" activity_start=$SECONDS activity_last="" next_beat=$((SECONDS + HEARTBEAT_SECONDS)) wait_for
  local recent=() # the step's last lines, shown when it fails
  log "$heading$(last_time "$key")"
  printf '\n== %s\n' "$heading" >>"$BUILD_LOG"
  rm -f "$status_file"
  exec {fd}< <(
    "$@" 2>&1
    echo "$?" >"$status_file"
  )
  while :; do
    wait_for=$((next_beat - SECONDS))
    [ "$wait_for" -gt 0 ] || wait_for=1
    if IFS= read -r -t "$wait_for" -u "$fd" line; then
      line=$partial$line
      partial=""
      printf '%s\n' "$line" >>"$BUILD_LOG"
      recent=("${recent[@]: -14}" "$line")
      if [[ "$line" == "[toolchain] "* ]]; then
        [ -z "$activity" ] || record_duration "$activity" $((SECONDS - activity_start))
        activity=${line#"[toolchain] "}
        activity_start=$SECONDS
        activity_last=$(last_duration "$activity")
        log "  $activity$(last_time "$activity")"
        next_beat=$((SECONDS + HEARTBEAT_SECONDS))
      fi
    elif [ $? -gt 128 ]; then
      partial+=$line # a line not yet ended when the wait ran out
    else
      if [ -n "$partial$line" ]; then
        printf '%s\n' "$partial$line" >>"$BUILD_LOG"
        recent+=("$partial$line")
      fi
      break
    fi
    if [ "$SECONDS" -ge "$next_beat" ]; then
      log "  still ${activity:-at it} ($(human $((SECONDS - activity_start)))${activity_last:+; last time $(human "$activity_last")})"
      next_beat=$((SECONDS + HEARTBEAT_SECONDS))
    fi
  done
  exec {fd}<&-
  status=$(cat "$status_file" 2>/dev/null || echo 1)
  rm -f "$status_file"
  if [ "$status" != 0 ]; then
    log "ERROR: $heading failed after $(human $((SECONDS - start))); its last lines:"
    printf '    %s\n' "${recent[@]}" >&2
    log "all its output: $BUILD_LOG"
    return "$status"
  fi
  [ -z "$activity" ] || record_duration "$activity" $((SECONDS - activity_start))
  record_duration "$key" $((SECONDS - start))
  log "  done in $(human $((SECONDS - start)))"
}
