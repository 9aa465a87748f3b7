#!/usr/bin/env python3
"""Stand-ins for kubectl, istioctl and asmcli in the mesh script tests, and `admin` to seed a cluster.

Each cluster is a JSON file in $FAKE_MESH_STATE/clusters/<current-context>.json (fake_cluster.py); every
call is recorded (tool, the binary's path, argv, cluster) in $FAKE_MESH_STATE/calls.jsonl. Istio behaves
as istio_model.py says (shared with the rehearsal's stand-ins): injected pods carry the revision in the
sidecar.istio.io/status and istio.io/rev annotations, only gateway pods carry the istio.io/rev label, and a
pod's proxy comes from whichever revision's webhook selects its namespace when the pod is created.

  fake_mesh.py admin <cluster> <action>   reads a JSON spec on stdin:
    install  {revision, release, network?, ready_in?, cluster_id?}   what `asmcli install` leaves (istio_model)
    register {fleet, membership}                        what registering the cluster to a fleet leaves (istio_model)
    tag      {tag, revision}                            what `istioctl tag set` leaves
    workload {namespace, name, kind?, labels, replicas?, containers?, ips?}  a workload; its pods are admitted now
    gateway  {operator, release}                        what `istioctl install -f` leaves
"""
import hashlib
import json
import os
import re
import sys

import fake_cluster as fc
import istio_model as istio

STATE = os.environ.get("FAKE_MESH_STATE", "")
HOME = os.path.dirname(os.path.abspath(__file__))


def die(message, code=1):
    sys.stderr.write(message + "\n")
    sys.exit(code)


def flag(argv, *names):
    for i, a in enumerate(argv):
        if a in names and i + 1 < len(argv):
            return argv[i + 1]
        for n in names:
            if n.startswith("--") and a.startswith(n + "="):
                return a.split("=", 1)[1]
            if len(n) == 2 and a.startswith(n) and len(a) > 2 and not a.startswith("--"):
                return a[2:]
    return None


WITH_VALUE = {"-n", "--namespace", "-o", "--output", "-l", "--selector", "--kubeconfig", "--context", "-c", "--container",
              "--timeout", "--image", "--overrides", "--restart", "-f", "--filename", "--cluster", "--revision", "-r"}


def positional(argv):
    """argv without flags and their values (up to `--`)."""
    out, i = [], 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            break
        if a in WITH_VALUE:
            i += 2
            continue
        if not a.startswith("-"):
            out.append(a)
        i += 1
    return out


def kubeconfig_path(argv):
    return flag(argv, "--kubeconfig") or os.environ.get("KUBECONFIG", "")


def cluster_name(argv):
    path = kubeconfig_path(argv)
    if not path or not os.path.exists(path):
        die("error: no configuration has been provided, try setting KUBERNETES_MASTER environment variable")
    match = re.search(r"^current-context:\s*(\S+)", open(path).read(), re.M)
    if not match:
        die("error: current-context is not set")
    return match.group(1)


def state_path(name):
    return os.path.join(STATE, "clusters", name + ".json")


def load(name):
    if not os.path.exists(state_path(name)):
        die(f"Unable to connect to the server: dial tcp: lookup {name}: no such host")
    return fc.normalise(json.load(open(state_path(name))))


def save(name, cluster):
    json.dump(cluster, open(state_path(name), "w"), indent=1)


def record(tool, argv, cluster, **extra):
    with open(os.path.join(STATE, "calls.jsonl"), "a") as f:
        f.write(json.dumps({"tool": tool, "path": os.environ.get("FAKE_MESH_BIN", ""), "argv": argv, "cluster": cluster, **extra}) + "\n")


def not_found(kind, name):
    die(f'Error from server (NotFound): {kind} "{name}" not found')


def output(obj, argv):
    fmt = flag(argv, "-o", "--output")
    if fmt == "name":
        items = obj["items"] if "items" in obj else [obj]
        for item in items:
            print(f'{item["kind"].lower()}/{item["metadata"]["name"]}')
    else:
        print(json.dumps(obj))


# ---- kubectl ---------------------------------------------------------------------------------------

