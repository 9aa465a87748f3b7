#!/usr/bin/env bash
# VPN gateway on the bare-metal cluster's private LAN, pay per use, owned or adopted.
#   create/update: own: creates GW_NAME when missing (description NIFCLOUD_OWNER_MARK); an
#           existing gateway is owned only when this stack created it (lib.sh claim_owned).
#           adopt: it must exist. Either
#           way the gateway must sit on GW_NETWORK_ID. An owned gateway in another firewall group
#           is moved to GW_FIREWALL_GROUP (NiftyModifyVpnGatewayAttribute, Attribute=groupId:
#           terraform-provider-nifcloud network/vpngateway/update.go). Waits for `available`,
#           re-reading the gateway on every poll.
#   delete: own, and created by this stack: deletes it and waits until NIFCLOUD no longer lists
#           it; not-found is done. Otherwise: never deletes.
# Environment (plus lib.sh's):
#   GW_NAME            gateway name, 1-15 [0-9a-zA-Z].
#   GW_OWNERSHIP       own | adopt. Changing it is an `update`, never a replacement.
#   GW_TYPE            small | medium | large (for a new gateway).
#   GW_ZONE            availability zone for a new gateway.
#   GW_NETWORK_ID      the private LAN's network id (private-lan.sh's NetworkId).
#   GW_PRIVATE_IP      the gateway's address on that LAN (for a new gateway).
#   GW_FIREWALL_GROUP  firewall group name (firewall-group.sh's GroupName).
#   NIFCLOUD_GATEWAY_TIMEOUT  seconds to wait for a state (default 1800 create, 600 delete).
# Prints {"VpnGatewayId", "PublicIp" (the net-COMMON_GLOBAL address), "Ownership", "CreatedByStack"}.
SCRIPT_NAME=vpn-gateway
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"
require GW_NAME
MODE=$(ownership GW_OWNERSHIP)

gateway_json() {
  nif_lookup describe-vpn-gateways --nifty-vpn-gateway-name "$GW_NAME" | jq -c '[.VpnGatewaySet[]?] | first // empty'
}

state() { gateway_json | jq -r '.State // empty'; }
is_available() { [ "$(state)" = "available" ]; }
is_gone() { [ -z "$(gateway_json)" ]; }
description_of() { jq -r '.NiftyVpnGatewayDescription // ""' <<<"$1"; }

converge() {
  require GW_NETWORK_ID GW_FIREWALL_GROUP
  local gw created=true
  gw=$(gateway_json)
  if [ -z "$gw" ]; then
    [ "$MODE" = "own" ] || fail "VPN gateway $GW_NAME does not exist and its ownership is 'adopt': check the name, or set $PEER_KEY.ownership.vpnGateway to 'own'"
    require GW_TYPE GW_ZONE GW_PRIVATE_IP
    log "creating VPN gateway $GW_NAME ($GW_TYPE) at $GW_PRIVATE_IP on $GW_NETWORK_ID"
    nif create-vpn-gateway --nifty-vpn-gateway-name "$GW_NAME" --nifty-vpn-gateway-type "$GW_TYPE" \
      --nifty-vpn-gateway-description "$OWNER_MARK" \
      --nifty-network "NetworkId=$GW_NETWORK_ID,IpAddress=$GW_PRIVATE_IP" \
      --security-group "$GW_FIREWALL_GROUP" --placement "AvailabilityZone=$GW_ZONE" --accounting-type 2 >/dev/null
  else
    local id
    id=$(jq -r '.VpnGatewayId' <<<"$gw")
    if [ "$MODE" = "own" ]; then
      claim_owned "VPN gateway" "$GW_NAME" vpnGateway VpnGatewayId "$id" "$(description_of "$gw")"
    elif ! created_by_stack VpnGatewayId "$id" "$(description_of "$gw")"; then
      created=false
    fi
    jq -e --arg net "$GW_NETWORK_ID" 'any(.NetworkInterfaceSet[]?; .NetworkId == $net)' <<<"$gw" >/dev/null ||
      fail "VPN gateway $GW_NAME is not on the private LAN $GW_NETWORK_ID: attach it to the cluster's LAN or choose another gateway"
    log "VPN gateway $GW_NAME exists ($(state), $MODE)"
    wait_until "VPN gateway $GW_NAME to be available" "${NIFCLOUD_GATEWAY_TIMEOUT:-1800}" is_available
    local group
    group=$(gateway_json | jq -r '.GroupSet[0].GroupId // empty')
    if [ "$group" != "$GW_FIREWALL_GROUP" ]; then
      [ "$MODE" = "own" ] || fail "adopted VPN gateway $GW_NAME is in firewall group '$group', not '$GW_FIREWALL_GROUP': set the firewall group to '$group'"
      log "moving VPN gateway $GW_NAME from firewall group $group to $GW_FIREWALL_GROUP"
      nif nifty-modify-vpn-gateway-attribute --nifty-vpn-gateway-name "$GW_NAME" --attribute groupId --value "$GW_FIREWALL_GROUP" >/dev/null
    fi
  fi
  wait_until "VPN gateway $GW_NAME to be available" "${NIFCLOUD_GATEWAY_TIMEOUT:-1800}" is_available
  gateway_json | jq -c --arg mode "$MODE" --argjson created "$created" '{VpnGatewayId, PublicIp: ([.NetworkInterfaceSet[]? | select(.NetworkId == "net-COMMON_GLOBAL") | .IpAddress] | first // ""), Ownership: $mode, CreatedByStack: $created}
    | if .PublicIp == "" then error("the gateway has no net-COMMON_GLOBAL address") else . end'
}

create() { converge; }
update() { converge; }

delete() {
  if [ "$MODE" != "own" ]; then log "VPN gateway $GW_NAME was adopted, not created: kept"; return 0; fi
  local gw
  gw=$(gateway_json)
  if [ -z "$gw" ]; then log "VPN gateway $GW_NAME already gone"; return 0; fi
  if ! created_by_stack VpnGatewayId "$(jq -r '.VpnGatewayId' <<<"$gw")" "$(description_of "$gw")"; then
    log "VPN gateway $GW_NAME was not created by this stack: kept"
    return 0
  fi
  delete_settled "VPN gateway $GW_NAME" "${NIFCLOUD_GATEWAY_TIMEOUT:-600}" "" delete-vpn-gateway --nifty-vpn-gateway-name "$GW_NAME"
}

dispatch "$@"
