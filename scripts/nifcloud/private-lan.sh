#!/usr/bin/env bash
# Private LAN the VPN gateway attaches to: usually the bare-metal cluster's existing LAN,
# adopted by network id or by name; or a LAN the stack owns.
#   create/update: adopt: finds the LAN by LAN_NETWORK_ID, else by LAN_NAME; it must exist and
#           its CIDR must equal LAN_CIDR. own: creates LAN_NAME when missing (pay per use,
#           description NIFCLOUD_OWNER_MARK); an existing LAN is owned only when this stack
#           created it (lib.sh claim_owned). Waits for `available`, re-reading the LAN on every poll.
#   delete: own, and created by this stack: deletes the LAN and waits until NIFCLOUD no longer
#           lists it; not-found is done. Otherwise: never deletes.
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
# Prints {"NetworkId", "CidrBlock", "PrivateLanName", "Ownership", "CreatedByStack"}.
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

# The command that lists the account's LANs with their network ids, named in messages.
LIST_LANS="nifcloud computing nifty-describe-private-lans --query 'PrivateLanSet[].[PrivateLanName,NetworkId,CidrBlock]' --output text"

state() { lan_json "$@" | jq -r '.State // empty'; }
is_available() { [ "$(state "$@")" = "available" ]; }
is_gone() { [ -z "$(lan_json "$@")" ]; }

converge() {
  require LAN_CIDR
  local lan created=true
  lan=$(lan_json)
  if [ -z "$lan" ]; then
    [ "$MODE" = "own" ] || fail "private LAN $LAN_REF does not exist and its ownership is 'adopt': list the account's LANs with \`$LIST_LANS\` and set $PEER_KEY.privateLan.networkId to the servers' LAN, or set $PEER_KEY.ownership.privateLan to 'own'"
    [ -z "${LAN_NETWORK_ID:-}" ] || fail "private LAN network $LAN_NETWORK_ID does not exist: an owned LAN is created by LAN_NAME, not by network id"
    [[ "$LAN_NAME" =~ ^[0-9a-zA-Z]{1,15}$ ]] || fail "private LAN name '$LAN_NAME' cannot be created: NIFCLOUD takes 1-15 characters [0-9a-zA-Z]"
    require LAN_ZONE
    log "creating private LAN $LAN_NAME ($LAN_CIDR)"
    nif nifty-create-private-lan --private-lan-name "$LAN_NAME" --cidr-block "$LAN_CIDR" --description "$OWNER_MARK" \
      --availability-zone "$LAN_ZONE" --accounting-type 2 >/dev/null
  else
    local cidr id description
    cidr=$(jq -r '.CidrBlock' <<<"$lan")
    id=$(jq -r '.NetworkId' <<<"$lan")
    description=$(jq -r '.Description // ""' <<<"$lan")
    [ "$cidr" = "$LAN_CIDR" ] || fail "private LAN $LAN_REF exists with CIDR $cidr, not $LAN_CIDR"
    if [ "$MODE" = "own" ]; then
      claim_owned "private LAN" "$LAN_REF ($id)" privateLan NetworkId "$id" "$description"
    elif ! created_by_stack NetworkId "$id" "$description"; then
      created=false
    fi
    log "private LAN $LAN_REF exists ($MODE)"
  fi
  wait_until "private LAN $LAN_REF to be available" "$TIMEOUT" is_available
  lan_json | jq -c --arg mode "$MODE" --argjson created "$created" '{NetworkId, CidrBlock, PrivateLanName, Ownership: $mode, CreatedByStack: $created}'
}

create() { converge; }
update() { converge; }

delete() {
  if [ "$MODE" != "own" ]; then log "private LAN $LAN_REF was adopted, not created: kept"; return 0; fi
  local id lan
  id=$(previous_output | jq -r '.NetworkId // empty')
  [ -n "$id" ] || id=$(lan_json | jq -r '.NetworkId // empty')
  lan=$([ -z "$id" ] || lan_json "$id")
  if [ -z "$lan" ]; then log "private LAN $LAN_REF already gone"; return 0; fi
  if ! created_by_stack NetworkId "$id" "$(jq -r '.Description // ""' <<<"$lan")"; then
    log "private LAN $LAN_REF ($id) was not created by this stack: kept"
    return 0
  fi
  delete_settled "private LAN $id" "$TIMEOUT" "$id" nifty-delete-private-lan --network-id "$id"
}

dispatch "$@"