KINDS = {
    "deployment": "Deployment", "deployments": "Deployment", "deploy": "Deployment", "deployments.apps": "Deployment",
    "statefulset": "StatefulSet", "statefulsets": "StatefulSet", "sts": "StatefulSet",
    "daemonset": "DaemonSet", "daemonsets": "DaemonSet", "ds": "DaemonSet",
    "replicaset": "ReplicaSet", "replicasets": "ReplicaSet", "rs": "ReplicaSet",
    "pod": "Pod", "pods": "Pod", "po": "Pod",
    "namespace": "Namespace", "namespaces": "Namespace", "ns": "Namespace",
    "mutatingwebhookconfiguration": "MutatingWebhookConfiguration", "mutatingwebhookconfigurations": "MutatingWebhookConfiguration",
    "service": "Service", "services": "Service", "svc": "Service",
    "node": "Node", "nodes": "Node", "no": "Node",
    "configmap": "ConfigMap", "configmaps": "ConfigMap", "cm": "ConfigMap",
    "secret": "Secret", "secrets": "Secret",
    "serviceaccount": "ServiceAccount", "serviceaccounts": "ServiceAccount", "sa": "ServiceAccount",
    "customresourcedefinition": "CustomResourceDefinition", "customresourcedefinitions": "CustomResourceDefinition",
    "crd": "CustomResourceDefinition", "crds": "CustomResourceDefinition",
    "clusterrole": "ClusterRole", "clusterroles": "ClusterRole", "clusterrolebinding": "ClusterRoleBinding",
    "clusterrolebindings": "ClusterRoleBinding", "poddisruptionbudget": "PodDisruptionBudget",
    "poddisruptionbudgets": "PodDisruptionBudget", "pdb": "PodDisruptionBudget",
}
CLUSTER_SCOPED = {"Namespace", "Node", "MutatingWebhookConfiguration", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"}
# The resource names the API server reports a kind under (NotFound messages).
RESOURCES = {"Deployment": "deployments.apps", "StatefulSet": "statefulsets.apps", "DaemonSet": "daemonsets.apps",
             "MutatingWebhookConfiguration": "mutatingwebhookconfigurations.admissionregistration.k8s.io",
             "CustomResourceDefinition": "customresourcedefinitions.apiextensions.k8s.io"}


def custom_kinds(cluster):
    """Kinds the cluster's CustomResourceDefinitions serve: {resource name: (kind, namespaced, plural.group)}; kubectl
    finds them by plural, singular, short name or plural.group (the API server's discovery)."""
    found = {}
    for key, crd in cluster["objects"].items():
        if not key.startswith("CustomResourceDefinition/"):
            continue
        spec = crd.get("spec") or {}
        names, group = spec.get("names") or {}, spec.get("group", "")
        entry = (names.get("kind"), spec.get("scope", "Namespaced") == "Namespaced", f"{names.get('plural')}.{group}")
        for name in [names.get("plural"), names.get("singular"), *(names.get("shortNames") or []), f"{names.get('plural')}.{group}"]:
            if name:
                found.setdefault(name.lower(), entry)
    return found


def resolve_kind(cluster, word):
    """(kind, namespaced, resource) of a kubectl resource word, or kubectl's error when the server serves none."""
    word = word.lower()
    if word in KINDS:
        kind = KINDS[word]
        return kind, kind not in CLUSTER_SCOPED, RESOURCES.get(kind, kind.lower() + "s")
    custom = custom_kinds(cluster).get(word)
    if custom is None:
        die(f'error: the server doesn\'t have a resource type "{word}"')
    return custom


def with_managers(cluster, item, show):
    """kubectl hides metadata.managedFields unless --show-managed-fields (kubectl >= 1.21)."""
    meta = item.setdefault("metadata", {})
    meta.pop("managedFields", None)
    key = fc.object_key(item["kind"], meta.get("namespace"), meta["name"])
    if show and cluster["managers"].get(key):
        meta["managedFields"] = [dict(m) for m in cluster["managers"][key]]
    return item


def list_kind(cluster, kind, ns, selector, namespaced=True):
    """Every object of `kind` in `ns` (None: all namespaces) as the API server lists it."""
    in_ns = lambda key: ns is None or key.startswith(ns + "/")
    if kind in fc.WORKLOAD_KINDS:
        items = [fc.workload_view(kind, k, w) for k, w in cluster[fc.WORKLOAD_KINDS[kind]].items() if in_ns(k)]
    elif kind == "ReplicaSet":
        items = [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {
            "name": k.split("/", 1)[1], "namespace": k.split("/", 1)[0],
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": d, "controller": True}]}}
            for k, d in cluster["replicasets"].items() if in_ns(k)]
    elif kind == "Pod":
        items = [fc.pod_view(k, p) for k, p in cluster["pods"].items() if in_ns(k)]
    elif kind == "Namespace":
        items = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": n, "labels": istio.namespace_labels(n, l)}}
                 for n, l in cluster["namespaces"].items()]
    elif kind == "MutatingWebhookConfiguration":
        items = [json.loads(json.dumps(w)) for w in cluster["webhooks"].values()]
    elif kind == "Service":
        items = [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": k.split("/", 1)[1], "namespace": k.split("/", 1)[0], "labels": s.get("labels", {})},
                  "status": {"loadBalancer": {"ingress": [{"ip": s["ip"]}] if s.get("ip") else []}}}
                 for k, s in cluster["services"].items() if in_ns(k)]
    elif kind == "Node":
        items = [{"apiVersion": "v1", "kind": "Node", "metadata": {"name": n}} for n in cluster.get("nodes") or {}]
    else:  # every other kind lives in `objects`, "<Kind>/<namespace or ''>/<name>"
        items = []
        for key, obj in cluster["objects"].items():
            obj_kind, obj_ns, _ = key.split("/", 2)
            if obj_kind == kind and (not namespaced or ns is None or obj_ns == ns):
                items.append(json.loads(json.dumps(obj)))
    wanted = istio.parse_selector(selector) if selector else None
    return [i for i in items if wanted is None or istio.selector_matches(wanted, i["metadata"].get("labels") or {})]


