#!/usr/bin/env bash
# The `local` stack's outputs, with the engine and backend `npm run local` used (the built
# `pulumi` is not on the user's PATH). Arguments go to `pulumi stack output`, e.g. `--json` or
# an output's name.
set -euo pipefail
# shellcheck source=devtools/local/lib.sh
. "$(dirname "$0")/lib.sh"

[ -f "$LOCAL_STACK_CONFIG" ] || {
  local_log "there is no local deployment in $MESH_LOCAL_HOME: run \`npm run local\` first"
  exit 1
}
cd "$REPO_ROOT"
pulumi --non-interactive stack output --stack local "$@"
