#!/usr/bin/env bash
# Builds kwok from the module proxy: it fakes nodes and drives pods on them through their
# lifecycle (Running, Ready) on an API server without kubelets, so Deployments become Available.
set -euo pipefail
# shellcheck source=devtools/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

version="${KWOK_VERSION:-0.7.0}"
dest="$TOOLS_HOME/kwok-$version"
if cached kwok "$version" kwok; then
  link_tool kwok "$version" kwok
  log "kwok $version cached"
  exit 0
fi
mkdir -p "$dest"
log "building kwok $version"
GOBIN="$dest" CGO_ENABLED=0 go install -trimpath "sigs.k8s.io/kwok/cmd/kwok@v$version"
link_tool kwok "$version" kwok
