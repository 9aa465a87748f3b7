#!/usr/bin/env bash
# First use of ACK and ACK One on an account: the roles they assume must exist before any
# cluster or hub is created. ACK's roles are authorized once with the account owner (ACK roles,
# alibabacloud.com/help/doc-detail/86483: the quick-authorization roles, each with the system
# policy <role>Policy); ACK One needs the service-linked role AliyunServiceRoleForAdcp, which only
# the account owner or a RAM administrator can create (RAM CreateServiceLinkedRole with
# ServiceName adcp.aliyuncs.com: help.aliyun.com/document_detail/416779). Checked first, so a new
# account stops here, naming each missing role and how to grant it, before anything is created.
#   create: cs CheckServiceRole (cs/CheckServiceRole.json; body {"roles": [{"name"}]}, answer
#           roles[].granted and message: ACK API reference, CheckServiceRole) for the ACK roles,
#           then ram GetRole for ACK One's role (a missing role answers EntityNotExist.Role:
#           terraform-provider-alicloud alicloud/service_alicloud_ram_v2.go, DescribeRamRole).
#           Prints {"Roles": "<the roles checked>"}.
#   delete: nothing to remove.
# Environment, besides scripts/alibaba/lib.sh's:
#   PREFLIGHT_ACK_ROLES  ACK roles to check, space-separated (default: the cluster-management
#                        roles for ACK managed, ACK Serverless / ACS and registered clusters, and
#                        the network add-on's role)
SCRIPT_NAME=preflight
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
ACK_ROLES="${PREFLIGHT_ACK_ROLES:-AliyunCSDefaultRole AliyunCSManagedKubernetesRole AliyunCSServerlessKubernetesRole AliyunCSManagedNetworkRole}"
ACK_ONE_ROLE=AliyunServiceRoleForAdcp

# ack_grant ROLE: how to grant one of ACK's roles.
ack_grant() {
  printf '%s' "authorize ACK's roles once with the account owner (the ACK console offers the quick authorization when first opened;" \
    " alibabacloud.com/help/doc-detail/86483), or with the RAM API: create $1 trusting cs.aliyuncs.com, then" \
    " aliyun ram AttachPolicyToRole --PolicyType System --PolicyName ${1}Policy --RoleName $1"
}

create() {
  local body answer missing="" role
  body=$(jq -nc --arg roles "$ACK_ROLES" '{roles: ($roles | split(" ") | map(select(. != "") | {name: .}))}')
  answer=$(ali cs CheckServiceRole --body "$body")
  while IFS=$'\t' read -r role message; do
    [ -n "$role" ] || continue
    log "missing ACK role $role: $message; to grant it, $(ack_grant "$role")"
    missing="$missing $role"
  done < <(jq -r '.roles[]? | select(.granted != true) | [.name, (.message // "not granted")] | @tsv' <<<"$answer")

  if ali_asking ram GetRole --RoleName "$ACK_ONE_ROLE" >/dev/null; then
    :
  elif [ "$(last_error_code)" = EntityNotExist.Role ]; then
    log "missing ACK One role $ACK_ONE_ROLE (service-linked); the account owner or a RAM administrator creates it with" \
      "aliyun ram CreateServiceLinkedRole --ServiceName adcp.aliyuncs.com, or by opening the ACK One console once and accepting its authorization prompt"
    missing="$missing $ACK_ONE_ROLE"
  else
    cat "$ALI_ERR" >&2
    fail "could not check ACK One's role $ACK_ONE_ROLE"
  fi

  [ -z "$missing" ] || fail "the account lacks roles ACK and ACK One need:$missing (how to grant each is above); nothing was created"
  jq -nc --arg roles "$ACK_ROLES $ACK_ONE_ROLE" '{Roles: ($roles | split(" ") | map(select(. != "")) | join(" "))}'
}

delete() { log "nothing to remove"; }

dispatch "$@"
