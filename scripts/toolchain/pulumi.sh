#!/usr/bin/env bash
# Builds the Pulumi CLI and its Node.js language host at the version of the @pulumi/pulumi SDK.
set -euo pipefail
# shellcheck source=scripts/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

version="${PULUMI_VERSION:?PULUMI_VERSION is required, e.g. 3.248.0}"
dest="$TOOLS_HOME/pulumi-$version"
if cached pulumi "$version"; then log "pulumi $version cached"; exit 0; fi

work="$dest/src"
wrapper_module "$work" toolchain/pulumi
cd "$work"
# pkg/go.mod replaces the clipboard module; a wrapper must repeat that replace line.
go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version"
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
log "building pulumi $version"
CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" \
  -o "$dest/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

# The language host has no tags of its own: take the commit the pkg release was cut from.
commit=$(curl -fsS "https://proxy.golang.org/github.com/pulumi/pulumi/pkg/v3/@v/v$version.info" | jq -r .Origin.Hash)
go get "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$commit" \
  "github.com/pulumi/pulumi/pkg/v3@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version"
log "building pulumi-language-nodejs at $commit"
CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" \
  -o "$dest/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
rm -rf "$work"
link_tool pulumi "$version" pulumi pulumi-language-nodejs
