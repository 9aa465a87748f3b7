#!/usr/bin/env python3
"""Stand-ins for kubectl, istioctl and asmcli in the mesh script tests.

Each cluster is a JSON file in $FAKE_MESH_STATE/clusters/<current-context>.json; every call is
recorded (tool, the binary's path, argv, cluster) in $FAKE_MESH_STATE/calls.jsonl. Like the real
control planes, nothing is instant: an istiod or a restarted pod becomes ready only after a few
reads, and an uninstalled istiod is still listed for a few reads while it is being deleted.
"""
import hashlib
import json
import os
import re
import shutil
import sys

STATE = os.environ["FAKE_MESH_STATE"]
HOME = os.path.dirname(os.path.abspath(__file__))


def die(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


def kubeconfig_path(argv):
    for i, a in enumerate(argv):
        if a == "--kubeconfig" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--kubeconfig="):
            return a.split("=", 1)[1]
    return os.environ.get("KUBECONFIG", "")


def cluster_name(argv):
    path = kubeconfig_path(argv)
    if not path or not os.path.exists(path):
        die("error: no configuration has been provided, try setting KUBERNETES_MASTER environment variable")
    match = re.search(r"^current-context:\s*(\S+)", open(path).read(), re.M)
    if not match:
        die("error: current-context is not set")
    return match.group(1)


def load(name):
    path = os.path.join(STATE, "clusters", name + ".json")
    if not os.path.exists(path):
        die(f'Unable to connect to the server: dial tcp: lookup {name}: no such host')
    return json.load(open(path))


def save(name, cluster):
    json.dump(cluster, open(os.path.join(STATE, "clusters", name + ".json"), "w"), indent=1)


def record(tool, argv, cluster, **extra):
    with open(os.path.join(STATE, "calls.jsonl"), "a") as f:
        f.write(json.dumps({"tool": tool, "path": os.environ.get("FAKE_MESH_BIN", ""), "argv": argv, "cluster": cluster, **extra}) + "\n")


def flag(argv, *names):
    for i, a in enumerate(argv):
        if a in names and i + 1 < len(argv):
            return argv[i + 1]
        for n in names:
            if n.startswith("--") and a.startswith(n + "="):
                return a.split("=", 1)[1]
    return None


def positional(argv):
    """argv without flags and their values (up to `--`)."""
    with_value = {"-n", "--namespace", "-o", "--output", "-l", "--selector", "--kubeconfig", "--context", "-c", "--container",
                  "--timeout", "--image", "--overrides", "--restart", "-f", "--filename", "--cluster", "--revision"}
    out, i = [], 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            break
        if a in with_value:
            i += 2
            continue
        if not a.startswith("-"):
            out.append(a)
        i += 1
    return out


def selector_matches(selector, labels):
    if not selector:
        return True
    for term in selector.split(","):
        if "!=" in term:
            k, v = term.split("!=", 1)
            if labels.get(k) == v:
                return False
        elif "=" in term:
            k, v = term.split("=", 1)
            if labels.get(k) != v:
                return False
        elif labels.get(term) is None:
            return False
    return True


# ---- objects as the API server shows them, with their pending and deleting states --------------

def tick_deployment(cluster, key):
    """One read of a Deployment: it moves one step towards ready or gone. Returns it or None."""
    d = cluster["deployments"].get(key)
    if d is None:
        return None
    if d.get("deleting_in") is not None:
        if d["deleting_in"] <= 0:
            del cluster["deployments"][key]
            return None
        d["deleting_in"] -= 1
    elif d.get("ready_in", 0) > 0:
        d["ready_in"] -= 1
    return d


def deployment_view(key, d):
    ns, name = key.split("/", 1)
    ready = 1 if d.get("ready_in", 0) == 0 and d.get("deleting_in") is None else 0
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": ns, "labels": d.get("labels", {}), "annotations": d.get("annotations", {})},
        "spec": {"replicas": 1, "template": {"spec": {"containers": [{"name": "main", "image": d.get("image", ""),
                                                                     "env": [{"name": k, "value": v} for k, v in d.get("env", {}).items()]}]}}},
        "status": {"replicas": 1, "readyReplicas": ready} if ready else {"replicas": 1},
    }


def tick_pod(pod):
    if pod.get("restart_in") is not None:
        if pod["restart_in"] <= 0:
            pod["labels"]["istio.io/rev"] = pod.pop("restart_to")
            pod.pop("restart_in")
        else:
            pod["restart_in"] -= 1


IGNORE_NOT_FOUND = "--ignore-not-found" in sys.argv


