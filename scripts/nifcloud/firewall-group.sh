#!/usr/bin/env bash
# Firewall group of the VPN gateway and its inbound rules, owned or adopted.
#   create/update: an owned group is created when missing (description NIFCLOUD_OWNER_MARK); an
#           existing one is owned only when this stack created it (lib.sh claim_owned). An
#           adopted group must exist. Rules converge to FW_RULES in one call each way: an owned
#           group loses every rule not wanted; an adopted group loses only rules this stack
#           added earlier (read back from the previous output), so rules others put there (the
#           servers' SSH rule) survive. A run that fails after adding rules revokes them before
#           it exits: its output, the record of what the stack added, is never printed.
#           Renaming (FW_NAME differs from the previous output's GroupName) converges: the new
#           group is made ready, the stack's VPN gateway FW_GATEWAY_NAME is moved to it
#           (NiftyModifyVpnGatewayAttribute, Attribute=groupId, as terraform-provider-nifcloud's
#           vpngateway/update.go does), then the old group is deleted when the stack created it,
#           or stripped of the stack's rules otherwise.
#           A run that is killed (SIGKILL: a cancel, a customTimeouts expiry) is undone alike,
#           by the watchdog (lib/common.sh undo_if_killed), which runs this script's `undo`.
#   delete: a group this stack created and owns: deleted once the stack's gateway has left it;
#           anything else still in it is an error that names it. Otherwise (adopted, or not
#           created by this stack): kept, only the rules this stack added are revoked.
#           Not-found is done.
# Rules are compared in the form NIFCLOUD stores them: one source (CIDR or group) per rule, a
# one-port TCP/UDP rule as its start port ("ポートを単一指定する際は、許可開始ポートのみを指定
# します": the service model's AuthorizeSecurityGroupIngress documentation; one CIDR per rule as
# terraform-provider-nifcloud's computing/securitygrouprule/expander.go sends it). A rule key is
# PROTOCOL|FROM|TO|INOUT|SOURCE with TO empty for one port, ports empty for protocols without
# them, a lone address as /32; the keys of either side, and of older outputs, compare equal.
# Environment (plus lib.sh's):
#   FW_NAME          group name, 1-15 [0-9a-zA-Z].
#   FW_OWNERSHIP     own | adopt. Changing it is an `update`, never a replacement: it deletes nothing.
#   FW_ZONE          availability zone for a new group, e.g. east-11.
#   FW_RULES         JSON list of IpPermissions ({IpProtocol, FromPort, ToPort, InOut,
#                    ListOfRequestIpRanges: [{CidrIp}], Description}).
#   FW_GATEWAY_NAME  optional: the stack's VPN gateway name (moved on rename, awaited on delete).
#   NIFCLOUD_DELETE_TIMEOUT  seconds to wait for the gateway to leave the group (default 600).
# Prints {"GroupName", "Ownership", "CreatedByStack", "AddedRules": [rule keys the stack added]};
# `update` and `delete` read it back from PULUMI_COMMAND_STDOUT.
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

