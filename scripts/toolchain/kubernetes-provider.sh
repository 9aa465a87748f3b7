#!/usr/bin/env bash
# Builds a pulumi-resource-kubernetes plugin from the module proxy. The proxy serves no
# provider/v4 (nor v3) version; provider/v2 v2.0.0 is the newest it has. One of its indirect
# modules moved: vbom.ml/util now lives at github.com/fvbommel/util.
set -euo pipefail
# shellcheck source=scripts/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

version="${KUBERNETES_PROVIDER_VERSION:-2.0.0}"
dest="$TOOLS_HOME/pulumi-resource-kubernetes-$version"
if cached pulumi-resource-kubernetes "$version"; then log "kubernetes provider $version cached"; exit 0; fi

work="$dest/src"
wrapper_module "$work" toolchain/kubernetes-provider
cd "$work"
go mod edit -replace github.com/Azure/go-autorest=github.com/Azure/go-autorest@v13.3.1+incompatible
go mod edit -replace vbom.ml/util=github.com/fvbommel/util@v0.0.2
go get "github.com/pulumi/pulumi-kubernetes/provider/v2/cmd/pulumi-resource-kubernetes@v$version"
log "building pulumi-resource-kubernetes $version"
CGO_ENABLED=0 go build -trimpath -o "$dest/pulumi-resource-kubernetes" \
  github.com/pulumi/pulumi-kubernetes/provider/v2/cmd/pulumi-resource-kubernetes
rm -rf "$work"
link_tool pulumi-resource-kubernetes "$version" pulumi-resource-kubernetes