def not_found(kind, name):
    if IGNORE_NOT_FOUND:
        sys.exit(0)
    die(f'Error from server (NotFound): {kind} "{name}" not found')


def output(obj, argv):
    fmt = flag(argv, "-o", "--output")
    if fmt == "name":
        kind = obj["kind"].lower()
        print(f'{kind}/{obj["metadata"]["name"]}' if "items" not in obj else "")
    else:
        print(json.dumps(obj))


def kubectl(argv, name, cluster):
    words = positional(argv)
    ns = flag(argv, "-n", "--namespace") or "default"
    verb = words[0] if words else ""
    if verb == "version":
        return print(json.dumps({"serverVersion": cluster.get("server_version", {"major": "1", "minor": "34", "gitVersion": "v1.34.1"})}))
    if verb == "get" and len(words) > 2 and (stored := stored_object(cluster, words[1], ns, words[2], argv)) is not None:
        return output(stored, argv)
    if verb == "get" and len(words) > 2 and words[1] in ("configmap", "configmaps", "cm"):
        data = cluster.setdefault("configmaps", {}).get(f"{ns}/{words[2]}")
        if data is None:
            not_found("configmaps", words[2])
        return output({"kind": "ConfigMap", "metadata": {"name": words[2], "namespace": ns}, "data": data}, argv)
    if verb == "create" and len(words) > 2 and words[1] in ("configmap", "cm"):
        key = f"{ns}/{words[2]}"
        if key in cluster.setdefault("configmaps", {}):
            die(f'error: failed to create configmap: configmaps "{words[2]}" already exists')
        cluster["configmaps"][key] = dict(a.split("=", 1)[1].split("=", 1) for a in argv if a.startswith("--from-literal="))
        return print(f"configmap/{words[2]} created")
    if verb == "delete" and len(words) > 2 and words[1] in ("configmap", "cm"):
        if cluster.setdefault("configmaps", {}).pop(f"{ns}/{words[2]}", None) is None and "--ignore-not-found" not in argv:
            not_found("configmaps", words[2])
        return
    if verb == "annotate":
        kind, obj_name = words[1], words[2]
        if not kind.startswith("deploy"):
            die("fake kubectl annotates deployments only")
        d = cluster["deployments"].get(f"{ns}/{obj_name}")
        if d is None:
            not_found("deployments.apps", obj_name)
        notes = d.setdefault("annotations", {})
        for change in words[3:]:
            k, v = change.split("=", 1)
            if k in notes and notes[k] != v and "--overwrite" not in argv:
                die(f"error: --overwrite is false but found the following declared annotation(s): '{k}' already has a value ({notes[k]})")
            notes[k] = v
        return print(f"deployment.apps/{obj_name} annotated")
    if verb == "get":
        kind, obj_name = words[1], (words[2] if len(words) > 2 else None)
        if kind.startswith("deploy"):
            if obj_name:
                d = tick_deployment(cluster, f"{ns}/{obj_name}")
                if d is None:
                    not_found("deployments.apps", obj_name)
                return output(deployment_view(f"{ns}/{obj_name}", d), argv)
            items = []
            for key in list(cluster["deployments"]):
                if key.startswith(ns + "/"):
                    d = tick_deployment(cluster, key)
                    if d is not None and selector_matches(flag(argv, "-l", "--selector"), d.get("labels", {})):
                        items.append(deployment_view(key, d))
            return output({"kind": "List", "items": items}, argv)
        if kind.startswith("mutatingwebhookconfiguration"):
            if obj_name not in cluster["webhooks"]:
                not_found("mutatingwebhookconfigurations.admissionregistration.k8s.io", obj_name)
            return output({"kind": "MutatingWebhookConfiguration", "metadata": {"name": obj_name}}, argv)
        if kind in ("namespace", "namespaces", "ns"):
            if obj_name is None:
                items = [{"metadata": {"name": n, "labels": l}} for n, l in cluster["namespaces"].items()
                         if selector_matches(flag(argv, "-l", "--selector"), l)]
                return output({"kind": "List", "items": items}, argv)
            if obj_name not in cluster["namespaces"]:
                not_found("namespaces", obj_name)
            return output({"kind": "Namespace", "metadata": {"name": obj_name, "labels": cluster["namespaces"][obj_name]}}, argv)
        if kind in ("pods", "pod", "po"):
            items = []
            for key, pod in cluster["pods"].items():
                if key.startswith(ns + "/"):
                    tick_pod(pod)
                    if selector_matches(flag(argv, "-l", "--selector"), pod["labels"]):
                        items.append({"metadata": {"name": key.split("/", 1)[1], "namespace": ns, "labels": pod["labels"]}, "status": {"podIP": pod.get("ip", "")}})
            return output({"kind": "List", "items": items}, argv)
        if kind in ("service", "services", "svc"):
            svc = cluster["services"].get(f"{ns}/{obj_name}")
            if svc is None:
                not_found("services", obj_name)
            ingress = [{"ip": svc["ip"]}] if svc.get("ip") else []
            return output({"kind": "Service", "metadata": {"name": obj_name, "namespace": ns}, "status": {"loadBalancer": {"ingress": ingress}}}, argv)
        if kind in ("nodes", "node", "no"):
            return output({"kind": "List", "items": [{"metadata": {"name": n}} for n in cluster.get("nodes", {})]}, argv)
        die(f'error: the server doesn\'t have a resource type "{kind}"')
    if verb == "label":
        kind, obj_name = words[1], words[2]
        if kind not in ("namespace", "namespaces", "ns"):
            die("fake kubectl labels namespaces only")
        if obj_name not in cluster["namespaces"]:
            not_found("namespaces", obj_name)
        labels = cluster["namespaces"][obj_name]
        for change in words[3:]:
            if change.endswith("-"):
                labels.pop(change[:-1], None)
            else:
                k, v = change.split("=", 1)
                if k in labels and labels[k] != v and "--overwrite" not in argv:
                    die(f"error: '{k}' already has a value ({labels[k]}), and --overwrite is false")
                labels[k] = v
        print(f"namespace/{obj_name} labeled")
        return
    if verb == "rollout":
        action = words[1]
        if action == "restart":
            target_rev = cluster["namespaces"].get(ns, {}).get("istio.io/rev")
            for key, pod in cluster["pods"].items():
                if key.startswith(ns + "/") and "istio.io/rev" in pod["labels"] and not pod["labels"].get("app", "").startswith("istio-"):
                    if target_rev:
                        pod["restart_in"], pod["restart_to"] = 2, target_rev
            print(f"deployment.apps restarted in {ns}")
            return
        if action == "status":
            for key, pod in cluster["pods"].items():
                if key.startswith(ns + "/"):
                    pod.pop("restart_in", None)
                    if "restart_to" in pod:
                        pod["labels"]["istio.io/rev"] = pod.pop("restart_to")
            print("successfully rolled out")
            return
    if verb == "exec":
        replies = cluster.get("curl", [])
        if not replies:
            die("command terminated with exit code 7", 7)
        i = cluster.get("curl_next", 0)
        cluster["curl_next"] = i + 1
        print(replies[i % len(replies)])
        return
    if verb == "run":
        # The host-network check pod: it prints `route <ip> <ip route get output>` and
        # `port <host>:<port> open|closed` for each check named after `--`.
        overrides = json.loads(flag(argv, "--overrides") or "{}")
        node = cluster.get("nodes", {}).get(overrides.get("spec", {}).get("nodeName", ""))
        if node is None or not overrides.get("spec", {}).get("hostNetwork"):
            die("fake kubectl run: the check pod must run with hostNetwork on a named node")
        for check in argv[argv.index("--") + 1:]:
            if check.startswith("route:"):
                ip = check[6:]
                via = next((gw for cidr, gw in node["routes"].items() if ip_in(ip, cidr)), node["default_via"])
                print(f"route {ip} {ip} via {via} dev eth0 src {node['ip']} uid 0")
            elif check.startswith("port:"):
                target = check[5:]
                print(f"port {target} {'open' if target in node.get('open', []) else 'closed'}")
        return
    if verb == "delete":
        if flag(argv, "-f", "--filename"):
            text = open(flag(argv, "-f", "--filename")).read()
            found = re.findall(r"kind: (\w+)\nmetadata:\n  name: (\S+)\n  namespace: (\S+)", text)
        else:
            kinds = {"deployment": "Deployment", "service": "Service"}
            found = [(kinds[w.split("/")[0]], w.split("/", 1)[1], ns) for w in words[1:]]
        for kind, obj_name, obj_ns in found:
            key = f"{obj_ns}/{obj_name}"
            if kind == "Deployment" and key in cluster["deployments"]:
                cluster["deployments"][key]["deleting_in"] = 1
                cluster["pods"] = {k: p for k, p in cluster["pods"].items() if not (k.startswith(obj_ns + "/") and p["labels"].get("app") == obj_name)}
            elif kind == "Service":
                cluster["services"].pop(key, None)
        return
    die(f"fake kubectl does not know: {' '.join(argv)}")


