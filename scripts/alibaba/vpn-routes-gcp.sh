#!/usr/bin/env bash
# The proof that the dual-tunnel link routes, GCP's half: Cloud Router has learned the Alibaba ranges
# over BGP. The program reads the router's best routes with gcp.compute.getRouterStatus (Compute
# Engine's routers.getRouterStatus: the routes the router learned from its BGP peers) once
# vpn-routes.sh has proven Alibaba's half, and hands them over; nothing is called here.
#   create/update: fails naming each range of ROUTES_EXPECTED that no best route has as its
#           destination, and what the router did learn; the Alibaba gateway advertises its VPC's
#           vSwitch ranges only with automatic route advertisement on ("Configure BGP dynamic
#           routing", Alibaba VPN Gateway documentation). Prints {"Learned"}.
#   delete: nothing to remove.
# Environment:
#   ROUTES_EXPECTED    ranges Cloud Router must have learned, space-separated (required)
#   ROUTES_GCP_ROUTES  the router's best routes: a JSON list of {destRange, nextHopIp} (required)
SCRIPT_NAME=vpn-routes-gcp
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
require ROUTES_EXPECTED ROUTES_GCP_ROUTES

create() {
  jq -e 'type == "array"' <<<"$ROUTES_GCP_ROUTES" >/dev/null 2>&1 || fail "ROUTES_GCP_ROUTES is not a JSON list of routes"
  local want missing learned
  want=$(jq -nc --arg r "$ROUTES_EXPECTED" '$r | split(" ") | map(select(. != "")) | sort')
  missing=$(jq -r --argjson want "$want" '[.[].destRange] as $have | $want[] | select(. as $r | $have | index($r) | not)' <<<"$ROUTES_GCP_ROUTES")
  if [ -n "$missing" ]; then
    learned=$(jq -r 'map("\(.destRange) via \(.nextHopIp)") | join(", ") | if . == "" then "nothing" else . end' <<<"$ROUTES_GCP_ROUTES")
    fail "Cloud Router has not learned over BGP: $(tr '\n' ' ' <<<"$missing")(it learned: $learned). The Alibaba gateway" \
      "advertises its VPC's vSwitch ranges only with automatic route advertisement (AutoPropagate) on"
  fi
  jq -nc --argjson want "$want" '{Learned: ($want | join(" "))}'
}

delete() { log "nothing to remove"; }

dispatch "$@"
