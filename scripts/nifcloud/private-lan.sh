#!/usr/bin/env bash
# Private LAN.
#   create: adopts the LAN named LAN_NAME when it exists (its CIDR must equal LAN_CIDR), creates
#           it when LAN_CREATE=true, and waits for `available`. Prints {"NetworkId": ...}.
#   delete: deletes only a LAN this stack created (LAN_CREATE=true); not-found is done.
# Inputs: LAN_NAME, LAN_CIDR, LAN_ZONE, LAN_CREATE (true|false).
SCRIPT_NAME=private-lan
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"
require LAN_NAME LAN_CREATE

lan_json() {
  nif_lookup nifty-describe-private-lans --private-lan-name "$LAN_NAME" | jq -c '[.PrivateLanSet[]?] | first // empty'
}

is_available() {
  [ "$(lan_json | jq -r '.State // empty')" = "available" ]
}

create() {
  require LAN_CIDR LAN_ZONE
  local lan
  lan=$(lan_json)
  if [ -z "$lan" ]; then
    [ "$LAN_CREATE" = "true" ] || fail "private LAN $LAN_NAME does not exist and privateLan.create is false"
    log "creating private LAN $LAN_NAME ($LAN_CIDR)"
    nif nifty-create-private-lan --private-lan-name "$LAN_NAME" --cidr-block "$LAN_CIDR" \
      --availability-zone "$LAN_ZONE" --accounting-type 2 >/dev/null
  else
    local cidr
    cidr=$(jq -r '.CidrBlock' <<<"$lan")
    [ "$cidr" = "$LAN_CIDR" ] || fail "private LAN $LAN_NAME exists with CIDR $cidr, not $LAN_CIDR"
    log "private LAN $LAN_NAME exists"
  fi
  wait_until "private LAN $LAN_NAME" 300 is_available
  lan_json | jq -c '{NetworkId, CidrBlock}'
}

delete() {
  if [ "$LAN_CREATE" != "true" ]; then log "private LAN $LAN_NAME was adopted, not created: kept"; return 0; fi
  nif_delete nifty-delete-private-lan --private-lan-name "$LAN_NAME"
  wait_until "private LAN $LAN_NAME to go" 300 test -z "$(lan_json)"
}

dispatch "$@"