def stored_object(cluster, kind, ns, name, argv):
    """An object kept as-is in the cluster's `objects` ("<resource>/<namespace>/<name>", namespace
    empty for cluster-scoped ones); None when the store has no such key (the built-in kinds answer)."""
    objects = cluster.get("objects", {})
    for key in (f"{kind}/{ns}/{name}", f"{kind}//{name}"):
        if key in objects:
            obj = objects[key]
            if obj is None:
                not_found(kind, name)
            if "--show-managed-fields" not in argv:
                obj = {**obj, "metadata": {k: v for k, v in obj.get("metadata", {}).items() if k != "managedFields"}}
            return obj
    return None


def ip_in(ip, cidr):
    net, bits = cidr.split("/")
    to_int = lambda a: int.from_bytes(bytes(int(x) for x in a.split(".")), "big")
    mask = (0xFFFFFFFF << (32 - int(bits))) & 0xFFFFFFFF
    return to_int(ip) & mask == to_int(net) & mask


# ---- istioctl --------------------------------------------------------------------------------------

def istioctl(argv, name, cluster):
    words = positional(argv)
    if words[:1] == ["install"]:
        op = json.load(open(flag(argv, "-f", "--filename")))
        rev = op["spec"].get("revision", "default")
        istiod = cluster["deployments"].get(f"istio-system/istiod-{rev}")
        if istiod is None or istiod.get("ready_in", 0) != 0 or istiod.get("deleting_in") is not None:
            die(f"Error: failed to install manifests: no ready control plane of revision {rev}")
        for gw in op["spec"]["components"]["ingressGateways"]:
            key = f"{gw['namespace']}/{gw['name']}"
            labels = {"app": gw["name"], "istio.io/rev": rev, "operator.istio.io/component": "IngressGateways"}
            cluster["deployments"][key] = {"labels": labels, "image": "auto", "ready_in": 1}
            cluster["pods"][f"{key}-0"] = {"labels": dict(labels), "ip": "192.168.9.9"}
            cluster["services"][key] = {"ip": cluster.get("gateway_ip", "")}
        print("✔ Ingress gateways installed")
        return
    if words[:2] == ["manifest", "generate"]:
        op = json.load(open(flag(argv, "-f", "--filename")))
        for gw in op["spec"]["components"]["ingressGateways"]:
            for kind in ("Deployment", "Service"):
                print(f"---\napiVersion: v1\nkind: {kind}\nmetadata:\n  name: {gw['name']}\n  namespace: {gw['namespace']}")
        return
    if words[:1] == ["uninstall"]:
        rev = flag(argv, "--revision") or "default"
        key = f"istio-system/istiod-{rev}"
        if key not in cluster["deployments"]:
            die(f"Error: no Istio installation of revision {rev} found")
        # Everything of the revision goes: istiod, its webhook and the gateways installed with it.
        for k, d in cluster["deployments"].items():
            if d.get("labels", {}).get("istio.io/rev") == rev:
                d["deleting_in"] = 2
        cluster["webhooks"] = [w for w in cluster["webhooks"] if w != f"istio-sidecar-injector-{rev}"]
        print(f"✔ Uninstall of revision {rev} complete")
        return
    if words[:2] == ["proxy-config", "endpoints"] or words[:2] == ["pc", "endpoints"]:
        wanted = flag(argv, "--cluster")
        hosts = [{"address": {"socketAddress": {"address": a, "portValue": p}}, "healthStatus": {"edsHealthStatus": "HEALTHY"}, "weight": 1}
                 for a, p in cluster.get("endpoints", [])]
        # Envoy may also list a host with no socket address (an internal listener); it is no endpoint.
        hosts.append({"address": {"envoyInternalAddress": {"serverListenerName": "connect_originate"}}, "weight": 1})
        print(json.dumps([{"name": wanted, "addedViaApi": True, "hostStatuses": hosts}]))
        return
    die(f"fake istioctl does not know: {' '.join(argv)}")