def kubectl_get(argv, cluster, words):
    all_ns = "-A" in argv or "--all-namespaces" in argv
    ns = None if all_ns else (flag(argv, "-n", "--namespace") or "default")
    kinds = [resolve_kind(cluster, n) for n in words[1].split(",")]
    obj_name = words[2] if len(words) > 2 else None
    if any(k in fc.WORKLOAD_KINDS or k in ("Pod", "ReplicaSet") for k, _, _ in kinds):
        fc.tick(cluster, ns)
    show = "--show-managed-fields" in argv
    items = [with_managers(cluster, i, show) for k, namespaced, _ in kinds
             for i in list_kind(cluster, k, ns, flag(argv, "-l", "--selector"), namespaced)]
    if obj_name is None:
        return output({"apiVersion": "v1", "kind": "List", "items": items}, argv)
    match = [i for i in items if i["metadata"]["name"] == obj_name]
    if not match:
        if "--ignore-not-found" in argv:
            return
        not_found(kinds[0][2], obj_name)
    output(match[0], argv)


def kubectl_version(argv, cluster):
    """`kubectl version -o json`: the client's version and the API server's (/version)."""
    server = cluster.get("server_version") or {"major": "1", "minor": "34", "gitVersion": "v1.34.1"}
    print(json.dumps({"clientVersion": {"major": "1", "minor": "34", "gitVersion": "v1.34.1"}, "serverVersion": server}))


def kubectl_label(argv, cluster, words):
    if KINDS.get(words[1]) != "Namespace":
        die("fake kubectl labels namespaces only")
    name = words[2]
    if name not in cluster["namespaces"]:
        not_found("namespaces", name)
    labels = cluster["namespaces"][name]
    for change in words[3:]:
        if change.endswith("-"):
            labels.pop(change[:-1], None)
        else:
            k, v = change.split("=", 1)
            if k in labels and labels[k] != v and "--overwrite" not in argv:
                die(f"error: '{k}' already has a value ({labels[k]}), and --overwrite is false")
            labels[k] = v
    fc.manage(cluster, fc.object_key("Namespace", "", name), "kubectl-label")
    print(f"namespace/{name} labeled")


