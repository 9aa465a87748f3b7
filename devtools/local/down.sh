#!/usr/bin/env bash
# Tears the local deployment down: `pulumi destroy` while the clusters still run, then the
# control planes, then the stack and its state. Other clusters kept in the same state
# directory (control-plane.sh up with other names) are left alone.
set -euo pipefail
# shellcheck source=devtools/local/lib.sh
. "$(dirname "$0")/lib.sh"

if [ -f "$LOCAL_STACK_CONFIG" ]; then
  local_pulumi destroy --yes
  (cd "$REPO_ROOT" && pulumi --non-interactive stack rm local --yes --preserve-config)
fi
local_clusters_down
rm -rf "$MESH_LOCAL_HOME/backend" "$PULUMI_CONFIG_PASSPHRASE_FILE" "$LOCAL_STACK_CONFIG"
rmdir "$LOCAL_CLUSTERS_HOME" "$MESH_LOCAL_HOME" 2>/dev/null || true
local_log "nothing of the local deployment is left"
