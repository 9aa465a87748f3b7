#!/usr/bin/env bash
# VPN connection between the VPN gateway and the customer gateway.
#   create: creates it when no connection joins the two gateways, and waits for `available`.
#           The pre-shared key travels in a private file, never on the command line,
#           and is dropped from every response (DescribeVpnConnections returns it in clear).
#           Prints {"VpnConnectionId": ...}.
#   delete: deletes it and waits until it is gone; not-found is done.
# Inputs: CONN_GATEWAY_ID, CONN_CUSTOMER_GATEWAY_ID, CONN_TYPE (default "IPsec VTI"),
#         CONN_IPSEC (JSON NiftyIpsecConfiguration without the key), PRE_SHARED_KEY (secret).
SCRIPT_NAME=vpn-connection
# shellcheck source=scripts/nifcloud/lib.sh
. "$(dirname "$0")/lib.sh"
require CONN_GATEWAY_ID CONN_CUSTOMER_GATEWAY_ID

connection_json() {
  nif_lookup describe-vpn-connections | jq -c --arg gw "$CONN_GATEWAY_ID" --arg cgw "$CONN_CUSTOMER_GATEWAY_ID" \
    '[.VpnConnectionSet[]? | select(.VpnGatewayId == $gw and .CustomerGatewayId == $cgw and .State != "deleted")
      | {VpnConnectionId, State}] | first // empty'
}

state() { connection_json | jq -r '.State // empty'; }
is_available() { [ "$(state)" = "available" ]; }
is_gone() { [ -z "$(connection_json)" ]; }

create() {
  require CONN_IPSEC PRE_SHARED_KEY
  if [ -z "$(connection_json)" ]; then
    log "creating VPN connection $CONN_GATEWAY_ID <-> $CONN_CUSTOMER_GATEWAY_ID"
    # The CLI reads a parameter value from file://, which keeps the key out of the process list.
    jq -n --argjson ipsec "$CONN_IPSEC" --arg psk "$PRE_SHARED_KEY" '$ipsec + {PreSharedKey: $psk}' >"$WORK_DIR/ipsec.json"
    nif create-vpn-connection --type "${CONN_TYPE:-IPsec VTI}" --vpn-gateway-id "$CONN_GATEWAY_ID" \
      --customer-gateway-id "$CONN_CUSTOMER_GATEWAY_ID" --nifty-ipsec-configuration "file://$WORK_DIR/ipsec.json" \
      --no-agreement >/dev/null
  else
    log "VPN connection exists ($(state))"
  fi
  wait_until "VPN connection" "${NIFCLOUD_CONNECTION_TIMEOUT:-600}" is_available
  connection_json | jq -c '{VpnConnectionId}'
}

delete() {
  local id
  id=$(connection_json | jq -r '.VpnConnectionId // empty')
  if [ -z "$id" ]; then log "VPN connection already gone"; return 0; fi
  nif_delete delete-vpn-connection --vpn-connection-id "$id" --no-agreement
  wait_until "VPN connection $id to go" "${NIFCLOUD_CONNECTION_TIMEOUT:-600}" is_gone
}

dispatch "$@"
