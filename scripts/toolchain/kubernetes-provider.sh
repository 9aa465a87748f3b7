#!/usr/bin/env bash
# Builds a pulumi-resource-kubernetes plugin from the module proxy. The proxy serves no
# provider/v4 (nor v3) version; provider/v2 v2.0.0 is the newest it has. One of its indirect
# modules moved: vbom.ml/util now lives at github.com/fvbommel/util. The patches in
# patches/kubernetes-provider-v2-*.patch fix what breaks against a current API server.
set -euo pipefail
# shellcheck source=scripts/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

version="${KUBERNETES_PROVIDER_VERSION:-2.0.0}"
patches=("$(cd "$(dirname "$0")" && pwd)"/patches/kubernetes-provider-v2-*.patch)
# The cache key names the patch set, so a changed patch rebuilds the plugin.
build="$version-$(cat "${patches[@]}" | sha256sum | cut -c1-8)"
dest="$TOOLS_HOME/pulumi-resource-kubernetes-$build"
if cached pulumi-resource-kubernetes "$build"; then
  link_tool pulumi-resource-kubernetes "$build" pulumi-resource-kubernetes
  log "kubernetes provider $build cached"
  exit 0
fi

work="$dest/src"
module=github.com/pulumi/pulumi-kubernetes/provider/v2
wrapper_module "$work" toolchain/kubernetes-provider
cd "$work"
go mod download "$module@v$version"
cp -r "$(go env GOMODCACHE)/$module@v$version" provider
chmod -R u+w provider
for patch in "${patches[@]}"; do
  log "applying $(basename "$patch")"
  patch -s -p1 -d provider <"$patch"
done
go mod edit -replace "$module=./provider"
go mod edit -replace github.com/Azure/go-autorest=github.com/Azure/go-autorest@v13.3.1+incompatible
go mod edit -replace vbom.ml/util=github.com/fvbommel/util@v0.0.2
go get "$module/cmd/pulumi-resource-kubernetes@v$version"
log "building pulumi-resource-kubernetes $build"
CGO_ENABLED=0 go build -trimpath -o "$dest/pulumi-resource-kubernetes" "$module/cmd/pulumi-resource-kubernetes"
rm -rf "$work"
link_tool pulumi-resource-kubernetes "$build" pulumi-resource-kubernetes
