#!/usr/bin/env bash
# The local deployment, end to end: tools, two local Kubernetes control planes, the `local`
# stack on a file backend, `pulumi up`; then what it created and how to tear it down.
# Safe to interrupt and to run again: the control planes run in sessions of their own (a Ctrl-C
# stops `pulumi up` only), and a new run reuses or restarts whatever the last one left.
set -euo pipefail
# shellcheck source=devtools/local/lib.sh
. "$(dirname "$0")/lib.sh"

# interrupted: what a Ctrl-C left, and what to run next. Bash runs it once the foreground command
# has ended (pulumi up finishes cancelling first).
phase=tools
interrupted() {
  case "$phase" in
    tools) local_log "interrupted while building the tools; \`npm run local\` goes on with what is built." ;;
    *) local_log "interrupted. The control planes keep running: \`npm run local\` goes on from here, \`npm run local:down\` removes everything." ;;
  esac
  exit 130
}
trap interrupted INT

# The local deployment needs no test tools (package.json prepare builds them for the tests).
[ -d "$REPO_ROOT/node_modules/@pulumi/pulumi" ] || (cd "$REPO_ROOT" && MESH_SKIP_TEST_TOOLS=true npm install --no-audit --no-fund)
local_log "1/4 tools (built once, then cached); engine: $MESH_ENGINE"
bash "$REPO_ROOT/devtools/toolchain/install.sh"
phase=clusters
local_log "2/4 control planes: ${LOCAL_CLUSTERS[*]}"
local_clusters_up
local_log "3/4 the local stack (file backend in $MESH_LOCAL_HOME)"
local_stack_init
local_log "4/4 pulumi up"
if ! local_pulumi up --yes --skip-preview; then
  local_log "pulumi up failed (its errors are above). The control planes keep running: fix and run \`npm run local\` again, or \`npm run local:down\` to remove everything."
  exit 1
fi

cat <<SUMMARY

Created on two local API servers (kubeconfigs in $LOCAL_CLUSTERS_HOME/<name>/kubeconfig):
  east, west   istio-system (network label, cacerts from one shared root), istiod, the east-west
               gateway and cross-network Gateway, a remote secret for the other cluster,
               helloworld + sleep in sample
  east         the app, its Service and ServiceExport in provider-ns
  west         the ServiceImport and the consumer in provider-ns
Pods are scheduled to one kwok fake node per cluster and reported Running and Ready; no
container actually runs. So the \`verification\` output reads probed: false, and its checks
false: no call was made (on \`dev\` the same output proves cross-cluster traffic).

Look:      kubectl --kubeconfig $(local_kubeconfig east) get all,secrets -n istio-system
Outputs:   npm run local:outputs
Tear down: npm run local:down
SUMMARY
