"""Roles, the routes each site holds towards the tunnels, and whether traffic crosses from one role to another.

A role's site and ranges, from the clouds:
  - gke: the GKE cluster's VPC and its subnet's primary range with the secondary ranges it uses for pods and
    services (ipAllocationPolicy), all of them when it names none;
  - anthos: the NIFCLOUD private LAN the servers sit on (their NetworkInterfaceSet) and its CIDR; pods stay
    behind their nodes (config/ranges.ts routedRanges);
  - acs: the Alibaba cluster that is not registered (cluster_type other than ExternalKubernetes): its VPC and
    the CIDRs of its vSwitches, where ACS places its pods;
  - hub: the ACK One hub: its VPC and its vSwitches' CIDRs.

A path from A to B is up when, for every range of B, A's site holds a usable route for it through an up tunnel
that carries it from A's ranges and whose other end is on B's site, and the same holds from B back to A for
every range of A (the replies). A route is usable when its tunnel is up:
  - GCP: a static route (compute/v1 routes nextHopVpnTunnel) on the VPC, or a dynamic route a Cloud Router of
    the VPC learned over an established BGP session (bgp.py);
  - NIFCLOUD: the customer gateway's LAN-side block, which the gateway sends into the connection (ends.py); the
    servers' own route to the gateway is what the stack checks on them, and is taken as there;
  - Alibaba: the VPN gateway's destination-based or policy-based route with PublishVpc, which puts it in the
    VPC's route table (vpc/CreateVpnRouteEntry.json, vpc/CreateVpnPbrRouteEntry.json), or a route learned over
    BGP when automatic route advertisement puts it there (bgp.py). A dual-tunnel connection's routes follow
    whichever of its tunnels is up (TunnelOptions.Role: "master: The tunnel is an active tunnel. slave: The
    tunnel is a standby tunnel.", aliyun/alibabacloud-java-sdk vpc-20160428 DescribeVpnConnectionResponseBody).
Two roles on the same site reach each other without a tunnel.
"""
import cidr
from ends import as_id, live, outputs, COMMON_GLOBAL
from tunnels import carries, other_end

GONE = ("gone", "deleted", "deleting", "failed")


def _gke(gcp):
    for _cid, cluster in sorted(live(gcp.get("clusters")).items()):
        o = outputs(cluster)
        subnet = live(gcp.get("subnetworks")).get(as_id(o.get("subnetwork")))
        if not subnet:
            continue
        s = outputs(subnet)
        policy = o.get("ipAllocationPolicy") or {}
        named = {policy.get("clusterSecondaryRangeName"), policy.get("servicesSecondaryRangeName")} - {None}
        secondary = [r.get("ipCidrRange") for r in s.get("secondaryIpRanges") or [] if not named or r.get("rangeName") in named]
        return {"site": ("gcp", as_id(o.get("network") or s.get("network"))), "ranges": [s.get("ipCidrRange")] + secondary,
                "what": f"GKE cluster {cluster.get('name')}"}
    return None


def _anthos(nifcloud):
    lans = {l["NetworkId"]: l for l in nifcloud.get("privateLans") or []}
    for instance in nifcloud.get("instances") or []:
        for nic in instance.get("NetworkInterfaceSet") or []:
            lan = lans.get(nic.get("NetworkId"))
            if nic.get("NetworkId") != COMMON_GLOBAL and lan and lan.get("CidrBlock"):
                return {"site": ("nifcloud", lan["NetworkId"]), "ranges": [lan["CidrBlock"]], "what": f"servers on {lan['NetworkId']}"}
    return None


def _alibaba(objects, alibaba, what):
    for oid, obj in sorted(objects.items()):
        vswitches = [alibaba.get("vswitches", {}).get(v) or {} for v in obj.get("vswitch_ids") or []]
        ranges = [v.get("cidr_block") for v in vswitches if v.get("cidr_block")]
        if ranges:
            return {"site": ("alibaba", obj.get("vpc_id")), "ranges": ranges, "what": f"{what} {oid}"}
    return None


