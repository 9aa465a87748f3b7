#!/usr/bin/env bash
# Builds the pulumi-resource-kubernetes plug-in, provider v4, from the Go module proxy. The proxy
# serves the v4 line only as a pseudo-version of a commit (no tag), and `go install` refuses that
# module because its go.mod replaces the SDK with a relative path (`sdk/v4 => ../sdk`). So a
# wrapper module requires the provider and points that replace at a served SDK release, and its
# own main package does what the provider's `cmd/pulumi-resource-kubernetes/main.go` does: it
# embeds the schema and the Terraform mapping (generated upstream, absent from the module; copied
# in from the module's own `schema.json` and `terraform-mapping.json`) and serves the provider.
# The version reaches the binary through ldflags, so the engine sees which provider it runs.
set -euo pipefail
# shellcheck source=devtools/toolchain/lib.sh
. "$(dirname "$0")/lib.sh"

# The commit of the v4 line the proxy serves, and the version it reports: named as the
# provider's own build names an untagged commit (next minor, alpha.<commit time>, +<commit>).
module_version="${KUBERNETES_PROVIDER_MODULE_VERSION:-v4.0.0-20260115033456-f47bc2d6f199}"
version="${KUBERNETES_PROVIDER_VERSION:-4.25.0-alpha.1768448096+f47bc2d6}"
# sdk/v4 v4.24.0 keeps pulumi/pkg/v3 and pulumi/sdk/v3 at the v3.215.0 this commit builds with.
sdk_version="${KUBERNETES_PROVIDER_SDK_VERSION:-v4.24.0}"
build="$version-$module_version"
dest="$TOOLS_HOME/pulumi-resource-kubernetes-$build"
if cached pulumi-resource-kubernetes "$build"; then
  link_tool pulumi-resource-kubernetes "$build" pulumi-resource-kubernetes
  log "kubernetes provider $version cached"
  exit 0
fi

module=github.com/pulumi/pulumi-kubernetes/provider/v4
work="$dest/src"
wrapper_module "$work" toolchain/kubernetes-provider
cd "$work"
log "kubernetes provider $version: resolving $module@$module_version (a few minutes on a cold module cache)"
go mod edit -replace "github.com/pulumi/pulumi-kubernetes/sdk/v4=github.com/pulumi/pulumi-kubernetes/sdk/v4@$sdk_version"
go get "$module/pkg/provider@$module_version" "$module/pkg/version@$module_version" 2>"$dest/go-get.log" ||
  { cat "$dest/go-get.log" >&2; exit 1; }
source_dir="$(go env GOMODCACHE)/$module@$module_version"
cp "$source_dir/cmd/pulumi-resource-kubernetes/schema.json" schema-embed.json
cp "$source_dir/cmd/pulumi-resource-kubernetes/terraform-mapping.json" terraform-mapping-embed.json
cat >main.go <<'GO'
// The Kubernetes provider plug-in, served as its own command does, with the schema and
// Terraform mapping embedded from the module's copies.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

var providerName = "kubernetes"

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve(providerName, version.Version, pulumiSchema, terraformMapping)
}
GO
log "building pulumi-resource-kubernetes $version"
CGO_ENABLED=0 go build -trimpath -ldflags "-X $module/pkg/version.Version=$version" -o "$dest/pulumi-resource-kubernetes" .
rm -rf "$work"
link_tool pulumi-resource-kubernetes "$build" pulumi-resource-kubernetes
