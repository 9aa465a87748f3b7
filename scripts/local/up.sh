#!/usr/bin/env bash
# The local deployment, end to end: tools, two local Kubernetes control planes, the `local`
# stack on a file backend, `pulumi up`; then what it created and how to tear it down.
set -euo pipefail
# shellcheck source=scripts/local/lib.sh
. "$(dirname "$0")/lib.sh"

# The local deployment needs no test tools (package.json prepare builds them for the tests).
[ -d "$REPO_ROOT/node_modules/@pulumi/pulumi" ] || (cd "$REPO_ROOT" && MESH_SKIP_TEST_TOOLS=true npm install --no-audit --no-fund)
local_log "tools (built once, then cached); engine: $MESH_ENGINE"
bash "$REPO_ROOT/scripts/toolchain/install.sh"
local_log "control planes"
local_clusters_up
local_stack_init
local_log "pulumi up"
local_pulumi up --yes --skip-preview

cat <<SUMMARY

Created on two local API servers (kubeconfigs in $LOCAL_CLUSTERS_HOME/<name>/kubeconfig):
  east, west   istio-system (network label, cacerts from one shared root), istiod, the east-west
               gateway and cross-network Gateway, a remote secret for the other cluster,
               helloworld + sleep in sample
  east         the app, its Service and ServiceExport in provider-ns
  west         the ServiceImport and the consumer in provider-ns
Pods are scheduled to one kwok fake node per cluster and reported Running and Ready; no
container actually runs.

Look:      kubectl --kubeconfig $(local_kubeconfig east) get all,secrets -n istio-system
Outputs:   PULUMI_BACKEND_URL=$PULUMI_BACKEND_URL PULUMI_CONFIG_PASSPHRASE_FILE=$PULUMI_CONFIG_PASSPHRASE_FILE pulumi stack output -s local
Tear down: npm run local:down
SUMMARY
