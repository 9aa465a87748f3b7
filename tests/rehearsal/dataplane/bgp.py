"""BGP over the tunnels between Cloud Router and an Alibaba VPN gateway: which sessions are established and which
prefixes each side advertises, hence learns.

A session is established when its tunnel is up and both ends agree (RFC 4271 6.2, the OPEN message: a peer
whose AS is not the one configured is refused with Bad Peer AS; the TCP session runs between the two
configured addresses, section 8): Cloud Router has an interface on the tunnel and a BGP peer on that interface
(compute/v1 routers: interfaces[].linkedVpnTunnel, bgpPeers[].interfaceName), the Alibaba tunnel has BGP
(EnableTunnelsBgp and its TunnelBgpConfig, vpc/CreateVpnConnection.json), the peer's peerIpAddress is
Alibaba's LocalBgpIp, the peer's ipAddress is the other address of Alibaba's TunnelCidr and inside the
interface's ipRange, the peer's peerAsn is Alibaba's LocalAsn and the customer gateway's Asn (Alibaba's
expected peer AS, vpc/CreateCustomerGateway.json) is the router's ASN.

What each side advertises:
  - Cloud Router (cloud.google.com/router/docs/concepts/advertised-routes, advertisement modes and effective
    advertisements; cloud.google.com/network-connectivity/docs/router/concepts/overview, "the dynamic routing
    mode ... determines which VPC subnet routes the Cloud Routers in that network advertise"): DEFAULT advertises
    the VPC's subnet ranges, those of the router's region only when the network's routing mode is REGIONAL;
    CUSTOM advertises the groups (ALL_SUBNETS) and the ranges it lists; a BGP session's own CUSTOM mode replaces
    the router's for that session. A subnet's secondary ranges are advertised with its primary one (Assumptions).
  - An Alibaba VPN gateway advertises the routes of its VPC's system route table (one per vSwitch CIDR) to the
    data center once automatic route advertisement is on, and with it puts the routes it learned into that
    table ("Configure BGP dynamic routing", alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/
    configure-bgp-dynamic-routing, updated 2025-04-29: "After automatic route advertisement is enabled for the
    VPN gateway, the VPN gateway automatically learns routes from the system route table of the VPC and
    propagates the routes to the data center"; the switch is ModifyVpnGatewayAttribute AutoPropagate,
    vpc/ModifyVpnGatewayAttribute.json). Without it the gateway advertises nothing of the VPC here (the older
    revisions of the page state the advertisement without the condition: tests/rehearsal/README.md,
    Assumptions).
"""
import cidr
from ends import as_id, live, outputs


def _region(object_id):
    parts = str(object_id).split("/")
    return parts[parts.index("regions") + 1] if "regions" in parts else None


def _subnet_ranges(gcp, network, region):
    """The primary and secondary ranges of the network's subnets (of one region when `region` is given)."""
    ranges = []
    for sid, subnet in sorted(live(gcp.get("subnetworks")).items()):
        o = outputs(subnet)
        if as_id(o.get("network")) != network or (region and _region(sid) != region):
            continue
        ranges += [o.get("ipCidrRange")] + [r.get("ipCidrRange") for r in o.get("secondaryIpRanges") or []]
    return [r for r in ranges if r]


def gcp_advertised(gcp, router_id, peer):
    """The prefixes Cloud Router `router_id` advertises to BGP peer `peer` (its outputs)."""
    router = live(gcp.get("routers")).get(router_id) or {}
    o = outputs(router)
    network = as_id(o.get("network"))
    regional = str((outputs(live(gcp.get("networks")).get(network) or {})).get("routingMode") or "REGIONAL").upper() == "REGIONAL"
    subnets = _subnet_ranges(gcp, network, _region(router_id) if regional else None)
    custom = peer if str(peer.get("advertiseMode") or "DEFAULT").upper() == "CUSTOM" else (o.get("bgp") or {})
    if str(custom.get("advertiseMode") or "DEFAULT").upper() != "CUSTOM":
        return subnets
    groups = subnets if "ALL_SUBNETS" in (custom.get("advertisedGroups") or []) else []
    return groups + [r.get("range") for r in custom.get("advertisedIpRanges") or [] if r.get("range")]


def alibaba_advertised(alibaba, gateway_id):
    """The vSwitch CIDRs of the gateway's VPC when automatic route advertisement is on, else nothing."""
    gateway = live(alibaba.get("vpn_gateways")).get(gateway_id) or {}
    if not gateway.get("auto_propagate"):
        return []
    return sorted(v.get("cidr_block") for v in live(alibaba.get("vswitches")).values()
                  if v.get("vpc_id") == gateway.get("vpc_id") and v.get("cidr_block"))


