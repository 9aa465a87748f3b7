#!/usr/bin/env bash
# A guard between an ACK One hub and the vSwitch of its own. A hub of the Default profile may
# leave resources in its vSwitches after its own deletion has completed (@pulumi/alicloud 3.108
# ackone/cluster.d.ts, `profile`), and the vSwitch's delete retries DependencyViolation only for
# its delete timeout (terraform-provider-alicloud alicloud/resource_alicloud_vswitch.go,
# resourceAliCloudVpcVswitchDelete). Placed after the vSwitch and before the hub, this resource's
# delete runs after the hub's and before the vSwitch's, and waits for what the hub left.
#   create: nothing to create. Prints {"VSwitchIds": "<ids>"}.
#   delete: waits until each vSwitch holds no cloud resource, re-reading it every poll with
#           DescribeVSwitchAttributes (vpc/DescribeVSwitchAttributes.json; its answer lists
#           CloudResources, ResourceType and ResourceCount per kind: aliyun-openapi-java-sdk
#           aliyun-java-sdk-vpc DescribeVSwitchAttributesResponseUnmarshaller). A vSwitch that
#           is not found is done; any other error fails with the cloud's. On timeout fails,
#           naming what each vSwitch still holds.
# Environment, besides scripts/alibaba/lib.sh's:
#   VSWITCH_IDS              the hub's vSwitches, space-separated (required)
#   VSWITCH_RELEASE_TIMEOUT  seconds to wait (default 1800)
SCRIPT_NAME=vswitch-release
# shellcheck source=scripts/alibaba/lib.sh
. "$(dirname "$0")/../alibaba/lib.sh"
require VSWITCH_IDS

HELD=""
# released: no vSwitch of VSWITCH_IDS holds a cloud resource any more (re-read on every call).
released() {
  local vsw answer held
  HELD=""
  for vsw in $VSWITCH_IDS; do
    answer=$(ali_lookup vpc DescribeVSwitchAttributes --VSwitchId "$vsw")
    [ -n "$answer" ] || continue
    held=$(jq -r '[(.CloudResources.CloudResourceSetType // .CloudResources // [])[]? | select((.ResourceCount // 0) > 0)
                   | "\(.ResourceType) \(.ResourceCount)"] | join(", ")' <<<"$answer")
    if [ -n "$held" ]; then
      log "vSwitch $vsw still holds $held"
      HELD="${HELD:+$HELD; }$vsw: $held"
    fi
  done
  [ -z "$HELD" ]
}

create() {
  jq -nc --arg ids "$VSWITCH_IDS" '{VSwitchIds: $ids}'
}

delete() {
  if ! poll_until "what the hub left in its vSwitch to be released" "${VSWITCH_RELEASE_TIMEOUT:-1800}" released; then
    fail "the hub's vSwitch still holds cloud resources: $HELD. Find them with \`aliyun vpc DescribeVSwitchAttributes --VSwitchId <id>\` (CloudResources), wait, and run destroy again"
  fi
  log "the hub's vSwitch holds nothing any more"
}

dispatch "$@"
