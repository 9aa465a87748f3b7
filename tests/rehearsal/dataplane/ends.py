"""Each cloud's tunnel ends, read from what the stand-ins hold, in one shape:

  {"cloud", "id", "label", "gateway", "gatewayName", "site", "local", "peer", "psk", "proposal",
   "localTs", "remoteTs", "problems", ...}

`local` is the end's own public address, `peer` the address it sends IKE to, `psk` the SHA-256 of its key,
`site` the network behind it (("gcp", network id), ("nifcloud", LAN id), ("alibaba", VPC id)), `problems` what
keeps this end alone from negotiating (an object still being created, a missing forwarding rule).
"""
import re

import ike

ANY = ["0.0.0.0/0"]
COMMON_GLOBAL = "net-COMMON_GLOBAL"
SELF_LINK = re.compile(r"^https://(?:compute|www)\.googleapis\.com/compute/(?:v1|beta)/")


def as_id(ref):
    """A GCP reference without its API root (terraform-provider-google ConvertSelfLinkToV1, as the gcp plug-in)."""
    return SELF_LINK.sub("", str(ref or ""))


def live(collection):
    """The objects of a plug-in collection that are not being deleted."""
    return {k: v for k, v in (collection or {}).items() if isinstance(v, dict) and not v.get("deleting")}


def outputs(obj):
    return obj.get("outputs") or {}


# ---- GCP (the gcp plug-in's clouds/gcp.json) ------------------------------------------------------------------

def _classic_local(gcp, gateway_id):
    """Classic VPN's address and what is missing of the forwarding rules that carry IPsec to it: ESP, UDP 500 and
    UDP 4500 to the gateway (cloud.google.com/vpn/docs/api/apis: Classic VPN's "three forwarding rules that direct
    UDP and ESP traffic to the target VPN gateway"; the pulumi-gcp VPNTunnel example creates exactly these)."""
    rules = [outputs(r) for r in live(gcp.get("forwardingRules")).values() if as_id(outputs(r).get("target")) == gateway_id]
    have = {(str(r.get("ipProtocol", "")).upper(), str(r.get("portRange") or "")) for r in rules}
    missing = [name for name, key in (("ESP", ("ESP", "")), ("UDP 500", ("UDP", "500")), ("UDP 4500", ("UDP", "4500")))
               if key not in have]
    addresses = sorted({str(r.get("ipAddress")) for r in rules if r.get("ipAddress")})
    return (addresses[0] if addresses else None), missing


def gcp_ends(gcp):
    ends = []
    classic, ha = live(gcp.get("targetVpnGateways")), live(gcp.get("vpnGateways"))
    for tid, tunnel in sorted(live(gcp.get("vpnTunnels")).items()):
        o = outputs(tunnel)
        problems, local, network, gateway = [], None, None, None
        if o.get("vpnGateway"):
            gateway = as_id(o["vpnGateway"])
            gw = ha.get(gateway)
            if gw is None:
                problems.append(f"its HA VPN gateway {gateway} does not exist")
            else:
                index = int(o.get("vpnGatewayInterface") or 0)
                local = next((i.get("ipAddress") for i in outputs(gw).get("vpnInterfaces") or [] if int(i.get("id") or 0) == index), None)
                network = as_id(outputs(gw).get("network"))
        else:
            gateway = as_id(o.get("targetVpnGateway"))
            gw = classic.get(gateway)
            if gw is None:
                problems.append(f"its Classic VPN gateway {gateway} does not exist")
            else:
                local, missing = _classic_local(gcp, gateway)
                network = as_id(outputs(gw).get("network"))
                if missing:
                    problems.append(f"Classic VPN gateway {gw.get('name')} has no forwarding rule for {', '.join(missing)}")
        ends.append({
            "cloud": "gcp", "id": tid, "label": tunnel.get("name") or tid, "gateway": gateway,
            "gatewayName": (ha.get(gateway) or classic.get(gateway) or {}).get("name", gateway),
            "site": ("gcp", network), "local": local, "peer": o.get("peerIp"), "psk": tunnel.get("preSharedKeySha256"),
            "proposal": ike.gcp_proposal(o),
            # HA VPN tunnels always carry 0.0.0.0/0 (compute/v1 vpnTunnels: selectors are for Classic VPN only).
            "localTs": (o.get("localTrafficSelectors") or ANY) if not o.get("vpnGateway") else ANY,
            "remoteTs": (o.get("remoteTrafficSelectors") or ANY) if not o.get("vpnGateway") else ANY,
            "router": as_id(o.get("router")) if o.get("router") else None,
            "problems": problems,
        })
    return ends


# ---- NIFCLOUD (tests/fakes/nifcloud_api.py GET /_state) ---------------------------------------------------------

def nifcloud_public_ip(gateway):
    return next((n.get("IpAddress") for n in gateway.get("NetworkInterfaceSet") or [] if n.get("NetworkId") == COMMON_GLOBAL), None)


