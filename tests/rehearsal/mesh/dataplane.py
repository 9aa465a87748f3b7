#!/usr/bin/env python3
"""The mesh's data plane for the rehearsal, where kwok runs no container: what a `curl` from a pod would get
and what a sidecar's endpoints would be, read from the state of the run's clusters. scripts/mesh/probe.sh
asks both (`kubectl exec deploy/sleep -c sleep -- curl ...`, `istioctl proxy-config endpoints`).

The model (tests/rehearsal/mesh/README.md lists its assumptions):
  - a pod runs a proxy when istio_model.proxy_revision says so; the proxy works while istiod of its revision
    has a ready replica in its own cluster (a proxy whose istiod is gone answers nothing);
  - a client without a proxy reaches the Service's pods of its own cluster only (kube-proxy);
  - a client with a working proxy reaches the Service's pods of its own cluster that run a working proxy, and
    those of another cluster when: this cluster holds a remote secret for it (Secret labelled
    istio/multiCluster=true in istio-system whose kubeconfig names that cluster's API server), the east-west
    gateways of both clusters are ready with working proxies, and the network path is up both ways
    ($REHEARSAL_HOME/network.json {"paths": {"<a>-><b>": true}}; an absent file or key is down);
  - requests go round robin over those endpoints (a counter per client and service under
    $REHEARSAL_HOME/clouds/mesh/dataplane.json), and helloworld answers as samples/helloworld/src/app.py;
  - a sidecar's endpoints for outbound|<port>||<svc>.<ns>.svc.cluster.local are the local pods (IP:port) and,
    per cluster with a remote secret and a path up from here, that cluster's pods when it is on the same
    network (istio-system's topology.istio.io/network) or else its east-west gateway address on 15443.
"""
import base64
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kube  # noqa: E402
from kube import istio  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dataplane"))
import network  # noqa: E402

GATEWAY_LABEL = ("istio", "eastwestgateway")
GATEWAY_PORT = 15443


# ---- reading the clusters -------------------------------------------------------------------------

def read_cluster(role):
    kubeconfig = kube.role_kubeconfig(role)
    items = kube.get_json(["get", "pods,deployments,services,namespaces", "-A"], kubeconfig)["items"]
    secrets = kube.get_json(["-n", istio.ISTIO_SYSTEM, "get", "secrets", "-l", "istio/multiCluster=true"], kubeconfig)["items"]
    cluster = kube.world()["clusters"][role]
    # A cluster is also known by the address its own network gives it (world.json `aliases`: the
    # bare-metal API server's LAN address that a remote secret names, reached over the VPN).
    return {"server": cluster["server"], "aliases": cluster.get("aliases", []), "items": items,
            "remoteServers": [server for s in secrets for server in secret_servers(s)]}


def secret_servers(secret):
    """The API servers the kubeconfigs of a remote secret name (its data values are kubeconfigs)."""
    found = []
    for value in (secret.get("data") or {}).values():
        text = base64.b64decode(value).decode(errors="replace")
        # A kubeconfig is YAML, and JSON is YAML: istiod reads either (client-go clientcmd.Load).
        try:
            config = json.loads(text)
            found += [c.get("cluster", {}).get("server") for c in config.get("clusters") or [] if c.get("cluster", {}).get("server")]
        except ValueError:
            found += re.findall(r"server:\s*\"?([^\s\"]+)", text)
    return found


def read_world():
    # The VPN's verdict, recomputed from the clouds as they are now (tests/rehearsal/dataplane/network.py).
    network.refresh(kube.home())
    path = os.path.join(kube.home(), "network.json")
    paths = json.load(open(path)).get("paths", {}) if os.path.exists(path) else {}
    return {"clusters": {role: read_cluster(role) for role in kube.world().get("clusters", {})}, "paths": paths}


# ---- the model, on a snapshot {"clusters": {role: {"server", "items", "remoteServers"}}, "paths": {...}} ----

def objects(cluster, kind, namespace=None):
    return [o for o in cluster["items"] if o["kind"] == kind and (namespace is None or o["metadata"].get("namespace") == namespace)]


def istiod_running(cluster, revision):
    return any(d["metadata"]["name"] == f"istiod-{revision}" and (d.get("status") or {}).get("readyReplicas", 0) >= 1
               for d in objects(cluster, "Deployment", istio.ISTIO_SYSTEM))


def working_proxy(cluster, pod):
    revision = istio.proxy_revision(pod)
    return revision is not None and istiod_running(cluster, revision)


def running(pod):
    return (pod.get("status") or {}).get("phase") == "Running" and not pod["metadata"].get("deletionTimestamp")


def service(cluster, namespace, name):
    return next((s for s in objects(cluster, "Service", namespace) if s["metadata"]["name"] == name), None)


