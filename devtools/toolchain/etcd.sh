#!/usr/bin/env bash
# Builds etcd from the module proxy, so the local control planes need no system package and no
# root. The server's own entry point (go.etcd.io/etcd/server/v3/etcdmain.Main) is all the program
# does; 3.5 is the line Kubernetes 1.32 is tested against.
set -euo pipefail
# shellcheck source=devtools/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

version="${ETCD_VERSION:-3.5.35}"
dest="$TOOLS_HOME/etcd-$version"
if cached etcd "$version"; then
  link_tool etcd "$version" etcd
  log "etcd $version cached"
  exit 0
fi
work="$dest/src"
wrapper_module "$work" toolchain/etcd
cat >"$work/main.go" <<'GO'
// The etcd server, run through its own entry point.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
cd "$work"
log "fetching modules for etcd $version"
go get "go.etcd.io/etcd/server/v3@v$version"
go mod tidy
log "building etcd $version"
CGO_ENABLED=0 go build -trimpath -o "$dest/etcd" .
rm -rf "$work"
link_tool etcd "$version" etcd
