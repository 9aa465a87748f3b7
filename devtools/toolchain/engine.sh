#!/usr/bin/env bash
# Sourced by devtools/local/lib.sh and devtools/toolchain/install.sh, so both make one choice:
# which engine runs the local stack. MESH_ENGINE=user is the user's own `pulumi` on PATH, with
# plug-ins acquired as usual; toolchain is the CLI and provider that devtools/toolchain builds.
# Unset, it is user when a `pulumi` other than the toolchain's is on PATH. Needs TOOLS_BIN.

# choose_engine: exports MESH_ENGINE; returns 1, saying why, for a value it cannot honour.
choose_engine() {
  local own
  own=$(command -v pulumi || true)
  [ "$own" != "$TOOLS_BIN/pulumi" ] || own=""
  case "${MESH_ENGINE:-}" in
    "") if [ -n "$own" ]; then MESH_ENGINE=user; else MESH_ENGINE=toolchain; fi ;;
    user)
      [ -n "$own" ] || {
        echo "MESH_ENGINE=user, but no pulumi of your own is on PATH: install the Pulumi CLI, or unset MESH_ENGINE to build one" >&2
        return 1
      }
      ;;
    toolchain) ;;
    *)
      echo "MESH_ENGINE=$MESH_ENGINE is not an engine: use user (your own pulumi on PATH) or toolchain (built here), or leave it unset" >&2
      return 1
      ;;
  esac
  export MESH_ENGINE
}
