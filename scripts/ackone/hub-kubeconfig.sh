#!/usr/bin/env bash
# The ACK One hub's kubeconfig (no Pulumi data source exists for it).
#   create: prints {"kubeconfig": ...}; the caller keeps stdout secret and unlogged.
#   delete: nothing to remove.
# Inputs: HUB_CLUSTER_ID, HUB_PRIVATE (true|false), plus scripts/alibaba/lib.sh's.
SCRIPT_NAME=hub-kubeconfig
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"

create() {
  require HUB_CLUSTER_ID HUB_PRIVATE
  ali adcp DescribeHubClusterKubeconfig --ClusterId "$HUB_CLUSTER_ID" --PrivateIpAddress "$HUB_PRIVATE" \
    | jq -ce '{kubeconfig: (.Kubeconfig // error("no Kubeconfig in the answer"))}'
}

delete() { log "nothing to remove"; }

dispatch "$@"
