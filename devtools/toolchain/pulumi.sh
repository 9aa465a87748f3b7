#!/usr/bin/env bash
# Builds the Pulumi CLI and its Node.js language host at the version of the @pulumi/pulumi SDK.
set -euo pipefail
# shellcheck source=devtools/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

version="${PULUMI_VERSION:?PULUMI_VERSION is required, e.g. 3.248.0}"
dest="$TOOLS_HOME/pulumi-$version"
if cached pulumi "$version" pulumi pulumi-language-nodejs; then
  link_tool pulumi "$version" pulumi pulumi-language-nodejs
  log "pulumi $version cached"
  exit 0
fi

work="$dest/src"
wrapper_module "$work" toolchain/pulumi
cd "$work"
log "fetching modules for pulumi $version"
# pkg/go.mod replaces the clipboard module; a wrapper must repeat that replace line.
go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version"
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
log "building pulumi $version"
CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" \
  -o "$dest/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

# The language host's own module (sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by
# the module proxy at any version. sdk/v3 up to v3.68.0 still carries the host as a package of
# the SDK module; the host only launches `@pulumi/pulumi/cmd/run` from the project's own
# node_modules, so the program still runs on the SDK version in package-lock.json.
host_version="${PULUMI_LANGUAGE_HOST_VERSION:-3.68.0}"
host="$dest/host"
wrapper_module "$host" toolchain/pulumi-language-nodejs
(
  cd "$host"
  log "fetching modules for pulumi-language-nodejs (sdk v$host_version)"
  go get "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@v$host_version"
  log "building pulumi-language-nodejs from sdk v$host_version"
  CGO_ENABLED=0 go build -trimpath -o "$dest/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
)
rm -rf "$work" "$host"
link_tool pulumi "$version" pulumi pulumi-language-nodejs