# RULES: a JSON list of rules in any form (FW_RULES, DescribeSecurityGroups' IpPermissions) as
# [{key, rule}], one per source; `rule` is the request form of that one rule.
# shellcheck disable=SC2016 # a jq program: its $names are jq's
RULES='[.[]? | . as $r | $r.IpProtocol as $p | ($p == "TCP" or $p == "UDP") as $ported
  | (if $ported and $r.FromPort != null then $r.FromPort | tostring else "" end) as $from
  | (if $ported and $r.ToPort != null and ($r.ToPort | tostring) != $from then $r.ToPort | tostring else "" end) as $to
  | ($r.InOut // "IN") as $inout
  | ((($r.ListOfRequestIpRanges // $r.IpRanges // [])[]
        | {key: (.CidrIp | if test("/") then . else . + "/32" end), source: {ListOfRequestIpRanges: [{CidrIp}]}}),
     (($r.ListOfRequestGroups // $r.Groups // [])[]
        | {key: ("group:" + .GroupName), source: {ListOfRequestGroups: [{GroupName}]}})) as $s
  | {key: ([$p, $from, $to, $inout, $s.key] | join("|")),
     rule: ({IpProtocol: $p, InOut: $inout} + (if $from == "" then {} else {FromPort: ($from | tonumber)} end)
       + (if $to == "" then {} else {ToPort: ($to | tonumber)} end) + $s.source
       + (if $r.Description then {Description: $r.Description} else {} end))}]'
rule_keys() { jq -r "$RULES | .[].key" | sort -u; }

# KEYS: rule keys as older outputs wrote them (PROTOCOL|FROM|TO|INOUT|CIDR,CIDR; TO = FROM for one
# port) in today's form, one per source.
# shellcheck disable=SC2016 # a jq program: its $names are jq's
KEYS='.[]? | split("|") as [$p, $from, $to, $inout, $sources] | ($p == "TCP" or $p == "UDP") as $ported
  | ($sources | split(",")[]) as $s
  | [$p, (if $ported then $from else "" end), (if $ported and $to != $from then $to else "" end), $inout,
     (if ($s | test("/")) or ($s | startswith("group:")) then $s else $s + "/32" end)] | join("|")'
added_keys() { jq -r "$KEYS" | sort -u; } # added_keys <<<ADDED_JSON

rules_of() { jq -c '[.IpPermissions[]?]' <<<"$1"; } # rules_of GROUP_JSON

select_rules() { # select_rules RULES_JSON KEYS_FILE: the request form of the listed rules, one each
  jq -c --rawfile keys "$2" "($RULES) as \$all | (\$keys | split(\"\\n\")) as \$k
    | [\$all[] | select(.key as \$key | \$k | index(\$key))] | unique_by(.key) | map(.rule)" <<<"$1"
}

# change_rules VERB NAME KEYS_FILE RULES_JSON: authorize or revoke the listed rules in one call.
change_rules() {
  [ -s "$3" ] || return 0
  local permissions
  permissions=$(select_rules "$4" "$3")
  # RevokeSecurityGroupIngress takes no Description (the service model's request shape).
  [ "$1" = authorize ] || permissions=$(jq -c 'map(del(.Description))' <<<"$permissions")
  log "$1: $(wc -l <"$3") rule(s) of $2"
  nif "$1-security-group-ingress" --group-name "$2" --ip-permissions "$permissions" >/dev/null
  wait_until "firewall group $2 to apply" 300 is_applied "$2"
}

keys_json() { jq -R -s -c 'split("\n") | map(select(. != ""))' "$1"; }

# revoke_present NAME KEYS_FILE: revokes the listed rules that the group still has.
revoke_present() {
  local current
  wait_until "firewall group $1 to apply" 300 is_applied "$1"
  current=$(rules_of "$GROUP_JSON")
  rule_keys <<<"$current" >"$WORK_DIR/have"
  comm -12 "$2" "$WORK_DIR/have" >"$WORK_DIR/revoke"
  change_rules revoke "$1" "$WORK_DIR/revoke" "$current"
}

# revoke_added NAME ADDED_JSON: revokes the rules this stack added that are still there.
revoke_added() {
  added_keys <<<"$2" >"$WORK_DIR/added"
  revoke_present "$1" "$WORK_DIR/added"
}

# A run that fails after its authorize call revokes what that call added (ADDING_GROUP and
# $WORK_DIR/adding): the failed run prints no output, so nothing else would ever remove them
# (@pulumi/command records no stdout of a failed create: pulumi-command v1.2.1
# provider/pkg/provider/local/commandOutputs.go, run). The undo runs in a subshell whose every
# failure ends only the undo; it is bounded by its own timeout, and says what it could not revoke.
# A run that is SIGKILLed (a cancel, a customTimeouts expiry) runs no trap: the watchdog runs
# `undo` instead, on the same files (scripts/lib/common.sh undo_if_killed).
ADDING_GROUP=""
undo_adding() {
  [ -n "$ADDING_GROUP" ] && [ -s "$WORK_DIR/adding" ] || return 0
  log "the run failed after adding $(wc -l <"$WORK_DIR/adding") rule(s) to firewall group $ADDING_GROUP: revoking them"
  (
    UNDO_PID=$BASHPID
    trap 'exit 1' TERM
    # shellcheck disable=SC2329 # lib.sh's helpers call it
    fail() {
      log "ERROR: $*"
      kill -TERM "$UNDO_PID"
      exit 1
    }
    revoke_present "$ADDING_GROUP" "$WORK_DIR/adding"
  ) || log "ERROR: could not revoke them; remove these rules of firewall group $ADDING_GROUP by hand: $(tr '\n' ' ' <"$WORK_DIR/adding")"
}
on_exit() {
  local status=$1
  trap '' TERM
  [ "$status" -eq 0 ] || undo_adding
  rm -rf "$WORK_DIR"
}
trap 'on_exit $?' EXIT

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

description_of() { jq -r '.GroupDescription // ""' <<<"$1"; }

converge() {
  require FW_RULES
  local mode previous group current created=true
  mode=$(ownership FW_OWNERSHIP)
  previous=$(previous_output)
  group=$(group_json "$FW_NAME")
  if [ -z "$group" ]; then
    [ "$mode" = "own" ] || fail "firewall group $FW_NAME does not exist and its ownership is 'adopt': create it, or set $PEER_KEY.ownership.firewallGroup to 'own'"
    require FW_ZONE
    log "creating firewall group $FW_NAME"
    nif create-security-group --group-name "$FW_NAME" --group-description "$OWNER_MARK" \
      --placement "AvailabilityZone=$FW_ZONE" >/dev/null
  elif [ "$mode" = "own" ]; then
    claim_owned "firewall group" "$FW_NAME" firewallGroup GroupName "$FW_NAME" "$(description_of "$group")"
  elif ! created_by_stack GroupName "$FW_NAME" "$(description_of "$group")"; then
    created=false
  fi
  wait_until "firewall group $FW_NAME to apply" 300 is_applied "$FW_NAME"

  local added='[]'
  [ "$(jq -r '.GroupName // empty' <<<"$previous")" = "$FW_NAME" ] && added=$(jq -c '.AddedRules // []' <<<"$previous")
  current=$(rules_of "$GROUP_JSON")
  rule_keys <<<"$FW_RULES" >"$WORK_DIR/want"
  rule_keys <<<"$current" >"$WORK_DIR/have"
  added_keys <<<"$added" >"$WORK_DIR/added"
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
  cp "$WORK_DIR/add" "$WORK_DIR/adding"
  ADDING_GROUP=$FW_NAME
  printf '%s' "$FW_NAME" >"$WORK_DIR/adding-group"
  undo_if_killed
  change_rules authorize "$FW_NAME" "$WORK_DIR/add" "$FW_RULES"

  local old
  old=$(jq -r '.GroupName // empty' <<<"$previous")
  if [ -n "$old" ] && [ "$old" != "$FW_NAME" ]; then retire "$old" "$previous"; fi
  jq -cn --arg name "$FW_NAME" --arg mode "$mode" --argjson created "$created" --argjson added "$(keys_json "$WORK_DIR/ours")" \
    '{GroupName: $name, Ownership: $mode, CreatedByStack: $created, AddedRules: $added}'
  ADDING_GROUP=""
}

# retire OLD PREVIOUS_OUTPUT: after a rename, the old group gives up the gateway, then is deleted
# (owned and created by this stack) or loses the stack's rules (otherwise).
retire() {
  move_gateway "$1" "$FW_NAME"
  local group
  group=$(group_json "$1")
  [ -n "$group" ] || return 0
  if [ "$(jq -r '.Ownership // "own"' <<<"$2")" = "own" ] && created_by_stack GroupName "$1" "$(description_of "$group")"; then
    delete_owned "$1"
  else
    revoke_added "$1" "$(jq -c '.AddedRules // []' <<<"$2")"
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

# undo: after a SIGKILL of a create or update, revokes the rules it was adding (UNDO_DIR/adding)
# that the group has; what was there before that run is not in the list.
undo() {
  local group
  group=$(cat "${UNDO_DIR:?}/adding-group")
  log "a killed run was adding $(wc -l <"$UNDO_DIR/adding") rule(s) to firewall group $group: revoking them"
  revoke_present "$group" "$UNDO_DIR/adding"
}

delete() {
  local previous group
  previous=$(previous_output)
  group=$(group_json "$FW_NAME")
  if [ -z "$group" ]; then log "firewall group $FW_NAME already gone"; return 0; fi
  if [ "$(ownership FW_OWNERSHIP)" = "own" ] && created_by_stack GroupName "$FW_NAME" "$(description_of "$group")"; then
    delete_owned "$FW_NAME"
  else
    log "firewall group $FW_NAME was not created by this stack: kept, only the rules this stack added are revoked"
    revoke_added "$FW_NAME" "$(jq -c 'if .GroupName == $name then .AddedRules // [] else [] end' --arg name "$FW_NAME" <<<"$previous")"
  fi
}

dispatch "$@"
