"""Which tunnels are up: each GCP end with the peer end it sends IKE to, and the rules that both must satisfy.

A tunnel is up when both ends exist and are ready, and:
  1. each end's peer address is the other end's public address: an end sends IKE only to the peer it is
     configured for, and identifies itself and its peer by those addresses (RFC 7296 3.5, the ID payloads;
     Alibaba's LocalId and RemoteId default to the gateway's and the customer gateway's addresses,
     vpc/CreateVpnConnection.json IkeConfig);
  2. the pre-shared keys are equal (RFC 7296 2.15: the AUTH payload is a MAC keyed with the shared secret; a
     different key is AUTHENTICATION_FAILED), compared as the SHA-256 every stand-in keeps;
  3. the IKE version and the proposals of the IKE SA and of the Child SA intersect (ike.py);
  4. the traffic selectors leave something to carry each way (RFC 7296 2.9: the responder narrows the
     initiator's selectors to its policy, or answers TS_UNACCEPTABLE when nothing is left).
"""
import cidr
import ike

FIRST_PHASE, SECOND_PHASE = "ike_sa_not_established", "ipsec_sa_not_established"


class Tunnel(dict):
    """{"name", "up", "reason", "gcp": end, "peer": end, "failedPhase", "carries": {end id: {"to": [...], "from": [...]}}}."""


def _selectors(a, b):
    """What each end may send into the tunnel after narrowing: destinations its remote selectors and the other's
    local ones both allow, from sources its local selectors and the other's remote ones both allow."""
    a_to_b = {"to": cidr.intersect(a["remoteTs"], b["localTs"]), "from": cidr.intersect(a["localTs"], b["remoteTs"])}
    b_to_a = {"to": cidr.intersect(b["remoteTs"], a["localTs"]), "from": cidr.intersect(b["localTs"], a["remoteTs"])}
    return {a["id"]: a_to_b, b["id"]: b_to_a}


def check(gcp, peer):
    """The reasons a GCP end and its peer end do not negotiate, and in which phase, or ([], None)."""
    reasons = [f"{gcp['label']}: {p}" for p in gcp["problems"]] + [f"{peer['label']}: {p}" for p in peer["problems"]]
    if reasons:
        return reasons, FIRST_PHASE
    if gcp["peer"] != peer["local"] or peer["peer"] != gcp["local"]:
        return [f"addresses do not pair: {gcp['label']} at {gcp['local']} sends to {gcp['peer']}, {peer['label']} at "
                f"{peer['local']} sends to {peer['peer']} (RFC 7296 3.5)"], FIRST_PHASE
    if not gcp["psk"] or not peer["psk"]:
        return [f"no pre-shared key recorded for {gcp['label'] if not gcp['psk'] else peer['label']}"], FIRST_PHASE
    if gcp["psk"] != peer["psk"]:
        return [f"pre-shared keys differ between {gcp['label']} and {peer['label']} (RFC 7296 2.15: AUTHENTICATION_FAILED)"], FIRST_PHASE
    why = ike.disagreement(gcp["proposal"], peer["proposal"])
    if why:
        return [why], (SECOND_PHASE if "Child SA" in why else FIRST_PHASE)
    carries = _selectors(gcp, peer)
    if not all(c["to"] and c["from"] for c in carries.values()):
        return [f"traffic selectors do not intersect: {gcp['label']} {gcp['localTs']} -> {gcp['remoteTs']}, {peer['label']} "
                f"{peer['localTs']} -> {peer['remoteTs']} (RFC 7296 2.9: TS_UNACCEPTABLE)"], SECOND_PHASE
    return [], None


def pair(gcp_ends, peer_ends):
    """Every tunnel: a GCP end with the peer end at the address it sends to (a mis-paired one when the addresses
    do not match back), then every peer end no GCP end sends to, alone."""
    tunnels, used = [], set()
    for g in gcp_ends:
        at = [p for p in peer_ends if p["local"] and p["local"] == g["peer"]]
        peer = next((p for p in at if p["peer"] == g["local"]), at[0] if at else None)
        if peer is None:
            tunnels.append(Tunnel(name=g["label"], up=False, reason=f"no VPN end answers at {g['peer']} (the address "
                                  f"{g['label']} sends to)", gcp=g, peer=None, failedPhase=FIRST_PHASE, carries={}))
            continue
        used.add(peer["id"])
        reasons, phase = check(g, peer)
        up = not reasons
        tunnels.append(Tunnel(name=g["label"], up=up, reason="; ".join(reasons) if reasons else "IKE and Child SAs established",
                              gcp=g, peer=peer, failedPhase=phase, carries=_selectors(g, peer) if up else {}))
    for p in peer_ends:
        if p["id"] not in used:
            tunnels.append(Tunnel(name=p["label"], up=False, reason=f"no GCP tunnel sends to {p['local']} ({p['label']} "
                                  f"sends to {p['peer']})", gcp=None, peer=p, failedPhase=FIRST_PHASE, carries={}))
    return tunnels


def carries(tunnel, end_id, sources, destinations):
    """True when the up tunnel lets the end `end_id` send from every source range to every destination range."""
    c = tunnel["carries"].get(end_id) if tunnel["up"] else None
    return bool(c) and all(cidr.covered(c["to"], d) for d in destinations) and all(cidr.covered(c["from"], s) for s in sources)


def other_end(tunnel, end_id):
    ends = [tunnel["gcp"], tunnel["peer"]]
    return next((e for e in ends if e and e["id"] != end_id), None)
