#!/usr/bin/env bash
# Private LAN the VPN gateway attaches to: usually the bare-metal cluster's existing LAN,
# adopted by network id or by name; or a LAN the stack owns.
#   create/update: adopt: finds the LAN by LAN_NETWORK_ID, else by LAN_NAME; it must exist and
#           its CIDR must equal LAN_CIDR. own: creates LAN_NAME when missing (pay per use,
#           description NIFCLOUD_OWNER_MARK); a LAN of that name made by someone else is an
#           error. Waits for `available`, re-reading the LAN on every poll.
#   delete: own: deletes the LAN and waits until NIFCLOUD no longer lists it; not-found is
#           done. adopt: never deletes.
# Environment (plus lib.sh's):
#   LAN_OWNERSHIP   own | adopt (when unset, LAN_CREATE=true means own, false adopt). Changing it
#                   is an `update`, never a replacement: it deletes nothing.
#   LAN_NETWORK_ID  adopt by id, e.g. net-0a1b2c3d (takes precedence over LAN_NAME).
#   LAN_NAME        the LAN's name. NIFCLOUD creates names of 1-15 [0-9a-zA-Z]
#                   (terraform-provider-nifcloud network/privatelan/schema.go); an adopted
#                   LAN is looked up by whatever name it has.
#   LAN_CIDR        expected CIDR, e.g. 172.16.232.0/24 (required).
#   LAN_ZONE        availability zone for a new LAN.
#   NIFCLOUD_LAN_TIMEOUT  seconds to wait for a state (default 300, terraform's timeout).
# Prints {"NetworkId", "CidrBlock", "PrivateLanName", "Ownership"}.
SCRIPT_NAME=private-lan
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"

if [ -z "${LAN_OWNERSHIP:-}" ] && [ -n "${LAN_CREATE:-}" ]; then
  if [ "$LAN_CREATE" = "true" ]; then LAN_OWNERSHIP=own; else LAN_OWNERSHIP=adopt; fi
fi
MODE=$(ownership LAN_OWNERSHIP)
TIMEOUT="${NIFCLOUD_LAN_TIMEOUT:-300}"
if [ -n "${LAN_NETWORK_ID:-}" ]; then LAN_REF="network $LAN_NETWORK_ID"; else require LAN_NAME; LAN_REF="$LAN_NAME"; fi

# lan_json [NETWORK_ID]: the LAN as NIFCLOUD lists it now; empty when it does not exist.
lan_json() {
  local by=(--private-lan-name "${LAN_NAME:-}")
  if [ -n "${1:-}" ]; then by=(--network-id "$1"); elif [ -n "${LAN_NETWORK_ID:-}" ]; then by=(--network-id "$LAN_NETWORK_ID"); fi
  nif_lookup nifty-describe-private-lans "${by[@]}" | jq -c '[.PrivateLanSet[]?] | first // empty'
}

state() { lan_json "$@" | jq -r '.State // empty'; }
is_available() { [ "$(state "$@")" = "available" ]; }
is_gone() { [ -z "$(lan_json "$@")" ]; }

converge() {
  require LAN_CIDR
  local lan
  lan=$(lan_json)
  if [ -z "$lan" ]; then
    [ "$MODE" = "own" ] || fail "private LAN $LAN_REF does not exist and its ownership is 'adopt': check the name or network id, or set ownership 'own'"
    [ -z "${LAN_NETWORK_ID:-}" ] || fail "private LAN network $LAN_NETWORK_ID does not exist: an owned LAN is created by LAN_NAME, not by network id"
    [[ "$LAN_NAME" =~ ^[0-9a-zA-Z]{1,15}$ ]] || fail "private LAN name '$LAN_NAME' cannot be created: NIFCLOUD takes 1-15 characters [0-9a-zA-Z]"
    require LAN_ZONE
    log "creating private LAN $LAN_NAME ($LAN_CIDR)"
    nif nifty-create-private-lan --private-lan-name "$LAN_NAME" --cidr-block "$LAN_CIDR" --description "$OWNER_MARK" \
      --availability-zone "$LAN_ZONE" --accounting-type 2 >/dev/null
  else
    local cidr
    cidr=$(jq -r '.CidrBlock' <<<"$lan")
    [ "$cidr" = "$LAN_CIDR" ] || fail "private LAN $LAN_REF exists with CIDR $cidr, not $LAN_CIDR"
    if [ "$MODE" = "own" ] && [ "$(previous_output | jq -r '.NetworkId // empty')" != "$(jq -r '.NetworkId' <<<"$lan")" ]; then
      check_owned "private LAN" "$LAN_REF" "$(jq -r '.Description // ""' <<<"$lan")"
    fi
    log "private LAN $LAN_REF exists ($MODE)"
  fi
  wait_until "private LAN $LAN_REF to be available" "$TIMEOUT" is_available
  lan_json | jq -c --arg mode "$MODE" '{NetworkId, CidrBlock, PrivateLanName, Ownership: $mode}'
}

create() { converge; }
update() { converge; }

delete() {
  if [ "$MODE" != "own" ]; then log "private LAN $LAN_REF was adopted, not created: kept"; return 0; fi
  local id
  id=$(previous_output | jq -r '.NetworkId // empty')
  [ -n "$id" ] || id=$(lan_json | jq -r '.NetworkId // empty')
  if [ -z "$id" ] || is_gone "$id"; then log "private LAN $LAN_REF already gone"; return 0; fi
  delete_settled "private LAN $id" "$TIMEOUT" "$id" nifty-delete-private-lan --network-id "$id"
}

dispatch "$@"