def service_pods(cluster, svc):
    selector = (svc.get("spec") or {}).get("selector") or {}
    if not selector:
        return []
    return sorted((p for p in objects(cluster, "Pod", svc["metadata"]["namespace"])
                   if running(p) and istio.selector_matches({"matchLabels": selector}, p["metadata"].get("labels"))),
                  key=lambda p: p["metadata"]["name"])


def gateway_ready(cluster):
    """An east-west gateway Deployment with a ready replica whose pods run working proxies."""
    key, value = GATEWAY_LABEL
    for d in objects(cluster, "Deployment"):
        if (d["metadata"].get("labels") or {}).get(key) != value or (d.get("status") or {}).get("readyReplicas", 0) < 1:
            continue
        pods = [p for p in objects(cluster, "Pod", d["metadata"]["namespace"])
                if running(p) and istio.selector_matches(d["spec"].get("selector"), p["metadata"].get("labels"))]
        if any(working_proxy(cluster, p) for p in pods):
            return True
    return False


def gateway_address(cluster):
    key, value = GATEWAY_LABEL
    for s in objects(cluster, "Service"):
        if (s["metadata"].get("labels") or {}).get(key) == value:
            ingress = ((s.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
            if ingress:
                return ingress[0].get("ip") or ingress[0].get("hostname")
    return None


def network_of(cluster):
    ns = next((n for n in objects(cluster, "Namespace") if n["metadata"]["name"] == istio.ISTIO_SYSTEM), None)
    return ((ns or {}).get("metadata", {}).get("labels") or {}).get(istio.NETWORK, "")


def path_up(world, a, b):
    return world.get("paths", {}).get(f"{a}->{b}") is True


def remote_roles(world, role):
    """The other clusters this cluster's istiod reads, through its remote secrets."""
    servers = {s.rstrip("/") for s in world["clusters"][role].get("remoteServers", [])}
    known_as = lambda c: {a.rstrip("/") for a in [c["server"], *c.get("aliases", [])]}  # noqa: E731
    return sorted(r for r, c in world["clusters"].items() if r != role and known_as(c) & servers)


def reachable_remotes(world, role):
    """Remote clusters whose pods this cluster's proxies reach: remote secret, both gateways, both paths."""
    here = world["clusters"][role]
    return [r for r in remote_roles(world, role)
            if gateway_ready(here) and gateway_ready(world["clusters"][r]) and path_up(world, role, r) and path_up(world, r, role)]


def upstreams(world, role, namespace, name):
    """(role, pod) a working proxy in `role` sends requests for the service to."""
    found = []
    for r in [role] + reachable_remotes(world, role):
        svc = service(world["clusters"][r], namespace, name)
        if svc:
            found += [(r, p) for p in service_pods(world["clusters"][r], svc) if working_proxy(world["clusters"][r], p)]
    return found


def curl(world, role, client, host, port, counter):
    """(exit code, stdout, stderr) of `curl -sS http://host:port/...` from the client pod. `counter(key)` gives
    the round-robin position."""
    name, _, rest = host.partition(".")
    namespace = rest.split(".")[0] if rest else client["metadata"]["namespace"]
    here = world["clusters"][role]
    svc = service(here, namespace, name)
    if svc is None:
        return 6, "", f"curl: (6) Could not resolve host: {host}\n"
    revision = istio.proxy_revision(client)
    if revision is None:
        candidates = [(role, p) for p in service_pods(here, svc)]
        if not candidates:
            return 7, "", f"curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server\n"
    elif not istiod_running(here, revision):
        return 56, "", "curl: (56) Recv failure: Connection reset by peer\n"
    else:
        candidates = upstreams(world, role, namespace, name)
        if not candidates:
            return 0, "no healthy upstream", ""  # Envoy's 503 body; curl -sS without -f prints it
    chosen_role, pod = candidates[counter(f"{role}/{client['metadata']['namespace']}/{client['metadata']['name']}/{namespace}/{name}") % len(candidates)]
    labels = pod["metadata"].get("labels") or {}
    return 0, istio.helloworld_answer(labels.get("version", ""), pod["metadata"]["name"]), ""


def sidecar_endpoints(world, role, pod, cluster_name):
    """Hosts (address, port, healthy) of a sidecar's Envoy cluster outbound|<port>||<svc>.<ns>.svc.cluster.local."""
    match = re.fullmatch(r"outbound\|(\d+)\|\|([^.]+)\.([^.]+)\.svc\.cluster\.local", cluster_name or "")
    if not match:
        return []
    port, name, namespace = int(match.group(1)), match.group(2), match.group(3)
    here = world["clusters"][role]
    hosts = []
    svc = service(here, namespace, name)
    if svc:
        hosts += [(p["status"].get("podIP"), port, True) for p in service_pods(here, svc) if working_proxy(here, p)]
    for r in remote_roles(world, role):
        there = world["clusters"][r]
        if not path_up(world, role, r) or service(there, namespace, name) is None:
            continue
        if network_of(there) and network_of(there) != network_of(here):
            address = gateway_address(there)
            if address:
                hosts.append((address, GATEWAY_PORT, gateway_ready(there)))
        else:
            hosts += [(p["status"].get("podIP"), port, True) for p in service_pods(there, service(there, namespace, name))
                      if working_proxy(there, p)]
    return hosts


def detached(world):
    """"<role> <namespace>/<pod> <revision>" for every running pod whose proxy's istiod is not running in its
    cluster: the rehearsal's check that no pod runs a proxy whose control plane is gone."""
    return [f"{role} {p['metadata']['namespace']}/{p['metadata']['name']} {istio.proxy_revision(p)}"
            for role, cluster in sorted(world["clusters"].items()) for p in objects(cluster, "Pod")
            if running(p) and istio.proxy_revision(p) is not None and not istiod_running(cluster, istio.proxy_revision(p))]


# ---- kubectl exec ... -- curl ... -----------------------------------------------------------------------

def round_robin():
    path = kube.mesh_dir("dataplane.json")

    def counter(key):
        state = kube.change_json(path, dict, lambda s: {**s, key: s.get(key, -1) + 1})
        return state[key]
    return counter


def kubectl_exec(argv):
    """Answers `kubectl [-n NS] exec TARGET [-c CONTAINER] -- curl ... URL` for the current kubeconfig."""
    split = argv.index("--") if "--" in argv else len(argv)
    before, command = argv[:split], argv[split + 1:]
    namespace, container, target, i = "default", None, None, 0
    while i < len(before):
        a = before[i]
        if a in ("-n", "--namespace"):
            namespace, i = before[i + 1], i + 2
            continue
        if a in ("-c", "--container"):
            container, i = before[i + 1], i + 2
            continue
        if a.startswith("--namespace="):
            namespace = a.split("=", 1)[1]
        elif a.startswith("--container="):
            container = a.split("=", 1)[1]
        elif a in ("--kubeconfig", "--context"):
            if a == "--kubeconfig":
                os.environ["KUBECONFIG"] = before[i + 1]
            i += 2
            continue
        elif not a.startswith("-") and a != "exec":
            target = a
        i += 1
    role = kube.role_of()
    world = read_world()
    here = world["clusters"][role]
    kind, _, name = target.partition("/") if "/" in target else ("pod", "", target)
    if kind in ("deploy", "deployment", "deployments"):
        d = next((d for d in objects(here, "Deployment", namespace) if d["metadata"]["name"] == name), None)
        if d is None:
            return 1, "", f'Error from server (NotFound): deployments.apps "{name}" not found\n'
        pods = [p for p in objects(here, "Pod", namespace) if running(p) and istio.selector_matches(d["spec"].get("selector"), p["metadata"].get("labels"))]
    else:
        pods = [p for p in objects(here, "Pod", namespace) if p["metadata"]["name"] == name]
    if not pods:
        return 1, "", f"error: no running pod for {target}\n"
    pod = sorted(pods, key=lambda p: p["metadata"]["name"])[0]
    names = [c["name"] for c in pod["spec"].get("containers") or []]
    if container and container not in names:
        return 1, "", f'error: unable to upgrade connection: container not found ("{container}")\n'
    urls = [a for a in command[1:] if not a.startswith("-") and re.match(r"^(https?://)?[a-z0-9.-]+(:\d+)?(/.*)?$", a)]
    if command[:1] != ["curl"] or not urls:
        return 126, "", "the rehearsal's kubectl answers `exec ... -- curl <url>` only: kwok runs no container\n"
    match = re.match(r"^(?:https?://)?([^:/]+)(?::(\d+))?", urls[-1])
    return curl(world, role, pod, match.group(1), int(match.group(2) or 80), round_robin())


def main(argv):
    if argv[:1] == ["exec-curl"]:
        code, out, err = kubectl_exec(argv[1:])
        sys.stdout.write(out)
        sys.stderr.write(err)
        sys.exit(code)
    if argv[:1] == ["detached"]:
        print(json.dumps(detached(read_world())))
        return
    if argv[:1] == ["model"]:  # the pure model on a snapshot, for unit tests: model <function> < {"world", "args"}
        data = json.load(sys.stdin)
        world, args = data["world"], data.get("args", [])
        if argv[1] == "curl":
            positions = iter(data.get("positions", range(1000)))
            print(json.dumps(curl(world, *args, counter=lambda _key: next(positions))))
        elif argv[1] == "endpoints":
            print(json.dumps(sidecar_endpoints(world, *args)))
        else:
            print(json.dumps(globals()[argv[1]](world, *args)))
        return
    sys.exit("usage: dataplane.py exec-curl KUBECTL-ARGS... | detached | model FUNCTION")


if __name__ == "__main__":
    main(sys.argv[1:])
