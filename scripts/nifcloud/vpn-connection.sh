#!/usr/bin/env bash
# VPN connection between the VPN gateway and the customer gateway.
#   create/update: creates it when no connection joins the two gateways, and waits for
#           `available`, re-reading it on every poll. The pre-shared key goes from the
#           environment to a private file by a shell builtin and reaches jq and the CLI only as
#           file contents (`--rawfile`, `file://`), never on a command line; the file is removed
#           on exit, and the key is dropped from every response (DescribeVpnConnections returns
#           it in clear).
#   delete: deletes it and waits until it is gone; not-found is done.
# Environment (plus lib.sh's):
#   CONN_GATEWAY_ID           vpn-gateway.sh's VpnGatewayId.
#   CONN_CUSTOMER_GATEWAY_ID  customer-gateway.sh's CustomerGatewayId.
#   CONN_TYPE                 default "IPsec VTI".
#   CONN_IPSEC                JSON NiftyIpsecConfiguration without the key.
#   PRE_SHARED_KEY            the IPsec pre-shared key (secret).
#   NIFCLOUD_CONNECTION_TIMEOUT  seconds to wait for a state (default 600).
# Prints {"VpnConnectionId"}.
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
    # The key is never in a named file: the configuration goes through a secret slot (common.sh).
    local psk ipsec IPSEC_CONFIGURATION
    psk=$(secret_file PRE_SHARED_KEY psk)
    # shellcheck disable=SC2034 # read by name by secret_file
    IPSEC_CONFIGURATION=$(jq -n --argjson ipsec "$CONN_IPSEC" --rawfile psk "$psk" '$ipsec + {PreSharedKey: $psk}')
    ipsec=$(secret_file IPSEC_CONFIGURATION ipsec.json)
    nif create-vpn-connection --type "${CONN_TYPE:-IPsec VTI}" --vpn-gateway-id "$CONN_GATEWAY_ID" \
      --customer-gateway-id "$CONN_CUSTOMER_GATEWAY_ID" --nifty-ipsec-configuration "file://$ipsec" \
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
  delete_settled "VPN connection $id" "${NIFCLOUD_CONNECTION_TIMEOUT:-600}" "" delete-vpn-connection --vpn-connection-id "$id" --no-agreement
}

dispatch "$@"