def nifcloud_lan(gateway):
    return next((n.get("NetworkId") for n in gateway.get("NetworkInterfaceSet") or [] if n.get("NetworkId") != COMMON_GLOBAL), None)


def nifcloud_ends(state):
    gateways = {g["VpnGatewayId"]: g for g in state.get("vpnGateways") or []}
    customers = {c["CustomerGatewayId"]: c for c in state.get("customerGateways") or []}
    lans = {l["NetworkId"]: l for l in state.get("privateLans") or []}
    ends = []
    for conn in state.get("vpnConnections") or []:
        gw, cgw = gateways.get(conn.get("VpnGatewayId")), customers.get(conn.get("CustomerGatewayId"))
        problems = [f"{what} {obj_id} is {obj.get('State')}" for what, obj_id, obj in
                    (("connection", conn.get("VpnConnectionId"), conn), ("VPN gateway", conn.get("VpnGatewayId"), gw or {}),
                     ("customer gateway", conn.get("CustomerGatewayId"), cgw or {}))
                    if obj and obj.get("State") != "available"]
        lan = nifcloud_lan(gw or {})
        lan_cidr = (lans.get(lan) or {}).get("CidrBlock")
        far = (cgw or {}).get("NiftyLanSideCidrBlock")
        # Plain IPsec reaches only the customer gateway's LAN-side block from the gateway's LAN; IPsec VTI is a
        # route-based interface ("IPsec VTI" blog, clouddirect.jp.fujitsu.com 2016-11-29): selectors are any.
        policy = str(conn.get("Type", "")) == "IPsec"
        ends.append({
            "cloud": "nifcloud", "id": conn.get("VpnConnectionId"), "label": conn.get("VpnConnectionId"),
            "gateway": conn.get("VpnGatewayId"), "gatewayName": (gw or {}).get("NiftyVpnGatewayName", conn.get("VpnGatewayId")),
            "site": ("nifcloud", lan), "local": nifcloud_public_ip(gw or {}), "peer": (cgw or {}).get("IpAddress"),
            "psk": conn.get("PreSharedKeySha256"), "proposal": ike.nifcloud_proposal(conn.get("NiftyIpsecConfiguration") or {}),
            "localTs": [lan_cidr] if policy and lan_cidr else ANY, "remoteTs": [far] if policy and far else ANY,
            # Either type sends the customer gateway's LAN-side block into the connection (same source).
            "routes": [far] if far else [],
            "problems": problems + ([] if gw else ["its VPN gateway does not exist"]) + ([] if cgw else ["its customer gateway does not exist"]),
        })
    return ends


# ---- Alibaba (clouds/alibaba/state.json, the alicloud plug-in's objects and the aliyun stand-in's shapes) ------

def alibaba_gateway_ips(gateway):
    """A dual-tunnel gateway's master (internet_ip) and slave (disaster_recovery_internet_ip) addresses."""
    return {"master": gateway.get("internet_ip"), "slave": gateway.get("disaster_recovery_internet_ip")}


def alibaba_ends(state):
    gateways, customers = live(state.get("vpn_gateways")), live(state.get("customer_gateways"))
    ends = []
    for cid, conn in sorted(live(state.get("vpn_connections")).items()):
        gw = gateways.get(conn.get("vpn_gateway_id"))
        for tunnel in conn.get("tunnels") or []:
            role = tunnel.get("role") or "master"
            cgw = customers.get(tunnel.get("customer_gateway_id")) or {}
            problems = [] if gw else [f"its VPN gateway {conn.get('vpn_gateway_id')} does not exist"]
            if not cgw:
                problems.append(f"its customer gateway {tunnel.get('customer_gateway_id')} does not exist")
            ends.append({
                "cloud": "alibaba", "id": f"{cid}/{role}", "label": f"{conn.get('name') or cid} {role}", "connection": cid,
                "role": role, "tunnelId": tunnel.get("tunnel_id"), "gateway": conn.get("vpn_gateway_id"),
                "gatewayName": (gw or {}).get("name", conn.get("vpn_gateway_id")), "site": ("alibaba", (gw or {}).get("vpc_id")),
                "local": alibaba_gateway_ips(gw or {}).get(role), "peer": cgw.get("ip_address"), "peerAsn": cgw.get("asn"),
                "psk": tunnel.get("psk_sha256"), "proposal": ike.alibaba_proposal(tunnel.get("ike") or {}, tunnel.get("ipsec") or {}),
                # 0.0.0.0/0 both ways is destination routing; anything else protects those flows only
                # (vpc/CreateVpnConnection.json LocalSubnet, RemoteSubnet).
                "localTs": conn.get("local_subnet") or ANY, "remoteTs": conn.get("remote_subnet") or ANY,
                "bgp": tunnel.get("bgp") if conn.get("enable_tunnels_bgp") and tunnel.get("bgp") else None,
                "problems": problems,
            })
    return ends
