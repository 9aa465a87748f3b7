"""The VPN Gateway reads of the `aliyun` stand-in (tests/fakes/aliyun_cli.py): the gateways, IPsec connections and
routes the rehearsal's alicloud plug-in keeps in the shared state, with each tunnel's negotiation state, BGP state
and BGP routes as the rehearsal's data plane finds them (tests/rehearsal/dataplane) from every cloud's state.

Response shapes: the VPC API's responses as aliyun/alibabacloud-java-sdk and alibabacloud-typescript-sdk
vpc-20160428 model them (DescribeVpnGatewaysResponseBody, DescribeVpnConnectionsResponseBody,
DescribeVpnConnectionResponseBody, DescribeVpnRouteEntriesResponseBody): a tunnel's Status is one of
ike_sa_not_established, ike_sa_established, ipsec_sa_not_established, ipsec_sa_established, its
TunnelBgpConfig.BgpStatus `success` or `false`; a BGP route's Source is VPN_BGP (learned from the peer) or CLOUD
(advertised from the VPC). RouteEntryType takes `custom` (the default) or `bgp`, as the API reference
(help.aliyun.com/zh/vpc/developer-reference/api-vpc-2016-04-28-describevpnrouteentries) lists it.
"""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rehearsal", "dataplane"))
import network  # noqa: E402

APIS = ("DescribeVpnGateways", "DescribeVpnGateway", "DescribeVpnConnections", "DescribeVpnConnection", "DescribeVpnRouteEntries")
TYPE = {"DescribeVpnGateways": "alibaba:vpc/vpnGateway", "DescribeVpnGateway": "alibaba:vpc/vpnGateway",
        "DescribeVpnConnections": "alibaba:vpc/vpnConnection", "DescribeVpnConnection": "alibaba:vpc/vpnConnection",
        "DescribeVpnRouteEntries": "alibaba:vpc/vpnGateway"}