def kubectl_annotate(argv, cluster, words):
    """`kubectl annotate <workload> <name> k=v [k-] [--overwrite]` (kubectl's messages)."""
    ns = flag(argv, "-n", "--namespace") or "default"
    kind, _, resource = resolve_kind(cluster, words[1])
    if kind not in fc.WORKLOAD_KINDS:
        die("fake kubectl annotates Deployments, StatefulSets and DaemonSets only")
    w = cluster[fc.WORKLOAD_KINDS[kind]].get(f"{ns}/{words[2]}")
    if w is None:
        not_found(resource, words[2])
    notes = w.setdefault("annotations", {})
    for change in words[3:]:
        if change.endswith("-") and "=" not in change:
            notes.pop(change[:-1], None)
            continue
        k, v = change.split("=", 1)
        if k in notes and notes[k] != v and "--overwrite" not in argv:
            die(f"error: --overwrite is false but found the following declared annotation(s): '{k}' already has a value ({notes[k]})")
        notes[k] = v
    fc.manage(cluster, fc.object_key(kind, ns, words[2]), "kubectl-annotate")
    print(f"{kind.lower()}.apps/{words[2]} annotated")


def kubectl_create(argv, cluster, words):
    """`kubectl create configmap <name> --from-literal=k=v...`; an existing one is kubectl's AlreadyExists error."""
    ns = flag(argv, "-n", "--namespace") or "default"
    if len(words) < 3 or KINDS.get(words[1]) != "ConfigMap":
        die(f"fake kubectl creates configmaps only: {' '.join(argv)}")
    key = fc.object_key("ConfigMap", ns, words[2])
    if key in cluster["objects"]:
        die(f'error: failed to create configmap: configmaps "{words[2]}" already exists')
    data = dict(a.split("=", 1)[1].split("=", 1) for a in argv if a.startswith("--from-literal="))
    cluster["objects"][key] = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": words[2], "namespace": ns}, "data": data}
    fc.manage(cluster, key, "kubectl-create")
    print(f"configmap/{words[2]} created")


def kubectl_rollout(argv, cluster, words):
    ns = flag(argv, "-n", "--namespace") or "default"
    action, targets = words[1], words[2:]
    if action == "status":
        kind, _, name = targets[0].partition("/")
        fc.finish_rollouts(cluster, ns, name or None)
        print(f'deployment "{name}" successfully rolled out')
        return
    if action != "restart":
        die(f"fake kubectl does not know rollout {action}")
    chosen = []
    if len(targets) == 1 and "/" not in targets[0]:  # every workload of that kind in the namespace
        kind = KINDS[targets[0]]
        chosen = [(kind, k.split("/", 1)[1]) for k in cluster[fc.WORKLOAD_KINDS[kind]] if k.startswith(ns + "/")]
    else:
        for t in targets:
            kind, _, name = t.partition("/")
            if f"{ns}/{name}" not in cluster[fc.WORKLOAD_KINDS[KINDS[kind]]]:
                not_found(KINDS[kind].lower() + "s.apps", name)
            chosen.append((KINDS[kind], name))
    for kind, name in chosen:
        fc.restart(cluster, ns, kind, name)
        print(f"{kind.lower()}.apps/{name} restarted")


def kubectl_run(argv, cluster):
    # The host-network check pod: it prints `route <ip> <ip route get output>` and `port <host>:<port> open|closed`
    # for each check named after `--`.
    overrides = json.loads(flag(argv, "--overrides") or "{}")
    node = (cluster.get("nodes") or {}).get(overrides.get("spec", {}).get("nodeName", ""))
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


