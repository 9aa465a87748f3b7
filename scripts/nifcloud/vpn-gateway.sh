#!/usr/bin/env bash
# VPN gateway on the private LAN, pay per use.
#   create: creates the gateway GW_NAME when missing and waits for `available`.
#           Prints {"VpnGatewayId": ..., "PublicIp": ...} (the net-COMMON_GLOBAL address).
#   delete: deletes it and waits until it is gone; not-found is done.
# Inputs: GW_NAME, GW_TYPE, GW_ZONE, GW_NETWORK_ID, GW_PRIVATE_IP, GW_FIREWALL_GROUP.
SCRIPT_NAME=vpn-gateway
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"
require GW_NAME

gateway_json() {
  nif_lookup describe-vpn-gateways --nifty-vpn-gateway-name "$GW_NAME" | jq -c '[.VpnGatewaySet[]?] | first // empty'
}

state() { gateway_json | jq -r '.State // empty'; }
is_available() { [ "$(state)" = "available" ]; }
is_gone() { [ -z "$(gateway_json)" ]; }

create() {
  require GW_TYPE GW_ZONE GW_NETWORK_ID GW_PRIVATE_IP GW_FIREWALL_GROUP
  if [ -z "$(gateway_json)" ]; then
    log "creating VPN gateway $GW_NAME ($GW_TYPE) at $GW_PRIVATE_IP"
    nif create-vpn-gateway --nifty-vpn-gateway-name "$GW_NAME" --nifty-vpn-gateway-type "$GW_TYPE" \
      --nifty-network "NetworkId=$GW_NETWORK_ID,IpAddress=$GW_PRIVATE_IP" \
      --security-group "$GW_FIREWALL_GROUP" --placement "AvailabilityZone=$GW_ZONE" --accounting-type 2 >/dev/null
  else
    log "VPN gateway $GW_NAME exists ($(state))"
  fi
  wait_until "VPN gateway $GW_NAME" "${NIFCLOUD_GATEWAY_TIMEOUT:-1800}" is_available
  gateway_json | jq -c '{VpnGatewayId, PublicIp: ([.NetworkInterfaceSet[]? | select(.NetworkId == "net-COMMON_GLOBAL") | .IpAddress] | first // "")}
    | if .PublicIp == "" then error("the gateway has no net-COMMON_GLOBAL address") else . end'
}

delete() {
  nif_delete delete-vpn-gateway --nifty-vpn-gateway-name "$GW_NAME"
  wait_until "VPN gateway $GW_NAME to go" "${NIFCLOUD_GATEWAY_TIMEOUT:-600}" is_gone
}

dispatch "$@"
