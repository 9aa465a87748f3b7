#!/usr/bin/env bash
# Shared helpers for building the real-engine toolchain from package registries only.
# Every tool lands in "$TOOLS_HOME/<name>-<version>/" and is linked into "$TOOLS_HOME/bin",
# so a second run on the same machine reuses what is already built.

TOOLS_HOME="${MESH_TOOLS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/multicloud-mesh-tools}"
TOOLS_BIN="$TOOLS_HOME/bin"
export GOTOOLCHAIN=local
# Only the module proxy is reachable here, not the checksum database behind it.
export GOSUMDB="${GOSUMDB:-off}"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
# The builds' own Go caches and temporary files, kept apart from the user's: install.sh removes
# them once every tool is built (they take over 13 GB that only a rebuild would read).
TOOLS_GO="$TOOLS_HOME/go"
export GOCACHE="$TOOLS_GO/build-cache" GOMODCACHE="$TOOLS_GO/modules" GOTMPDIR="$TOOLS_GO/tmp"
mkdir -p "$TOOLS_BIN" "$GOTMPDIR"

log() { printf '[toolchain] %s\n' "$*" >&2; }

# cached NAME VERSION [BINARY...]: true when NAME at VERSION was built before (and each BINARY is
# there). Under MESH_TOOLCHAIN_PLAN=FILE, a build that is not cached is only recorded in FILE, as
# "SCRIPT NAME VERSION", and its script ends there: install.sh learns what a run would build
# before it builds anything.
cached() {
  local name=$1 version=$2 bin built=true
  shift 2
  [ -f "$TOOLS_HOME/$name-$version/.done" ] || built=false
  for bin in "$@"; do
    [ -x "$TOOLS_HOME/$name-$version/$bin" ] || built=false
  done
  [ "$built" = false ] || return 0
  if [ -n "${MESH_TOOLCHAIN_PLAN:-}" ]; then
    printf '%s %s %s\n' "${0##*/}" "$name" "$version" >>"$MESH_TOOLCHAIN_PLAN"
    exit 0
  fi
  return 1
}

# build_lock: holds the tools cache for this process (fd 9) until it exits; a second build waits,
# since both would write the same tool directories and Go caches.
build_lock() {
  exec 9>"$TOOLS_HOME/.build.lock"
  flock -n 9 || {
    log "another build of the tools is running; waiting for it"
    flock 9
  }
}

# go_caches_clean: removes the Go build and module caches the builds used (Go keeps module files
# read-only, hence the chmod), saying how much that freed. MESH_KEEP_GO_CACHES=true keeps them.
go_caches_clean() {
  [ -d "$TOOLS_GO" ] || return 0
  local size
  size=$(du -sh "$TOOLS_GO" 2>/dev/null | cut -f1)
  if [ "${MESH_KEEP_GO_CACHES:-}" = true ]; then
    log "kept the Go caches the build used: $size in $TOOLS_GO (MESH_KEEP_GO_CACHES=true)"
    return 0
  fi
  chmod -R u+w "$TOOLS_GO" 2>/dev/null || true
  rm -rf "$TOOLS_GO"
  log "removed the Go caches the build used: $size in $TOOLS_GO (a version change downloads and compiles that tool again; MESH_KEEP_GO_CACHES=true keeps them)"
}

# link_tool NAME VERSION BINARY...: expose built binaries on TOOLS_BIN and mark the build done.
link_tool() {
  local name=$1 version=$2
  shift 2
  local bin
  for bin in "$@"; do
    ln -sf "$TOOLS_HOME/$name-$version/$bin" "$TOOLS_BIN/$bin"
  done
  touch "$TOOLS_HOME/$name-$version/.done"
}

# wrapper_module DIR MODULE: a throw-away Go module used to build a program whose own go.mod
# has replace lines (go install refuses those).
wrapper_module() {
  rm -rf "$1"
  mkdir -p "$1"
  (cd "$1" && go mod init "$2" >/dev/null 2>&1)
}