def kubectl_delete(argv, cluster, words):
    """`kubectl delete -f <manifest>`, `delete <kind>/<name>...` or `delete <kind> <name>...`: each object that is
    not there is kubectl's NotFound error (reported after the others are deleted), unless --ignore-not-found."""
    ns = flag(argv, "-n", "--namespace") or "default"
    if flag(argv, "-f", "--filename"):
        found = []
        for doc in open(flag(argv, "-f", "--filename")).read().split("---"):
            kind, name, obj_ns = (re.search(rf"^{p}: (\S+)$", doc, re.M) for p in ("kind", "  name", "  namespace"))
            if kind and name:
                found.append((kind.group(1), name.group(1), obj_ns.group(1) if obj_ns else ns))
    elif words[1:] and "/" not in words[1]:
        kind = resolve_kind(cluster, words[1])[0]
        found = [(kind, name, ns) for name in words[2:]]
    else:
        found = [(resolve_kind(cluster, w.split("/")[0])[0], w.split("/", 1)[1], ns) for w in words[1:]]
    missing = []
    for kind, name, obj_ns in found:
        key = f"{obj_ns}/{name}"
        object_key = fc.object_key(kind, "" if kind in CLUSTER_SCOPED else obj_ns, name)
        if kind in fc.WORKLOAD_KINDS and key in cluster[fc.WORKLOAD_KINDS[kind]]:
            cluster[fc.WORKLOAD_KINDS[kind]][key]["deleting_in"] = 1
        elif kind == "Service" and key in cluster["services"]:
            del cluster["services"][key]
        elif object_key in cluster["objects"]:
            del cluster["objects"][object_key]
        else:
            missing.append((kind, name))
            continue
        cluster["managers"].pop(object_key, None)
        print(f'{kind.lower()} "{name}" deleted')
    if missing and "--ignore-not-found" not in argv:
        for kind, name in missing:
            sys.stderr.write(f'Error from server (NotFound): {RESOURCES.get(kind, kind.lower() + "s")} "{name}" not found\n')
        sys.exit(1)


def kubectl(argv, name, cluster):
    words = positional(argv)
    verb = words[0] if words else ""
    handlers = {"get": kubectl_get, "label": kubectl_label, "annotate": kubectl_annotate, "create": kubectl_create,
                "rollout": kubectl_rollout, "delete": kubectl_delete}
    if verb in handlers:
        return handlers[verb](argv, cluster, words)
    if verb == "version":
        return kubectl_version(argv, cluster)
    if verb == "exec":
        replies = cluster.get("curl", [])
        if not replies:
            die("command terminated with exit code 7", 7)
        i = cluster.get("curl_next", 0)
        cluster["curl_next"] = i + 1
        print(replies[i % len(replies)])
        return
    if verb == "run":
        return kubectl_run(argv, cluster)
    die(f"fake kubectl does not know: {' '.join(argv)}")


def ip_in(ip, cidr):
    net, bits = cidr.split("/")
    to_int = lambda a: int.from_bytes(bytes(int(x) for x in a.split(".")), "big")
    mask = (0xFFFFFFFF << (32 - int(bits))) & 0xFFFFFFFF
    return to_int(ip) & mask == to_int(net) & mask


# ---- istioctl --------------------------------------------------------------------------------------

def confirm(argv, message):
    """operator/cmd/mesh/shared.go Confirm: without -y, asks on stdin; no answer is no."""
    if "-y" in argv or "--skip-confirmation" in argv:
        return
    sys.stdout.write(message + " ")
    sys.stdout.flush()
    answer = sys.stdin.readline().strip().upper()
    if answer not in ("Y", "YES"):
        print("Cancelled.")
        sys.exit(1)


def release_of_istioctl():
    """The release of this istioctl: the tarball it came from (istio-<release>/bin/istioctl)."""
    match = re.search(r"(\d+\.\d+\.\d+-asm\.\d+)", os.path.realpath(os.environ.get("FAKE_MESH_BIN", "")))
    return match.group(1) if match else "1.29.0-asm.1"


