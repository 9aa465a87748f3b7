#!/usr/bin/env bash
# The proof that the dual-tunnel link routes, before anything relies on it, Alibaba's half: both BGP
# sessions are established and the gateway has learned GCP's ranges over BGP. Nothing is
# created or changed. (GCP's half: vpn-routes-gcp.sh.)
#   create/update: finds the VPN gateway by name in the VPC (DescribeVpnGateways --VpcId) and its IPsec
#           connection by name (DescribeVpnConnections --VpnGatewayId), then waits, re-reading both on
#           every poll, until every tunnel has negotiated (Status ipsec_sa_established) and its BGP
#           session is up (TunnelBgpConfig.BgpStatus success: DescribeVpnConnection), and the gateway's
#           BGP route table holds every range in ROUTES_EXPECTED learned from GCP (DescribeVpnRouteEntries
#           --RouteEntryType bgp: Source VPN_BGP; which tunnel it names, NextHopTunnelId, is not relied
#           on: the API reference does not say whether both tunnels' routes are listed). On timeout
#           it fails naming each tunnel that is not up and each range not learned, with the gateway's
#           AutoPropagate: off, the gateway neither advertises the VPC's routes to GCP nor puts what it
#           learns into the VPC ("Configure BGP dynamic routing", Alibaba VPN Gateway documentation).
#           Prints {"VpnGatewayId", "VpnConnectionId", "Tunnels", "Learned"}.
#   delete: nothing to remove.
# Environment, besides scripts/alibaba/lib.sh's:
#   ROUTES_EXPECTED         ranges the gateway must have learned from GCP, space-separated (required)
#   ROUTES_VPC_ID           the Alibaba VPC of the gateway (required)
#   ROUTES_GATEWAY_NAME     the VPN gateway's name (required)
#   ROUTES_CONNECTION_NAME  the IPsec connection's name (required)
#   ROUTES_TIMEOUT          seconds to wait for the sessions and routes (default 600)
SCRIPT_NAME=vpn-routes
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/lib.sh"
require ROUTES_EXPECTED ROUTES_VPC_ID ROUTES_GATEWAY_NAME ROUTES_CONNECTION_NAME

# expected: the expected ranges as a JSON list.
expected() {
  jq -nc --arg r "$ROUTES_EXPECTED" '$r | split(" ") | map(select(. != ""))'
}

# one_named JSON FIELD NAME WHAT: the single object of the list named NAME; fails on none or several.
one_named() {
  local found
  found=$(jq -c --arg n "$3" "[.[] | select(.Name == \$n)]" <<<"$1")
  case "$(jq length <<<"$found")" in
    1) jq -r --arg f "$2" '.[0][$f]' <<<"$found" ;;
    0) fail "no $4 named $3" ;;
    *) fail "several ${4}s named $3: $(jq -r --arg f "$2" 'map(.[$f]) | join(", ")' <<<"$found"); name one of them uniquely" ;;
  esac
}

# state GATEWAY CONNECTION: one reading of the connection's tunnels and the gateway's BGP routes, as
# {"tunnels": [{id, role, status, bgp}], "learned": {"<range>": [the tunnels it was learned over]}}.
state() {
  local connection routes
  connection=$(ali vpc DescribeVpnConnection --RegionId "$ALIBABA_CLOUD_REGION_ID" --VpnConnectionId "$2")
  routes=$(ali vpc DescribeVpnRouteEntries --RegionId "$ALIBABA_CLOUD_REGION_ID" --VpnGatewayId "$1" --RouteEntryType bgp --PageSize 50)
  jq -nc --argjson c "$connection" --argjson r "$routes" '{
      tunnels: [$c.TunnelOptionsSpecification.TunnelOptions[]? | {id: .TunnelId, role: .Role, status: .Status,
                bgp: (.TunnelBgpConfig.BgpStatus // "none")}],
      learned: ([$r.VpnRouteEntries.VpnRouteEntry[]? | select(.Source == "VPN_BGP")]
                | group_by(.RouteDest) | map({key: .[0].RouteDest, value: map(.NextHopTunnelId)}) | from_entries)}'
}

# problems STATE: what is not yet proven, one line each; nothing when everything is.
problems() {
  jq -r --argjson want "$(expected)" '
    (.tunnels | if length == 0 then ["the connection has no tunnels"] else [] end)[],
    (.tunnels[] | select(.status != "ipsec_sa_established") | "tunnel \(.role) \(.id) has not negotiated: \(.status)"),
    (.tunnels[] | select(.bgp != "success") | "tunnel \(.role) \(.id): BGP session not established (BgpStatus \(.bgp))"),
    (. as $s | $want[] | select($s.learned[.] == null) | "range \(.) not learned from GCP over BGP")' <<<"$1"
}

create() {
  local gateways gateway connections connection last
  gateways=$(ali vpc DescribeVpnGateways --RegionId "$ALIBABA_CLOUD_REGION_ID" --VpcId "$ROUTES_VPC_ID" --PageSize 50)
  gateway=$(one_named "$(jq -c '.VpnGateways.VpnGateway // []' <<<"$gateways")" VpnGatewayId "$ROUTES_GATEWAY_NAME" "VPN gateway in VPC $ROUTES_VPC_ID")
  connections=$(ali vpc DescribeVpnConnections --RegionId "$ALIBABA_CLOUD_REGION_ID" --VpnGatewayId "$gateway" --PageSize 50)
  connection=$(one_named "$(jq -c '.VpnConnections.VpnConnection // []' <<<"$connections")" VpnConnectionId "$ROUTES_CONNECTION_NAME" "IPsec connection on $gateway")

  proven() {
    last=$(state "$gateway" "$connection")
    [ -z "$(problems "$last")" ]
  }
  if ! poll_until "both BGP sessions and the routes learned from GCP" "${ROUTES_TIMEOUT:-600}" proven; then
    local auto
    # Only a hint for the message below: a refused read prints the cloud's error and reads unknown.
    auto=$(ali_asking vpc DescribeVpnGateway --RegionId "$ALIBABA_CLOUD_REGION_ID" --VpnGatewayId "$gateway" \
      | jq -r 'if has("AutoPropagate") then (.AutoPropagate | tostring) else "unknown" end') || { cat "$ALI_ERR" >&2; auto=unknown; }
    problems "$last" | while IFS= read -r line; do log "$line"; done
    fail "the link through VPN gateway $gateway ($ROUTES_GATEWAY_NAME), connection $connection ($ROUTES_CONNECTION_NAME), is not" \
      "proven: see above. The gateway's automatic route advertisement (AutoPropagate) is $auto; without it the gateway" \
      "neither advertises the VPC's vSwitch ranges to GCP nor routes what it learns into the VPC"
  fi
  jq -nc --arg g "$gateway" --arg c "$connection" --argjson s "$last" \
    '{VpnGatewayId: $g, VpnConnectionId: $c, Tunnels: ($s.tunnels | map("\(.role):\(.id)") | join(" ")),
      Learned: ($s.learned | keys | join(" "))}'
}

delete() { log "nothing to remove"; }

dispatch "$@"
