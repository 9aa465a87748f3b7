#!/usr/bin/env bash
# Firewall group of the VPN gateway and its inbound rules, owned or adopted.
#   create/update: an owned group is created when missing (description NIFCLOUD_OWNER_MARK); an
#           adopted one must exist. Rules converge to FW_RULES in one call each way: an owned
#           group loses every rule not wanted; an adopted group loses only rules this stack
#           added earlier (read back from the previous output), so rules others put there (the
#           servers' SSH rule) survive. Renaming (FW_NAME differs from the previous output's
#           GroupName) converges: the new group is made ready, the stack's VPN gateway
#           FW_GATEWAY_NAME is moved to it (NiftyModifyVpnGatewayAttribute, Attribute=groupId,
#           as terraform-provider-nifcloud's vpngateway/update.go does), then the old group is
#           deleted when owned, or stripped of the stack's rules when adopted.
#   delete: owned: deletes the group once the stack's gateway has left it; anything else still
#           in it is an error that names it. Adopted: revokes only the rules this stack added.
#           Not-found is done.
# Environment (plus lib.sh's):
#   FW_NAME          group name, 1-15 [0-9a-zA-Z].
#   FW_OWNERSHIP     own | adopt. Changing it is an `update`, never a replacement: it deletes nothing.
#   FW_ZONE          availability zone for a new group, e.g. east-11.
#   FW_RULES         JSON list of IpPermissions ({IpProtocol, FromPort, ToPort, InOut,
#                    ListOfRequestIpRanges: [{CidrIp}], Description}).
#   FW_GATEWAY_NAME  optional: the stack's VPN gateway name (moved on rename, awaited on delete).
#   NIFCLOUD_DELETE_TIMEOUT  seconds to wait for the gateway to leave the group (default 600).
# Prints {"GroupName", "Ownership", "AddedRules": [rule keys the stack added]}; `update` and
# `delete` read it back from PULUMI_COMMAND_STDOUT.
SCRIPT_NAME=firewall-group
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"
require FW_NAME

group_json() { # group_json NAME
  nif_lookup describe-security-groups --group-name "$1" | jq -c '[.SecurityGroupInfo[]?] | first // empty'
}

# is_applied NAME: the group has applied its last change. Keeps what it read in GROUP_JSON, so
# the step after a wait works on the state the wait saw.
GROUP_JSON=""
is_applied() {
  GROUP_JSON=$(group_json "$1")
  [ "$(jq -r '.GroupStatus // empty' <<<"$GROUP_JSON")" = "applied" ]
}
is_gone() { [ -z "$(group_json "$1")" ]; }

