#!/usr/bin/env bash
# Firewall group and its inbound rules.
#   create: creates the group when missing, then converges its rules to FW_RULES (adds missing
#           rules in one call, revokes rules no longer wanted) and waits for `applied`.
#   delete: deletes the group; not-found is done; retries while NIFCLOUD still holds it in use.
# Inputs: FW_NAME, FW_ZONE, FW_DESCRIPTION, FW_RULES (JSON list of IpPermissions).
SCRIPT_NAME=firewall-group
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"
require FW_NAME

group_json() {
  nif_lookup describe-security-groups --group-name "$FW_NAME" | jq -c '[.SecurityGroupInfo[]?] | first // empty'
}

is_applied() {
  [ "$(group_json | jq -r '.GroupStatus // empty')" = "applied" ]
}

# Canonical rule keys, one per line, for set comparison.
rule_keys() {
  jq -r '.[] | [.IpProtocol, (.FromPort // "" | tostring), (.ToPort // "" | tostring), (.InOut // "IN"),
    ((.ListOfRequestIpRanges // .IpRanges // []) | map(.CidrIp) | sort | join(","))] | join("|")' | sort -u
}

existing_rules() {
  group_json | jq -c '[.IpPermissions[]? | {IpProtocol, FromPort, ToPort, InOut, IpRanges: [.IpRanges[]? | {CidrIp}]}]'
}

select_rules() { # select_rules RULES_JSON KEYS_FILE: the rules whose key is listed
  jq -c --rawfile keys "$2" '($keys | split("\n")) as $k | [.[] | select(([.IpProtocol, (.FromPort // "" | tostring), (.ToPort // "" | tostring), (.InOut // "IN"),
    ((.ListOfRequestIpRanges // .IpRanges // []) | map(.CidrIp) | sort | join(","))] | join("|")) as $key | $k | index($key))
    | {IpProtocol, FromPort, ToPort, InOut, ListOfRequestIpRanges: (.ListOfRequestIpRanges // .IpRanges), Description}
    | with_entries(select(.value != null))]' <<<"$1"
}

create() {
  require FW_ZONE FW_RULES
  if [ -z "$(group_json)" ]; then
    log "creating firewall group $FW_NAME"
    nif create-security-group --group-name "$FW_NAME" --group-description "${FW_DESCRIPTION:-multicloud-mesh}" \
      --placement "AvailabilityZone=$FW_ZONE" >/dev/null
  else
    log "firewall group $FW_NAME exists"
  fi
  wait_until "firewall group $FW_NAME" 300 is_applied

  local current
  current=$(existing_rules)
  rule_keys <<<"$FW_RULES" >"$WORK_DIR/want"
  rule_keys <<<"$current" >"$WORK_DIR/have"
  comm -23 "$WORK_DIR/want" "$WORK_DIR/have" >"$WORK_DIR/add"
  comm -13 "$WORK_DIR/want" "$WORK_DIR/have" >"$WORK_DIR/remove"
  if [ -s "$WORK_DIR/remove" ]; then
    log "revoking $(wc -l <"$WORK_DIR/remove") rule(s) no longer wanted"
    nif revoke-security-group-ingress --group-name "$FW_NAME" \
      --ip-permissions "$(select_rules "$current" "$WORK_DIR/remove")" >/dev/null
    wait_until "firewall group $FW_NAME" 300 is_applied
  fi
  if [ -s "$WORK_DIR/add" ]; then
    log "authorizing $(wc -l <"$WORK_DIR/add") rule(s)"
    # All rules in one call: NIFCLOUD rejects concurrent changes to one group.
    nif authorize-security-group-ingress --group-name "$FW_NAME" \
      --ip-permissions "$(select_rules "$FW_RULES" "$WORK_DIR/add")" >/dev/null
    wait_until "firewall group $FW_NAME" 300 is_applied
  fi
  jq -cn --arg name "$FW_NAME" '{GroupName: $name}'
}

delete() {
  local tries=0
  until nif_delete delete-security-group --group-name "$FW_NAME"; do
    # Still referenced by a gateway that is being deleted.
    grep -q 'InUse\|Processing' "$NIF_ERR" || fail "could not delete firewall group $FW_NAME"
    tries=$((tries + 1))
    [ "$tries" -lt "${NIFCLOUD_DELETE_RETRIES:-30}" ] || fail "firewall group $FW_NAME still in use"
    sleep "$POLL_SECONDS"
  done
}

dispatch "$@"
