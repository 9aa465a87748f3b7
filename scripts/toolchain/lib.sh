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
mkdir -p "$TOOLS_BIN"

log() { printf '[toolchain] %s\n' "$*" >&2; }

# cached NAME VERSION: true when NAME at VERSION was built before.
cached() {
  [ -f "$TOOLS_HOME/$1-$2/.done" ]
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