# ---- asmcli ----------------------------------------------------------------------------------------

def asmcli(argv):
    version = os.environ.get("FAKE_ASM_VERSION", "1.29.0-asm.1+config1")
    if "--version" in argv:
        print(version)
        return
    release = version.split("+")[0]
    if argv and argv[0] == "build-offline-package":
        # asmcli commands/build-offline-package.sh: the kpt package and the release's tarball, unverified.
        out = flag(argv, "--output_dir", "-D") or die("fake asmcli: pass --output_dir")
        bin_dir = os.path.join(out, f"istio-{release}", "bin")
        os.makedirs(bin_dir, exist_ok=True)
        os.makedirs(os.path.join(out, "asm", "istio"), exist_ok=True)
        open(os.path.join(out, "asm", "istio", "istio-operator.yaml"), "w").write("kind: IstioOperator\n")
        with open(os.path.join(bin_dir, "istioctl"), "w") as f:
            f.write(open(os.path.join(HOME, "bin", "istioctl")).read() + "# as asmcli downloaded it\n")
        os.chmod(os.path.join(bin_dir, "istioctl"), 0o755)
        if not os.path.lexists(os.path.join(out, "istioctl")):
            os.symlink(f"istio-{release}/bin/istioctl", os.path.join(out, "istioctl"))
        open(os.path.join(out, ".asm_version"), "w").write(version + "\n")
        record("asmcli", argv, "")
        return
    if not argv or argv[0] != "install":
        die("fake asmcli knows install, build-offline-package and --version only")
    major, minor, point, rev = re.match(r"(\d+)\.(\d+)\.(\d+)-asm\.(\d+)", release).groups()
    revision = flag(argv, "--revision_name", "-r") or f"asm-{major}{minor}{point}-{rev}"
    out = flag(argv, "--output_dir", "-D") or die("fake asmcli: pass --output_dir")
    platform = flag(argv, "--platform") or "gcp"
    kubeconfig = flag(argv, "--kubeconfig")
    if platform == "multicloud":
        if not kubeconfig:
            die("[ERROR]: --kubeconfig is required for --platform multicloud")
        os.environ["KUBECONFIG"] = kubeconfig
    name = cluster_name(argv)
    cluster = load(name)
    bin_dir = os.path.join(out, f"istio-{release}", "bin")
    if "--offline" in argv:
        # asmcli lib/util.sh prepare_environment: offline, it downloads nothing and uses the output directory.
        if not (os.path.exists(os.path.join(bin_dir, "istioctl")) and os.path.exists(os.path.join(out, "asm", "istio", "istio-operator.yaml"))):
            die("[WARNING]: Critical components not found in the offline mode.")
        used = hashlib.sha256(open(os.path.join(bin_dir, "istioctl"), "rb").read()).hexdigest()
        record("asmcli", argv, name, istioctl_sha256=used)
    else:
        record("asmcli", argv, name)
        # asmcli download_asm: the release's tarball, then `ln -s istio-<release>/bin/istioctl .`
        os.makedirs(bin_dir, exist_ok=True)
        shutil.copy(os.path.join(HOME, "bin", "istioctl"), os.path.join(bin_dir, "istioctl"))
        link = os.path.join(out, "istioctl")
        if os.path.lexists(link):
            die("ln: ./istioctl: File exists")
        os.symlink(f"istio-{release}/bin/istioctl", link)
    labels = cluster["namespaces"].setdefault("istio-system", {})
    if "topology.istio.io/network" not in labels:
        labels["topology.istio.io/network"] = flag(argv, "--network_id") or ("default" if platform == "multicloud" else f"{flag(argv, '--project_id')}-default")
    key = f"istio-system/istiod-{revision}"
    half = cluster.get("asmcli_fails", False)
    # asm/istio/istio-operator.yaml clusterName `cn-<project>-<location>-<cluster>` (kpt setters, asmcli lib/config.sh).
    cluster_id = (f"cn-{flag(argv, '--project_id')}-{flag(argv, '--cluster_location')}-{flag(argv, '--cluster_name')}" if platform != "multicloud"
                  else f"cn-{flag(argv, '--fleet_id')}-global-{name}")
    previous = cluster["deployments"].get(key, {})
    cluster["deployments"][key] = {
        "labels": {"app": "istiod", "istio.io/rev": revision},
        "annotations": previous.get("annotations", {}),
        "env": {"CLUSTER_ID": cluster_id},
        "image": f"gcr.io/gke-release/asm/pilot:{release}-distroless",
        "ready_in": -1 if half else cluster.get("ready_polls", 2),
    }
    if half:
        save(name, cluster)
        die("[ERROR]: timed out waiting for istiod", 2)
    if f"istio-sidecar-injector-{revision}" not in cluster["webhooks"]:
        cluster["webhooks"].append(f"istio-sidecar-injector-{revision}")
    save(name, cluster)
    print(f"asmcli: installed {revision}")


def main():
    tool, argv = sys.argv[1], sys.argv[2:]
    if tool == "asmcli":
        return asmcli(argv)
    name = cluster_name(argv)
    cluster = load(name)
    record(tool, argv, name)
    try:
        (kubectl if tool == "kubectl" else istioctl)(argv, name, cluster)
    finally:
        save(name, cluster)


if __name__ == "__main__":
    main()