def _gcp_bgp_of(gcp, tunnel_id):
    """The router interface on the tunnel and the BGP peers on that interface: [(router id, interface, peer)]."""
    found = []
    interfaces = live(gcp.get("routerInterfaces"))
    for peer_id, peer in sorted(live(gcp.get("routerPeers")).items()):
        router_id = peer_id.rsplit("/", 1)[0]
        p = outputs(peer)
        iface_id = f"{_region(router_id)}/{router_id.rsplit('/', 1)[-1]}/{p.get('interface')}"
        iface = interfaces.get(iface_id)
        if not iface:
            continue
        linked = str(outputs(iface).get("vpnTunnel") or "")
        if as_id(linked) == tunnel_id or linked == tunnel_id.rsplit("/", 1)[-1]:
            found.append((router_id, outputs(iface), {**p, "name": peer.get("name") or p.get("name")}))
    return found


def _disagreement(router_asn, iface, peer, alibaba_end):
    bgp = alibaba_end.get("bgp")
    if not bgp:
        return f"{alibaba_end['label']} has no BGP (EnableTunnelsBgp and TunnelBgpConfig)"
    local_ip, tunnel_cidr = bgp.get("localBgpIp"), bgp.get("tunnelCidr")
    if peer.get("enable") is False:
        return f"BGP peer {peer['name']} is disabled"
    if peer.get("peerIpAddress") != local_ip:
        return f"{peer['name']} expects its peer at {peer.get('peerIpAddress')}, {alibaba_end['label']} speaks BGP from {local_ip} (RFC 4271 8)"
    if not cidr.covers(tunnel_cidr, f"{peer.get('ipAddress')}/32") or peer.get("ipAddress") == local_ip:
        return f"{peer['name']} speaks from {peer.get('ipAddress')}, not the other address of {alibaba_end['label']}'s {tunnel_cidr} (RFC 4271 8)"
    if not cidr.covers(iface.get("ipRange"), f"{peer.get('ipAddress')}/32"):
        return f"{peer['name']}'s address {peer.get('ipAddress')} is outside its interface's {iface.get('ipRange')}"
    if str(peer.get("peerAsn")) != str(bgp.get("localAsn")):
        return f"{peer['name']} expects AS {peer.get('peerAsn')}, {alibaba_end['label']} is AS {bgp.get('localAsn')} (RFC 4271 6.2: Bad Peer AS)"
    if str(alibaba_end.get("peerAsn")) != str(router_asn):
        return f"{alibaba_end['label']} expects AS {alibaba_end.get('peerAsn')} (its customer gateway's Asn), Cloud Router is AS {router_asn} (RFC 4271 6.2: Bad Peer AS)"
    return None


def sessions(gcp, alibaba, tunnels):
    """Every BGP session of a GCP tunnel: {"name", "router", "tunnel", "established", "reason", "gcp": {...},
    "peer": {...}, "gcpLearned": [...], "peerLearned": [...]}."""
    found = []
    for t in tunnels:
        g = t["gcp"]
        if not g:
            continue
        for router_id, iface, peer in _gcp_bgp_of(gcp, g["id"]):
            router_asn = ((outputs(live(gcp.get("routers")).get(router_id) or {})).get("bgp") or {}).get("asn")
            p = t["peer"]
            if p is None or p["cloud"] != "alibaba":
                why = "its tunnel has no BGP speaker at the other end"
            elif not t["up"]:
                why = f"its tunnel is down: {t['reason']}"
            else:
                why = _disagreement(router_asn, iface, peer, p)
            up = why is None
            gateway = p["gateway"] if p else None
            found.append({
                "name": peer["name"], "router": router_id, "tunnel": t["name"], "established": up,
                "reason": why or "Established",
                "gcp": {"ip": peer.get("ipAddress"), "asn": router_asn, "peerIp": peer.get("peerIpAddress"), "peerAsn": peer.get("peerAsn")},
                "peer": {"ip": ((p or {}).get("bgp") or {}).get("localBgpIp"), "asn": ((p or {}).get("bgp") or {}).get("localAsn"),
                         "gateway": gateway, "connection": (p or {}).get("connection"), "role": (p or {}).get("role"),
                         "tunnelId": (p or {}).get("tunnelId")},
                # What each side learns over the session: what the other advertises.
                "gcpLearned": alibaba_advertised(alibaba, gateway) if up else [],
                "peerLearned": gcp_advertised(gcp, router_id, peer) if up else [],
                "_tunnel": t,
            })
    return found
