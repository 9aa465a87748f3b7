#!/usr/bin/env bash
# Customer gateway: the GCP Cloud VPN as NIFCLOUD sees it, owned or adopted.
#   create/update: own: creates CGW_NAME when missing (description NIFCLOUD_OWNER_MARK); an
#           existing one is owned only when this stack created it (lib.sh claim_owned). adopt: it
#           must exist. Either way it must point at CGW_PEER_IP. Waits for `available`,
#           re-reading on every poll.
#   delete: own, and created by this stack: deletes it and waits until it is gone; not-found is
#           done. Otherwise: kept.
# Environment (plus lib.sh's):
#   CGW_NAME       customer gateway name, 1-15 [0-9a-zA-Z].
#   CGW_OWNERSHIP  own | adopt. Changing it is an `update`, never a replacement.
#   CGW_PEER_IP    the GCP VPN gateway's public address.
#   CGW_LAN_CIDR   GCP's ranges behind it, one covering block (for a new gateway).
#   CGW_TYPE       default "IPsec VTI".
#   NIFCLOUD_CGW_TIMEOUT  seconds to wait for a state (default 300).
# Prints {"CustomerGatewayId", "Ownership", "CreatedByStack"}.
SCRIPT_NAME=customer-gateway
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"
require CGW_NAME
MODE=$(ownership CGW_OWNERSHIP)
TIMEOUT="${NIFCLOUD_CGW_TIMEOUT:-300}"

cgw_json() {
  nif_lookup describe-customer-gateways --nifty-customer-gateway-name "$CGW_NAME" | jq -c '[.CustomerGatewaySet[]? | select(.State != "deleted")] | first // empty'
}

state() { cgw_json | jq -r '.State // empty'; }
is_available() { [ "$(state)" = "available" ]; }
is_gone() { [ -z "$(cgw_json)" ]; }
description_of() { jq -r '.NiftyCustomerGatewayDescription // ""' <<<"$1"; }

converge() {
  require CGW_PEER_IP
  local cgw created=true
  cgw=$(cgw_json)
  if [ -z "$cgw" ]; then
    [ "$MODE" = "own" ] || fail "customer gateway $CGW_NAME does not exist and its ownership is 'adopt': check the name, or set $PEER_KEY.ownership.customerGateway to 'own'"
    require CGW_LAN_CIDR
    log "creating customer gateway $CGW_NAME -> $CGW_PEER_IP ($CGW_LAN_CIDR)"
    nif create-customer-gateway --nifty-customer-gateway-name "$CGW_NAME" --ip-address "$CGW_PEER_IP" \
      --nifty-customer-gateway-description "$OWNER_MARK" \
      --type "${CGW_TYPE:-IPsec VTI}" --nifty-lan-side-cidr-block "$CGW_LAN_CIDR" >/dev/null
  else
    local id
    id=$(jq -r '.CustomerGatewayId' <<<"$cgw")
    if [ "$MODE" = "own" ]; then
      claim_owned "customer gateway" "$CGW_NAME" customerGateway CustomerGatewayId "$id" "$(description_of "$cgw")"
    elif ! created_by_stack CustomerGatewayId "$id" "$(description_of "$cgw")"; then
      created=false
    fi
    local ip
    ip=$(jq -r '.IpAddress' <<<"$cgw")
    [ "$ip" = "$CGW_PEER_IP" ] || fail "customer gateway $CGW_NAME exists for $ip, not $CGW_PEER_IP"
    log "customer gateway $CGW_NAME exists ($MODE)"
  fi
  wait_until "customer gateway $CGW_NAME to be available" "$TIMEOUT" is_available
  cgw_json | jq -c --arg mode "$MODE" --argjson created "$created" '{CustomerGatewayId, Ownership: $mode, CreatedByStack: $created}'
}

create() { converge; }
update() { converge; }

delete() {
  if [ "$MODE" != "own" ]; then log "customer gateway $CGW_NAME was adopted, not created: kept"; return 0; fi
  local cgw
  cgw=$(cgw_json)
  if [ -z "$cgw" ]; then log "customer gateway $CGW_NAME already gone"; return 0; fi
  if ! created_by_stack CustomerGatewayId "$(jq -r '.CustomerGatewayId' <<<"$cgw")" "$(description_of "$cgw")"; then
    log "customer gateway $CGW_NAME was not created by this stack: kept"
    return 0
  fi
  delete_settled "customer gateway $CGW_NAME" "$TIMEOUT" "" delete-customer-gateway --nifty-customer-gateway-name "$CGW_NAME"
}

dispatch "$@"
