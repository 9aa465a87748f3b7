#!/usr/bin/env bash
# Builds actionlint (the GitHub Actions workflow linter) from the module proxy.
set -euo pipefail
# shellcheck source=devtools/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

version="${ACTIONLINT_VERSION:-1.7.10}"
dest="$TOOLS_HOME/actionlint-$version"
if cached actionlint "$version" actionlint; then
  link_tool actionlint "$version" actionlint
  log "actionlint $version cached"
  exit 0
fi
build_lock
mkdir -p "$dest"
log "building actionlint $version"
GOBIN="$dest" CGO_ENABLED=0 go install "github.com/rhysd/actionlint/cmd/actionlint@v$version"
link_tool actionlint "$version" actionlint
go_caches_clean