def roles(snapshot):
    gcp, nifcloud, alibaba = snapshot.get("gcp") or {}, snapshot.get("nifcloud") or {}, snapshot.get("alibaba") or {}
    clusters = {k: v for k, v in (alibaba.get("clusters") or {}).items() if v.get("state") not in GONE}
    hubs = {k: v for k, v in (alibaba.get("hubs") or {}).items() if v.get("state") not in GONE}
    found = {
        "gke": _gke(gcp),
        "anthos": _anthos(nifcloud),
        "acs": _alibaba({k: v for k, v in clusters.items() if v.get("cluster_type") != "ExternalKubernetes"}, alibaba, "cluster"),
        "hub": _alibaba(hubs, alibaba, "hub"),
    }
    return {k: v for k, v in found.items() if v}


def site_routes(snapshot, tunnels, sessions):
    """Per site, its routes towards tunnels: [{"dest", "tunnels": [tunnel], "end": the end id on this site, "via"}]."""
    gcp, alibaba = snapshot.get("gcp") or {}, snapshot.get("alibaba") or {}
    routes = {}
    add = lambda site, dest, via, pairs: routes.setdefault(site, []).append({"dest": dest, "via": via, "pairs": pairs})  # noqa: E731
    by_gcp = {t["gcp"]["id"]: t for t in tunnels if t["gcp"]}
    for rid, route in sorted(live(gcp.get("routes")).items()):
        o = outputs(route)
        hop = as_id(o.get("nextHopVpnTunnel"))
        t = by_gcp.get(hop) or next((x for tid, x in by_gcp.items() if tid.rsplit("/", 1)[-1] == hop), None)
        if t:
            add(("gcp", as_id(o.get("network"))), o.get("destRange"), f"route {route.get('name') or rid}", [(t, t["gcp"]["id"])])
    for s in sessions:
        if not s["established"]:
            continue
        t = s["_tunnel"]
        for dest in s["gcpLearned"]:
            add(t["gcp"]["site"], dest, f"learned over {s['name']}", [(t, t["gcp"]["id"])])
        gateway = live(alibaba.get("vpn_gateways")).get(s["peer"]["gateway"]) or {}
        if gateway.get("auto_propagate"):
            for dest in s["peerLearned"]:
                add(t["peer"]["site"], dest, f"learned over {s['name']} and advertised to the VPC", [(t, t["peer"]["id"])])
    for t in tunnels:
        p = t["peer"]
        if p and p["cloud"] == "nifcloud":
            for dest in p.get("routes") or []:
                add(p["site"], dest, f"customer gateway LAN-side block of {p['label']}", [(t, p["id"])])
    # Alibaba destination-based and policy-based routes: the connection's tunnels, whichever is up.
    by_connection = {}
    for t in tunnels:
        if t["peer"] and t["peer"]["cloud"] == "alibaba":
            by_connection.setdefault(t["peer"]["connection"], []).append(t)
    for collection in ("vpn_route_entries", "vpn_pbr_route_entries"):
        for eid, entry in sorted(live(alibaba.get(collection)).items()):
            o = outputs(entry)
            gateway = live(alibaba.get("vpn_gateways")).get(o.get("vpnGatewayId")) or {}
            if o.get("publishVpc") is not True or not gateway:
                continue
            pairs = [(t, t["peer"]["id"]) for t in by_connection.get(o.get("nextHop"), [])]
            add(("alibaba", gateway.get("vpc_id")), o.get("routeDest"), f"VPN route {eid}", pairs)
    return routes


def _reach(routes, site, towards, sources, destinations):
    """The destination ranges `site` cannot send, from `sources`, through an up tunnel to `towards`."""
    missing = []
    for dest in destinations:
        ok = any(cidr.covers(r["dest"], dest) and any(
            carries(t, end, sources, [dest]) and (other_end(t, end) or {}).get("site") == towards for t, end in r["pairs"])
            for r in routes.get(site, []))
        if not ok:
            missing.append(dest)
    return missing


def path(routes, a, b):
    """(up, why) for traffic from role a to role b and its replies."""
    if a["site"] == b["site"]:
        return True, "same network"
    forward = _reach(routes, a["site"], b["site"], a["ranges"], b["ranges"])
    back = _reach(routes, b["site"], a["site"], b["ranges"], a["ranges"])
    if not forward and not back:
        return True, "routed both ways through an up tunnel"
    why = []
    if forward:
        why.append(f"{a['what']} has no usable route through an up tunnel to {', '.join(forward)}")
    if back:
        why.append(f"{b['what']} has no usable route back through an up tunnel to {', '.join(back)}")
    return False, "; ".join(why)