def istioctl(argv, name, cluster):
    words = positional(argv)
    if words[:1] == ["install"]:
        op = json.load(open(flag(argv, "-f", "--filename")))
        confirm(argv, f'This will install the Istio {release_of_istioctl()} profile "{op["spec"].get("profile", "default")}" into the cluster. Proceed? (y/N)')
        objects = istio.gateway_objects(op, release_of_istioctl())
        fc.install_objects(cluster, objects, ready_in=1)
        for obj in objects:
            if obj["kind"] == "Service":
                key = f"{obj['metadata']['namespace']}/{obj['metadata']['name']}"
                cluster["services"][key]["ip"] = cluster.get("gateway_ip", "")
            if obj["kind"] == "Deployment":
                ns, gw = obj["metadata"]["namespace"], obj["metadata"]["name"]
                fc.roll_out(cluster, ns, "Deployment", gw)
                err = cluster["deployments"][f"{ns}/{gw}"].get("last_error")
                pods = [cluster["pods"][k] for k in fc.pods_of(cluster, ns, "Deployment", gw)]
                if err or any(p["status"]["phase"] != "Running" for p in pods):
                    die(f"✘ Ingress gateways encountered an error: failed to wait for resource: resources not ready after 5m0s: "
                        f"timeout while waiting for resources: Deployment/{ns}/{gw}{': ' + err if err else ''}")
        print("✔ Ingress gateways installed\n✔ Installation complete")
        return
    if words[:2] == ["manifest", "generate"]:
        op = json.load(open(flag(argv, "-f", "--filename")))
        for obj in istio.gateway_objects(op, release_of_istioctl()):
            print("---\n" + istio.to_yaml(obj))
        return
    if words[:1] == ["uninstall"]:
        return istioctl_uninstall(argv, cluster)
    if words[:2] in (["proxy-config", "endpoints"], ["pc", "endpoints"], ["proxy-config", "endpoint"], ["pc", "ep"]):
        pod_name, _, ns = words[2].partition(".")
        pod = cluster["pods"].get(f"{ns or 'default'}/{pod_name}")
        if pod is None:
            die(f'Error: pods "{pod_name}" not found')
        if istio.proxy_revision(pod) is None:
            die(f"Error: failed to execute command on Envoy: failure running port forward process: {pod_name} has no istio-proxy")
        wanted = flag(argv, "--cluster")
        out = istio.endpoints_output(wanted, [(a, p, True) for a, p in cluster.get("endpoints", [])])
        # Envoy may also list a host with no socket address (an internal listener); it is no endpoint.
        for status in out:
            status["hostStatuses"].append({"address": {"envoyInternalAddress": {"serverListenerName": "connect_originate"}}, "weight": 1})
        print(json.dumps(out))
        return
    die(f"fake istioctl does not know: {' '.join(argv)}")


def istioctl_uninstall(argv, cluster):
    revision = flag(argv, "--revision", "-r")
    if not revision:
        die("Error: at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set")
    # istioctl/pkg/tag/revision.go ListRevisionDescriptions: the revisions are those of the injection webhooks.
    if revision not in {w["metadata"]["labels"].get(istio.REV) for w in cluster["webhooks"].values()}:
        die("Error: could not find target revision")
    fc.tick(cluster)
    pruned = fc.prunable(cluster, revision)
    proxies = sorted(istio.proxy_id(fc.pod_view(k, p)) for k, p in cluster["pods"].items()
                     if istio.proxy_revision(p) == revision and istio.running(p))
    message, needs = istio.uninstall_precheck(revision, proxies, [o for _, _, o in pruned])
    dry_run = "--dry-run" in argv
    if dry_run or "-y" in argv or "--skip-confirmation" in argv or not needs:
        sys.stdout.write(message + "\n")
    else:
        confirm(argv, message + "Proceed? (y/N)")
    for kind, key, obj in pruned:
        namespace = key.split("/")[0] if kind in fc.WORKLOAD_KINDS or kind == "Service" else key.split("/")[1] if key.count("/") == 2 else ""
        label = istio.pruned_name(obj, namespace)
        if dry_run:
            print(f"Not pruning object {label} because of dry run.")
            continue
        if kind in fc.WORKLOAD_KINDS:
            cluster[fc.WORKLOAD_KINDS[kind]][key]["deleting_in"] = 2
        elif kind == "Service":
            del cluster["services"][key]
        elif kind == "MutatingWebhookConfiguration":
            del cluster["webhooks"][key]
        else:
            del cluster["objects"][key]
        print(f"  Removed {label}.")
    if not dry_run:
        print("✔ Uninstall complete")


# ---- asmcli ----------------------------------------------------------------------------------------