class NotFound(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def _live(state, collection):
    return {k: v for k, v in (state.get(collection) or {}).items() if isinstance(v, dict) and not v.get("deleting")}


def _network(state):
    """The data plane's result for this state and the run's other clouds ($REHEARSAL_HOME/clouds/gcp.json)."""
    home = os.environ.get("REHEARSAL_HOME")
    snapshot = network.read_clouds(home, alibaba=state, with_nifcloud=False) if home else {"alibaba": state}
    return network.evaluate(snapshot)["clouds"]["alibaba"]


def _gateway_view(gid, gw):
    outputs = gw.get("outputs") or {}
    return {"VpnGatewayId": gid, "Name": gw.get("name", ""), "VpcId": gw.get("vpc_id", ""), "VSwitchId": gw.get("vswitch_id", ""),
            "DisasterRecoveryVSwitchId": gw.get("disaster_recovery_vswitch_id", ""), "InternetIp": gw.get("internet_ip", ""),
            "DisasterRecoveryInternetIp": gw.get("disaster_recovery_internet_ip", ""), "Status": gw.get("status", "active"),
            "BusinessStatus": "Normal", "AutoPropagate": bool(gw.get("auto_propagate")), "IpsecVpn": "enable",
            "Spec": f"{outputs.get('bandwidth', 10)}M", "ChargeType": "PostpayByFlow"}


def _connection_view(cid, conn, status):
    tunnels = []
    for t in conn.get("tunnels") or []:
        seen = (status.get(cid) or {}).get("tunnels", {}).get(t.get("role")) or {}
        bgp = t.get("bgp") or {}
        tunnels.append({
            "TunnelId": t.get("tunnel_id", ""), "Role": t.get("role"), "CustomerGatewayId": t.get("customer_gateway_id", ""),
            "State": "active", "Status": seen.get("status", network.tunnels_mod.FIRST_PHASE),
            "TunnelIkeConfig": {k[0].upper() + k[1:]: str(v) for k, v in (t.get("ike") or {}).items()},
            "TunnelIpsecConfig": {k[0].upper() + k[1:]: str(v) for k, v in (t.get("ipsec") or {}).items()},
            **({"TunnelBgpConfig": {"LocalAsn": str(bgp.get("localAsn", "")), "LocalBgpIp": bgp.get("localBgpIp", ""),
                                    "TunnelCidr": bgp.get("tunnelCidr", ""), "BgpStatus": seen.get("bgpStatus", "false")}}
               if conn.get("enable_tunnels_bgp") and bgp else {}),
        })
    return {"VpnConnectionId": cid, "Name": conn.get("name", ""), "VpnGatewayId": conn.get("vpn_gateway_id", ""),
            "State": "active", "EnableTunnelsBgp": bool(conn.get("enable_tunnels_bgp")),
            "LocalSubnet": ",".join(conn.get("local_subnet") or []), "RemoteSubnet": ",".join(conn.get("remote_subnet") or []),
            "TunnelOptionsSpecification": {"TunnelOptions": tunnels}}


def _page(items, flags, key, inner):
    size, number = int(flags.get("PageSize", "10")), int(flags.get("PageNumber", "1"))
    return {"RequestId": str(uuid.uuid4()).upper(), "TotalCount": len(items), "PageNumber": number, "PageSize": size,
            key: {inner: items[(number - 1) * size:number * size]}}


def handle(state, api, flags, op):
    """The answer to one VPN Gateway read; raises NotFound with the API's code for an id that does not exist."""
    op["type"] = TYPE[api]
    gateways, connections = _live(state, "vpn_gateways"), _live(state, "vpn_connections")
    if api == "DescribeVpnGateways":
        found = [_gateway_view(g, gw) for g, gw in sorted(gateways.items())
                 if flags.get("VpcId", gw.get("vpc_id")) == gw.get("vpc_id") and flags.get("VpnGatewayId", g) == g]
        return _page(found, flags, "VpnGateways", "VpnGateway")
    if api == "DescribeVpnGateway":
        op["id"] = flags["VpnGatewayId"]
        if flags["VpnGatewayId"] not in gateways:
            raise NotFound("InvalidVpnGatewayInstanceId.NotFound", f"The specified VPN gateway {flags['VpnGatewayId']} does not exist.")
        return {"RequestId": str(uuid.uuid4()).upper(), **_gateway_view(flags["VpnGatewayId"], gateways[flags["VpnGatewayId"]])}
    if api == "DescribeVpnConnections":
        status = _network(state)["vpnConnections"]
        found = [_connection_view(c, conn, status) for c, conn in sorted(connections.items())
                 if flags.get("VpnGatewayId", conn.get("vpn_gateway_id")) == conn.get("vpn_gateway_id") and flags.get("VpnConnectionId", c) == c]
        return _page(found, flags, "VpnConnections", "VpnConnection")
    if api == "DescribeVpnConnection":
        op["id"] = flags["VpnConnectionId"]
        if flags["VpnConnectionId"] not in connections:
            raise NotFound("InvalidVpnConnectionInstanceId.NotFound", f"The specified VPN connection {flags['VpnConnectionId']} does not exist.")
        view = _connection_view(flags["VpnConnectionId"], connections[flags["VpnConnectionId"]], _network(state)["vpnConnections"])
        return {"RequestId": str(uuid.uuid4()).upper(), **view}
    # DescribeVpnRouteEntries
    gid = flags["VpnGatewayId"]
    op["id"] = gid
    if gid not in gateways:
        raise NotFound("InvalidVpnGatewayInstanceId.NotFound", f"The specified VPN gateway {gid} does not exist.")
    if flags.get("RouteEntryType", "custom").lower() == "bgp":
        routes = [{**r, "VpnInstanceId": gid, "State": "published" if gateways[gid].get("auto_propagate") else "normal"}
                  for r in (_network(state)["vpnGateways"].get(gid) or {}).get("bgpRoutes", [])]
    else:
        routes = [{"RouteDest": (e.get("outputs") or {}).get("routeDest"), "NextHop": (e.get("outputs") or {}).get("nextHop"),
                   "Weight": (e.get("outputs") or {}).get("weight", 100), "RouteEntryType": "custom", "VpnInstanceId": gid,
                   "State": "published" if (e.get("outputs") or {}).get("publishVpc") else "normal"}
                  for e in _live(state, "vpn_route_entries").values() if (e.get("outputs") or {}).get("vpnGatewayId") == gid]
    return _page(routes, flags, "VpnRouteEntries", "VpnRouteEntry")
