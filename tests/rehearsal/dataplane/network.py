#!/usr/bin/env python3
"""The rehearsal's data plane: whether traffic crosses each VPN link, computed only from what the clouds hold
(tests/rehearsal/README.md, "The data plane"). The rules, each with its source, live in ends.py, ike.py,
tunnels.py, bgp.py and paths.py; this file reads the clouds, writes $REHEARSAL_HOME/network.json and answers
the stand-ins that show the result (a Cloud Router's learned routes, an Alibaba tunnel's status and BGP routes,
a NIFCLOUD connection's telemetry).

Usage:
  network.py refresh            read the clouds, write network.json, print it
  network.py evaluate [--no-nifcloud]  read the clouds (NIFCLOUD too unless told not to), print the result
                                without writing it
  network.py model              the result for a snapshot {"gcp", "nifcloud", "alibaba", "roles"?} on stdin
Environment: REHEARSAL_HOME; REHEARSAL_NIFCLOUD_URL (else the port in $REHEARSAL_HOME/clouds/nifcloud/port;
neither: no NIFCLOUD); FAKE_ALIYUN_STATE (else $REHEARSAL_HOME/clouds/alibaba).
"""
import json
import os
import ssl
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "fakes"))
import bgp  # noqa: E402
import ends  # noqa: E402
import paths  # noqa: E402
import tunnels as tunnels_mod  # noqa: E402


# ---- the model ---------------------------------------------------------------------------------------------------

def _link_key(t):
    g, p = t["gcp"], t["peer"]
    return f"{g['gatewayName'] if g else '?'}|{p['gatewayName'] if p else '?'}"


def _end_view(e):
    return None if e is None else {"cloud": e["cloud"], "id": e["id"], "address": e["local"], "peerAddress": e["peer"]}


def _views(snapshot, tunnels, sessions):
    """What each cloud's stand-in shows of the result."""
    gcp_routers, gateways, connections, nif = {}, {}, {}, {}
    for s in sessions:
        router = gcp_routers.setdefault(s["router"], {"bestRoutes": [], "peers": {}})
        router["peers"][s["name"]] = {"established": s["established"], "reason": s["reason"]}
        for dest in s["gcpLearned"]:
            router["bestRoutes"].append({"destRange": dest, "nextHopIp": s["gcp"]["peerIp"], "routeType": "BGP",
                                         "asPaths": [{"pathSegmentType": "AS_SEQUENCE", "asLists": [int(s["peer"]["asn"])]}],
                                         "tunnel": s["tunnel"]})
        gw = gateways.setdefault(s["peer"]["gateway"], {"bgpRoutes": []})
        for dest in s["peerLearned"]:
            gw["bgpRoutes"].append({"RouteDest": dest, "NextHop": s["peer"]["connection"], "NextHopTunnelId": s["peer"]["tunnelId"],
                                    "Source": "VPN_BGP", "AsPath": str(s["gcp"]["asn"]), "RouteEntryType": "bgp"})
    for gid in list(gateways):
        for dest in bgp.alibaba_advertised(snapshot.get("alibaba") or {}, gid):
            gateways[gid]["bgpRoutes"].append({"RouteDest": dest, "NextHop": gid, "Source": "CLOUD", "RouteEntryType": "bgp"})
    for t in tunnels:
        p = t["peer"]
        if p and p["cloud"] == "alibaba":
            status = "ipsec_sa_established" if t["up"] else t["failedPhase"]
            session = next((s for s in sessions if s["_tunnel"] is t), None)
            connections.setdefault(p["connection"], {"tunnels": {}})["tunnels"][p["role"]] = {
                "tunnelId": p["tunnelId"], "status": status, "reason": t["reason"],
                "bgpStatus": "success" if session and session["established"] else "false",
            }
        if p and p["cloud"] == "nifcloud":
            nif[p["id"]] = {"status": "UP" if t["up"] else "DOWN", "message": t["reason"], "outsideIpAddress": p["peer"]}
    for router in gcp_routers.values():
        router["bestRoutes"].sort(key=lambda r: (r["destRange"], r["nextHopIp"] or ""))
    return {"gcp": {"routers": gcp_routers}, "alibaba": {"vpnGateways": gateways, "vpnConnections": connections},
            "nifcloud": {"vpnConnections": nif}}