def download_asm(out, release, version):
    """ASMCLI lib/util.sh download_asm: the release's tarball unpacked in the output directory (nothing verified),
    `ln -s istio-<release>/bin/istioctl .` (which fails when the link exists) and .asm_version. The istioctl
    is marked as this download's, so a test can tell it from the copy of a verified release."""
    bin_dir = os.path.join(out, f"istio-{release}", "bin")
    os.makedirs(bin_dir, exist_ok=True)
    with open(os.path.join(bin_dir, "istioctl"), "w") as f:
        f.write(open(os.path.join(HOME, "bin", "istioctl")).read() + "# as asmcli downloaded it\n")
    os.chmod(os.path.join(bin_dir, "istioctl"), 0o755)
    link = os.path.join(out, "istioctl")
    if os.path.lexists(link):
        die("ln: ./istioctl: File exists")
    os.symlink(f"istio-{release}/bin/istioctl", link)
    open(os.path.join(out, ".asm_version"), "w").write(version + "\n")


def necessary_files_exist(out, release):
    """ASMCLI lib/util.sh necessary_files_exist: the release's istioctl and the kpt package's operator manifest."""
    return os.path.isfile(os.path.join(out, f"istio-{release}", "bin", "istioctl")) and \
        os.path.isfile(os.path.join(out, "asm", "istio", "istio-operator.yaml"))


def build_offline_package(argv, version, release):
    """ASMCLI commands/build-offline-package.sh: the output directory, the release (download_asm, unless its files
    are there) and the kpt package (download_kpt_package: asm/ and .asm_settings), for `install --offline`."""
    out = flag(argv, "--output_dir", "-D") or die("fake asmcli: pass --output_dir")
    os.makedirs(out, exist_ok=True)
    if not necessary_files_exist(out, release):
        download_asm(out, release, version)
    os.makedirs(os.path.join(out, "asm", "istio"), exist_ok=True)
    open(os.path.join(out, "asm", "istio", "istio-operator.yaml"), "w").write("apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n")
    open(os.path.join(out, ".asm_settings"), "w").close()
    record("asmcli", ["build-offline-package", *argv], "")
    print("asmcli: The offline package download is now complete.")


def offline_files(out, release):
    """ASMCLI lib/util.sh set_up_local_workspace and prepare_environment with --offline: nothing is downloaded; the
    output directory must exist, and without the release's files asmcli warns and goes on (istioctl then fails)."""
    if not os.path.isdir(out):
        die(f"asmcli: [ERROR]: {out} must exist for offline installation.", 2)
    if not necessary_files_exist(out, release):
        sys.stderr.write("asmcli: [WARNING]: Critical components not found in the offline mode. Note that if the installation "
                         "configuration has changed,\nkpt packages would have to be re-downloaded. Please run \"asmcli "
                         "build-offline-package\"\nand pass the directory containing the required files to install ASM "
                         "successfully offline.\n\nInstallation will continue, but may not succeed.\n")
    istioctl = os.path.join(out, f"istio-{release}", "bin", "istioctl")
    if not os.path.isfile(istioctl):
        die(f"{istioctl}: No such file or directory", 127)
    return hashlib.sha256(open(istioctl, "rb").read()).hexdigest()


