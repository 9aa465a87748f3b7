#!/usr/bin/env bash
# Customer gateway: the GCP Cloud VPN as NIFCLOUD sees it.
#   create: creates CGW_NAME when missing; an existing one must point at CGW_PEER_IP.
#           Prints {"CustomerGatewayId": ...}.
#   delete: deletes it; not-found is done.
# Inputs: CGW_NAME, CGW_PEER_IP, CGW_LAN_CIDR, CGW_TYPE (default "IPsec VTI").
SCRIPT_NAME=customer-gateway
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"
require CGW_NAME

cgw_json() {
  nif_lookup describe-customer-gateways --nifty-customer-gateway-name "$CGW_NAME" | jq -c '[.CustomerGatewaySet[]? | select(.State != "deleted")] | first // empty'
}

is_available() { [ "$(cgw_json | jq -r '.State // empty')" = "available" ]; }

create() {
  require CGW_PEER_IP CGW_LAN_CIDR
  local cgw
  cgw=$(cgw_json)
  if [ -z "$cgw" ]; then
    log "creating customer gateway $CGW_NAME -> $CGW_PEER_IP ($CGW_LAN_CIDR)"
    nif create-customer-gateway --nifty-customer-gateway-name "$CGW_NAME" --ip-address "$CGW_PEER_IP" \
      --type "${CGW_TYPE:-IPsec VTI}" --nifty-lan-side-cidr-block "$CGW_LAN_CIDR" >/dev/null
  else
    local ip
    ip=$(jq -r '.IpAddress' <<<"$cgw")
    [ "$ip" = "$CGW_PEER_IP" ] || fail "customer gateway $CGW_NAME exists for $ip, not $CGW_PEER_IP"
    log "customer gateway $CGW_NAME exists"
  fi
  wait_until "customer gateway $CGW_NAME" 300 is_available
  cgw_json | jq -c '{CustomerGatewayId}'
}

delete() {
  nif_delete delete-customer-gateway --nifty-customer-gateway-name "$CGW_NAME"
}

dispatch "$@"