# Canonical rule keys, one per line, for set comparison.
RULE_KEY='[.IpProtocol, (.FromPort // "" | tostring), (.ToPort // "" | tostring), (.InOut // "IN"),
  ((.ListOfRequestIpRanges // .IpRanges // []) | map(.CidrIp) | sort | join(","))] | join("|")'
rule_keys() { jq -r ".[] | $RULE_KEY" | sort -u; }

rules_of() { # rules_of GROUP_JSON
  jq -c '[.IpPermissions[]? | {IpProtocol, FromPort, ToPort, InOut, IpRanges: [.IpRanges[]? | {CidrIp}]}]' <<<"$1"
}

select_rules() { # select_rules RULES_JSON KEYS_FILE: the rules whose key is listed
  jq -c --rawfile keys "$2" "(\$keys | split(\"\\n\")) as \$k | [.[] | select(($RULE_KEY) as \$key | \$k | index(\$key))
    | {IpProtocol, FromPort, ToPort, InOut, ListOfRequestIpRanges: (.ListOfRequestIpRanges // .IpRanges), Description}
    | with_entries(select(.value != null))]" <<<"$1"
}

# change_rules VERB NAME KEYS_FILE RULES_JSON: authorize or revoke the listed rules in one call.
change_rules() {
  [ -s "$3" ] || return 0
  log "$1: $(wc -l <"$3") rule(s) of $2"
  nif "$1-security-group-ingress" --group-name "$2" --ip-permissions "$(select_rules "$4" "$3")" >/dev/null
  wait_until "firewall group $2 to apply" 300 is_applied "$2"
}

keys_json() { jq -R -s -c 'split("\n") | map(select(. != ""))' "$1"; }

# revoke_added NAME ADDED_JSON: revokes the rules this stack added that are still there.
revoke_added() {
  local current
  wait_until "firewall group $1 to apply" 300 is_applied "$1"
  current=$(rules_of "$GROUP_JSON")
  jq -r '.[]' <<<"$2" | sort -u >"$WORK_DIR/added"
  rule_keys <<<"$current" >"$WORK_DIR/have"
  comm -12 "$WORK_DIR/added" "$WORK_DIR/have" >"$WORK_DIR/revoke"
  change_rules revoke "$1" "$WORK_DIR/revoke" "$current"
}

gateway_group() { # gateway_group NAME: the firewall group the VPN gateway NAME is in
  nif_lookup describe-vpn-gateways --nifty-vpn-gateway-name "$1" | jq -r '[.VpnGatewaySet[]?] | first // {} | .GroupSet[0].GroupId // empty'
}
gateway_state() { nif_lookup describe-vpn-gateways --nifty-vpn-gateway-name "$1" | jq -r '[.VpnGatewaySet[]?] | first // {} | .State // empty'; }
gateway_available() { [ "$(gateway_state "$1")" = "available" ]; }

# move_gateway OLD NEW: moves the stack's VPN gateway from group OLD to NEW when it is in OLD.
move_gateway() {
  [ -n "${FW_GATEWAY_NAME:-}" ] || return 0
  [ "$(gateway_group "$FW_GATEWAY_NAME")" = "$1" ] || return 0
  wait_until "VPN gateway $FW_GATEWAY_NAME" "${NIFCLOUD_GATEWAY_TIMEOUT:-1800}" gateway_available "$FW_GATEWAY_NAME"
  log "moving VPN gateway $FW_GATEWAY_NAME from firewall group $1 to $2"
  nif nifty-modify-vpn-gateway-attribute --nifty-vpn-gateway-name "$FW_GATEWAY_NAME" --attribute groupId --value "$2" >/dev/null
  wait_until "VPN gateway $FW_GATEWAY_NAME" "${NIFCLOUD_GATEWAY_TIMEOUT:-1800}" gateway_available "$FW_GATEWAY_NAME"
}

converge() {
  require FW_RULES
  local mode previous group current
  mode=$(ownership FW_OWNERSHIP)
  previous=$(previous_output)
  group=$(group_json "$FW_NAME")
  if [ -z "$group" ]; then
    [ "$mode" = "own" ] || fail "firewall group $FW_NAME does not exist and its ownership is 'adopt': create it, or set ownership 'own'"
    require FW_ZONE
    log "creating firewall group $FW_NAME"
    nif create-security-group --group-name "$FW_NAME" --group-description "$OWNER_MARK" \
      --placement "AvailabilityZone=$FW_ZONE" >/dev/null
  elif [ "$mode" = "own" ] && [ "$(jq -r '.GroupName // empty' <<<"$previous")" != "$FW_NAME" ]; then
    check_owned "firewall group" "$FW_NAME" "$(jq -r '.GroupDescription // ""' <<<"$group")"
  fi
  wait_until "firewall group $FW_NAME to apply" 300 is_applied "$FW_NAME"

  local added='[]'
  [ "$(jq -r '.GroupName // empty' <<<"$previous")" = "$FW_NAME" ] && added=$(jq -c '.AddedRules // []' <<<"$previous")
  current=$(rules_of "$GROUP_JSON")
  rule_keys <<<"$FW_RULES" >"$WORK_DIR/want"
  rule_keys <<<"$current" >"$WORK_DIR/have"
  jq -r '.[]' <<<"$added" | sort -u >"$WORK_DIR/added"
  comm -23 "$WORK_DIR/want" "$WORK_DIR/have" >"$WORK_DIR/add"
  if [ "$mode" = "own" ]; then
    comm -13 "$WORK_DIR/want" "$WORK_DIR/have" >"$WORK_DIR/remove"
    cp "$WORK_DIR/want" "$WORK_DIR/ours"
  else
    comm -13 "$WORK_DIR/want" "$WORK_DIR/have" | comm -12 - "$WORK_DIR/added" >"$WORK_DIR/remove"
    comm -12 "$WORK_DIR/want" "$WORK_DIR/added" | sort -u - "$WORK_DIR/add" >"$WORK_DIR/ours"
  fi
  change_rules revoke "$FW_NAME" "$WORK_DIR/remove" "$current"
  # All rules in one call: NIFCLOUD rejects concurrent changes to one group.
  change_rules authorize "$FW_NAME" "$WORK_DIR/add" "$FW_RULES"

  local old
  old=$(jq -r '.GroupName // empty' <<<"$previous")
  if [ -n "$old" ] && [ "$old" != "$FW_NAME" ]; then retire "$old" "$previous"; fi
  jq -cn --arg name "$FW_NAME" --arg mode "$mode" --argjson added "$(keys_json "$WORK_DIR/ours")" \
    '{GroupName: $name, Ownership: $mode, AddedRules: $added}'
}

# retire OLD PREVIOUS_OUTPUT: after a rename, the old group gives up the gateway, then is deleted
# (owned) or loses the stack's rules (adopted).
retire() {
  move_gateway "$1" "$FW_NAME"
  if [ "$(jq -r '.Ownership // "own"' <<<"$2")" = "own" ]; then
    delete_owned "$1"
  else
    [ -z "$(group_json "$1")" ] || revoke_added "$1" "$(jq -c '.AddedRules // []' <<<"$2")"
  fi
}

# users NAME: what is still registered in the group, one "kind name" a line.
users() {
  group_json "$1" | jq -r '(.VpnGatewaySet[]? | "gateway \(.NiftyVpnGatewayName)"), (.InstancesSet[]? | "server \(.InstanceId)"),
    (.RouterSet[]? | "router \(.RouterName // .RouterId)")'
}
only_leaving_gateway() { # the group holds nothing but the stack's gateway while it is deleted
  local left
  left=$(users "$1")
  [ -z "$left" ] && return 0
  if [ -n "${FW_GATEWAY_NAME:-}" ] && [ "$left" = "gateway $FW_GATEWAY_NAME" ] && [ "$(gateway_state "$FW_GATEWAY_NAME")" = "deleting" ]; then
    return 1
  fi
  fail "firewall group $1 still holds: $(tr '\n' ' ' <<<"$left")- move them to another group (or adopt the group) before deleting it"
}
is_empty() { only_leaving_gateway "$1" && [ -z "$(users "$1")" ]; }

delete_owned() { # delete_owned NAME
  if [ -z "$(group_json "$1")" ]; then log "firewall group $1 already gone"; return 0; fi
  wait_until "firewall group $1 to be empty" "${NIFCLOUD_DELETE_TIMEOUT:-600}" is_empty "$1"
  if [ "$(group_json "$1" | jq -r '.GroupStatus // empty')" != "deleting" ]; then
    wait_until "firewall group $1 to apply" 300 is_applied "$1"
    log "deleting firewall group $1"
    nif_delete delete-security-group --group-name "$1"
  fi
  wait_until "firewall group $1 to go" 300 is_gone "$1"
}

create() { converge; }
update() { converge; }

delete() {
  local previous
  previous=$(previous_output)
  if [ "$(ownership FW_OWNERSHIP)" = "own" ]; then
    delete_owned "$FW_NAME"
  else
    log "firewall group $FW_NAME was adopted: kept, only the rules this stack added are revoked"
    [ -z "$(group_json "$FW_NAME")" ] || revoke_added "$FW_NAME" "$(jq -c '.AddedRules // []' <<<"$previous")"
  fi
}

dispatch "$@"
