#!/usr/bin/env python3
"""What a short-lived host-network check pod on a node would print, where kwok runs no container:
scripts/mesh/baremetal-prereqs.sh runs `kubectl run <name> ... --rm -i --command -- sh -c <script> sh
route:<ip>... port:<host:port>...` on every node and reads one line per check back:

  route <ip> <the first line of `ip route get <ip>`>   e.g. `route 10.128.0.1 10.128.0.1 via 172.16.232.2 dev eth1`
  port <host:port> open|closed

The model:
  - a node's routes are the servers' static routes the world declares (world.json
    `nodeRoutes.<role>`: [{"to": "<cidr>", "via": "<gateway>"}], what the runbook has the user add to each
    server), longest prefix first; anything else leaves by the server's default route (`defaultVia`);
  - a target answers when it is another cluster's API server (its world `server` host, or the GKE stand-in's
    `endpoint` with the API server's port 443 appended, as the program builds it) or a host the world lists
    for a role (`hosts`), the route to it goes through the VPN gateway, and the network path from this node's
    cluster to that role is up ($REHEARSAL_HOME/network.json, the VPN part's verdict; absent means down).
"""
import ipaddress
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kube  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dataplane"))
import network  # noqa: E402


def route_line(routes, default_via, ip):
    address = ipaddress.ip_address(ip)
    matching = [r for r in routes if address in ipaddress.ip_network(r["to"], strict=False)]
    if matching:
        best = max(matching, key=lambda r: ipaddress.ip_network(r["to"], strict=False).prefixlen)
        return f"{ip} via {best['via']} dev eth1", best["via"]
    return f"{ip} via {default_via} dev eth0", default_via


def target_role(world, host, port):
    for role, cluster in world.get("clusters", {}).items():
        server = cluster.get("server", "").replace("https://", "").rstrip("/")
        if host == server or f"{host}:{port}" == server or host in cluster.get("hosts", []):
            return role
    return None


def answer(role, checks):
    world = kube.world()
    routes = world.get("nodeRoutes", {}).get(role, [])
    default_via = world.get("defaultVia", {}).get(role, "0.0.0.0")
    # The VPN's verdict, recomputed from the clouds as they are now (tests/rehearsal/dataplane/network.py).
    paths = network.refresh(kube.home()).get("paths", {})
    vpn_gateways = {r["via"] for r in routes}
    lines = []
    for check in checks:
        if check.startswith("route:"):
            ip = check[len("route:"):]
            lines.append(f"route {ip} {route_line(routes, default_via, ip)[0]}")
        elif check.startswith("port:"):
            target = check[len("port:"):]
            host, _, port = target.rpartition(":")
            to = target_role(world, host, port)
            first_hop = route_line(routes, default_via, host)[1] if _is_ip(host) else (next(iter(vpn_gateways), default_via))
            open_ = to is not None and first_hop in vpn_gateways and paths.get(f"{role}->{to}") is True
            lines.append(f"port {target} {'open' if open_ else 'closed'}")
    return "\n".join(lines)


def _is_ip(host):
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def main(argv):
    """kubectl ARGS... with `run`: answers as the check pod would, on the cluster of --kubeconfig/KUBECONFIG."""
    kubeconfig = next((argv[i + 1] for i, a in enumerate(argv) if a == "--kubeconfig"), None)
    role = kube.role_of(kubeconfig)
    start = time.time()
    command = argv[argv.index("--") + 1:] if "--" in argv else []
    # sh -c <script> <$0> <checks...>
    checks = command[4:] if command[:2] == ["sh", "-c"] else []
    print(answer(role, checks))
    kube.record("standin:nodecheck", "run", "kubernetes:core/v1:Pod", argv[argv.index("run") + 1], start)


if __name__ == "__main__":
    main(sys.argv[1:])