def evaluate(snapshot):
    """{"paths", "why", "links", "clouds"} for a snapshot {"gcp", "nifcloud", "alibaba", "roles"?}: the three
    clouds' states as the stand-ins hold them, and the roles to report (default: every role found)."""
    gcp, nifcloud, alibaba = snapshot.get("gcp") or {}, snapshot.get("nifcloud") or {}, snapshot.get("alibaba") or {}
    tunnels = tunnels_mod.pair(ends.gcp_ends(gcp), ends.nifcloud_ends(nifcloud) + ends.alibaba_ends(alibaba))
    sessions = bgp.sessions(gcp, alibaba, tunnels)
    found = paths.roles(snapshot)
    wanted = snapshot.get("roles") or sorted(found)
    routes = paths.site_routes(snapshot, tunnels, sessions)
    result = {"paths": {}, "why": {}, "links": {}}
    for a in wanted:
        for b in wanted:
            if a == b:
                continue
            key = f"{a}->{b}"
            if a not in found or b not in found:
                result["paths"][key], result["why"][key] = False, f"no {a if a not in found else b} in the clouds"
                continue
            up, why = paths.path(routes, found[a], found[b])
            result["paths"][key] = up
            if not up:
                result["why"][key] = why
    for t in tunnels:
        link = result["links"].setdefault(_link_key(t), {"tunnels": [], "bgp": {}})
        link["tunnels"].append({"name": t["name"], "up": t["up"], "reason": t["reason"], "gcp": _end_view(t["gcp"]),
                                "peer": _end_view(t["peer"])})
    for s in sessions:
        link = result["links"].setdefault(_link_key(s["_tunnel"]), {"tunnels": [], "bgp": {}})
        link["bgp"][s["name"]] = {k: v for k, v in s.items() if not k.startswith("_")}
    result["clouds"] = _views(snapshot, tunnels, sessions)
    return result


# ---- reading the clouds ------------------------------------------------------------------------------------------

def home():
    value = os.environ.get("REHEARSAL_HOME")
    if not value:
        raise SystemExit("REHEARSAL_HOME is not set: the data plane reads the clouds' states under it")
    return value


def _json(path, default):
    if not os.path.exists(path):
        return default
    with open(path) as f:
        return json.load(f)


def nifcloud_url(base=None):
    """REHEARSAL_NIFCLOUD_URL, else the NIFCLOUD stand-in's port file under the run's home, else None."""
    url = os.environ.get("REHEARSAL_NIFCLOUD_URL")
    if url:
        return url.rstrip("/")
    port_file = os.path.join(base or home(), "clouds", "nifcloud", "port")
    if os.path.exists(port_file):
        return f"https://127.0.0.1:{open(port_file).read().strip()}"
    return None


def nifcloud_tls(base=None):
    """The stand-in serves HTTPS with the run's own CA (tests/rehearsal/world/nifcloud.ts), which the CLI
    trusts through AWS_CA_BUNDLE; None for a plain http:// stand-in (the script tests')."""
    own = os.path.join(base or home(), "clouds", "nifcloud", "ca.crt")
    ca = own if os.path.exists(own) else os.environ.get("AWS_CA_BUNDLE")
    return ssl.create_default_context(cafile=ca) if ca and os.path.exists(ca) else None


def read_nifcloud(url):
    """GET /_state of the NIFCLOUD stand-in; a stand-in that is named but does not answer is an error, never
    "no NIFCLOUD" (that would turn every NIFCLOUD path down without a word)."""
    if not url:
        return {}
    context = nifcloud_tls() if url.startswith("https://") else None
    with urllib.request.urlopen(f"{url}/_state", timeout=10, context=context) as answer:
        return json.load(answer)


def alibaba_state_file(base):
    return os.path.join(os.environ.get("FAKE_ALIYUN_STATE") or os.path.join(base, "clouds", "alibaba"), "state.json")


def read_clouds(base=None, alibaba=None, with_nifcloud=True):
    """The snapshot of the run's clouds. `alibaba` passes a state already in hand (the aliyun stand-in's, under
    its lock); `with_nifcloud` False skips NIFCLOUD for answers that do not depend on it."""
    base = base or home()
    world = _json(os.path.join(base, "world.json"), {})
    return {
        "gcp": _json(os.path.join(base, "clouds", "gcp.json"), {}),
        "alibaba": alibaba if alibaba is not None else _json(alibaba_state_file(base), {}),
        "nifcloud": read_nifcloud(nifcloud_url(base)) if with_nifcloud else {},
        "roles": sorted((world.get("clusters") or {}).keys()) or None,
    }


def write_network(base, result):
    """$REHEARSAL_HOME/network.json, under its lock, replaced whole (tests/rehearsal/README.md, shared state)."""
    from state_lock import locked, write_json  # tests/fakes/state_lock.py
    path = os.path.join(base, "network.json")
    with locked(path):
        write_json(path, result)


def refresh(base=None):
    """Reads the clouds, writes network.json and returns it: what the runner calls after every step, and every
    stand-in that answers a probe before it answers."""
    base = base or home()
    result = evaluate(read_clouds(base))
    write_network(base, result)
    return result


def main(argv):
    command = argv[0] if argv else ""
    if command == "refresh":
        result = refresh()
    elif command == "evaluate":
        result = evaluate(read_clouds(with_nifcloud="--no-nifcloud" not in argv))
    elif command == "model":
        result = evaluate(json.load(sys.stdin))
    else:
        raise SystemExit("usage: network.py refresh|evaluate|model")
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
