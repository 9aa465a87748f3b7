#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager and kube-scheduler (it binds pods to kwok's
# fake nodes) from the module proxy. k8s.io/kubernetes
# requires its staging modules at v0.0.0 through local replace lines; a wrapper module points
# each of them at its published v0.<minor>.<patch> instead.
set -euo pipefail
# shellcheck source=devtools/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

version="${KUBERNETES_VERSION:?KUBERNETES_VERSION is required, e.g. 1.32.9}"
dest="$TOOLS_HOME/kubernetes-$version"
binaries=(kube-apiserver kube-controller-manager kube-scheduler)
if cached kubernetes "$version" "${binaries[@]}"; then
  link_tool kubernetes "$version" "${binaries[@]}"
  log "kubernetes $version cached"
  exit 0
fi
# A cache built before a binary joined the list gets only the missing ones.
missing=()
for bin in "${binaries[@]}"; do
  [ -x "$dest/$bin" ] || missing+=("$bin")
done

work="$dest/src"
wrapper_module "$work" toolchain/kubernetes
cd "$work"
log "fetching modules for kubernetes $version"
staging_version="v0.${version#1.}"
gomod=$(curl -fsS "https://proxy.golang.org/k8s.io/kubernetes/@v/v$version.mod")
# Every `k8s.io/<name> => ./staging/...` line becomes a replace with the published module.
while read -r module; do
  go mod edit -replace "$module=$module@$staging_version"
done < <(sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' <<<"$gomod")
# The godebug defaults change TLS and symlink behaviour; keep the ones Kubernetes ships with.
while read -r line; do
  go mod edit -godebug "$line"
done < <(sed -n 's#^godebug \(.*\)#\1#p' <<<"$gomod")
# Naming the packages (not the module) records go.sum entries for all they import.
packages=()
for bin in "${missing[@]}"; do packages+=("k8s.io/kubernetes/cmd/$bin@v$version"); done
go get "${packages[@]}"
ldflags="-X k8s.io/component-base/version.gitVersion=v$version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"$version")"
for bin in "${missing[@]}"; do
  log "building $bin $version"
  CGO_ENABLED=0 go build -trimpath -pgo=off -ldflags "$ldflags" -o "$dest/$bin" "k8s.io/kubernetes/cmd/$bin"
done
rm -rf "$work"
link_tool kubernetes "$version" "${binaries[@]}"