def asmcli(argv):
    version = os.environ.get("FAKE_ASM_VERSION", "1.29.0-asm.1+config1")
    if "--version" in argv:
        print(version)
        return
    release = istio.release_of(version)
    if argv[:1] == ["build-offline-package"]:
        return build_offline_package(argv[1:], version, release)
    if not argv or argv[0] != "install":
        die("fake asmcli knows install, build-offline-package and --version only")
    revision = flag(argv, "--revision_name", "-r") or istio.default_revision(release)
    out = flag(argv, "--output_dir", "-D") or die("fake asmcli: pass --output_dir")
    platform = flag(argv, "--platform") or "gcp"
    kubeconfig = flag(argv, "--kubeconfig")
    if platform == "multicloud":
        if not kubeconfig:
            die("asmcli: [ERROR]: Missing one or more required options.", 2)
        os.environ["KUBECONFIG"] = kubeconfig
    name = cluster_name(argv)
    cluster = load(name)
    if "--offline" in argv:
        record("asmcli", argv, name, istioctl_sha256=offline_files(out, release))
    else:
        record("asmcli", argv, name)
        download_asm(out, release, version)
    labels = cluster["namespaces"].setdefault(istio.ISTIO_SYSTEM, {})
    if istio.NETWORK not in labels:  # asmcli label_istio_namespace never overwrites the label
        labels[istio.NETWORK] = flag(argv, "--network_id") or ("default" if platform == "multicloud" else f"{flag(argv, '--project_id')}-default")
    membership = cluster["objects"].get(fc.object_key("Membership", "", "membership"))
    cluster_id = istio.asm_cluster_name(platform, flag(argv, "--project_id", "-p"), flag(argv, "--cluster_location", "-l"),
                                        flag(argv, "--cluster_name", "-n"), flag(argv, "--fleet_id"), membership)
    install_revision(cluster, revision, release, labels[istio.NETWORK],
                     -1 if cluster.get("asmcli_fails") else cluster.get("ready_polls", 2), cluster_id)
    if cluster.get("asmcli_fails"):
        # a half-finished install: istiod exists but never becomes ready, and its webhook is not there yet
        del cluster["webhooks"][f"istio-sidecar-injector-{revision}"]
        save(name, cluster)
        die("asmcli: [ERROR]: timed out waiting for istiod", 2)
    save(name, cluster)
    print(f"asmcli: installed {revision}")


def fake_client_config(revision):
    return {"service": {"name": f"istiod-{revision}", "namespace": istio.ISTIO_SYSTEM, "path": "/inject", "port": 443}}


def install_revision(cluster, revision, release, network="", ready_in=0, cluster_id=""):
    values = istio.injector_values(revision, release, network, cluster_name=cluster_id)
    fc.install_objects(cluster, istio.base_objects(revision, release), ready_in)
    fc.install_objects(cluster, istio.istiod_objects(revision, release, values, fake_client_config(revision)), ready_in)


# ---- admin: seeding a cluster the way the real tools leave it -----------------------------------------

def admin(name, action, spec):
    cluster = load(name)
    if action == "install":
        install_revision(cluster, spec["revision"], spec["release"], spec.get("network", ""), spec.get("ready_in", 0), spec.get("cluster_id", ""))
        fc.tick(cluster, istio.ISTIO_SYSTEM)
    elif action == "register":
        fc.install_objects(cluster, istio.membership_objects(spec["fleet"], spec["membership"]), manager="gcloud")
    elif action == "tag":
        istiod = cluster["deployments"][f"{istio.ISTIO_SYSTEM}/istiod-{spec['revision']}"]
        release = istiod["labels"][istio.OPERATOR_VERSION]
        mwc = istio.tag_configuration(spec["tag"], spec["revision"], fake_client_config(spec["revision"]), release)
        cluster["webhooks"][mwc["metadata"]["name"]] = mwc
    elif action == "workload":
        kind, ns = spec.get("kind", "Deployment"), spec["namespace"]
        containers = spec.get("containers") or [{"name": spec["name"], "image": f"docker.io/istio/examples-{spec['name']}"}]
        template = {"metadata": {"labels": spec["labels"], "annotations": spec.get("annotations", {})}, "spec": {"containers": containers}}
        fc.create_workload(cluster, ns, kind, spec["name"], spec["labels"], template, spec.get("replicas", 1), ips=spec.get("ips", []))
        fc.roll_out(cluster, ns, kind, spec["name"])
    elif action == "gateway":
        objects = istio.gateway_objects(spec["operator"], spec["release"])
        fc.install_objects(cluster, objects)
        for obj in objects:
            if obj["kind"] == "Deployment":
                fc.roll_out(cluster, obj["metadata"]["namespace"], "Deployment", obj["metadata"]["name"])
            if obj["kind"] == "Service":
                key = f"{obj['metadata']['namespace']}/{obj['metadata']['name']}"
                cluster["services"][key]["ip"] = cluster.get("gateway_ip", "")
    else:
        die(f"fake_mesh admin: no action {action}")
    save(name, cluster)


def main():
    tool, argv = sys.argv[1], sys.argv[2:]
    if tool == "admin":
        return admin(argv[0], argv[1], json.load(sys.stdin))
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
