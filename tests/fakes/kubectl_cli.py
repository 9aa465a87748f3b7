#!/usr/bin/env python3
"""A kubectl stand-in for script tests that have no API server.

Every call is appended to $FAKE_KUBECTL_LOG: argv, the kubeconfig's content and the manifest read
with -f (a file or stdin). When $FAKE_KUBE_STATE names a file, the stand-in keeps the cluster's
objects there (namespaces `default` and `kube-system` exist from the start) and answers
`apply` (also `--dry-run=client -o json`), `get <kind>/<name> --ignore-not-found -o name`,
`get <kind> -l <label>=<value> -o json` and `delete <kind>/<name>` from it. The state also models
what other controllers do meanwhile:
  arrivals        objects that appear after that many further `get` calls (a fleet creating a
                  Service, EndpointSlices being synced);
  exec_failures   how many `exec` calls fail before they answer (an endpoint not yet routable);
  apply_fails_at  a kind whose `apply` the server refuses (objects before it are applied);
  members         objects in member clusters, read through the hub's cluster-gateway proxy
                  (`get --raw /apis/cluster.core.oam.dev/v1alpha1/clustergateways/<cluster>/proxy/<path>`,
                  oam-dev/cluster-gateway README), each gone after `reads_left` reads;
  members_unreachable  member clusters the proxy cannot reach (503).
`exec` answers $FAKE_KUBECTL_EXEC_REPLY with status $FAKE_KUBECTL_EXEC_STATUS; anything else
succeeds silently.
"""
import json
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from state_lock import locked, write_json  # noqa: E402

CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass",
                  "StorageClass", "APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}
GATEWAY = re.compile(r"^/apis/cluster\.core\.oam\.dev/v1alpha1/clustergateways/([^/]+)$")
GATEWAY_PROXY = re.compile(r"^/apis/cluster\.core\.oam\.dev/v1alpha1/clustergateways/([^/]+)/proxy(/.*)$")


def options(argv):
    """Flags with values, and the positional arguments."""
    flags, positional, i = {}, [], 0
    valued = {"--kubeconfig", "-f", "--filename", "-n", "--namespace", "-o", "--output", "--timeout", "--context",
              "-l", "--selector", "--raw"}
    while i < len(argv):
        a = argv[i]
        if a == "--":
            positional.extend(argv[i:])
            break
        if a in valued and i + 1 < len(argv):
            flags[a.lstrip("-")] = argv[i + 1]
            i += 2
            continue
        if a.startswith("--") and "=" in a:
            k, v = a[2:].split("=", 1)
            flags[k] = v
        elif a.startswith("-"):
            flags[a.lstrip("-")] = True
        else:
            positional.append(a)
        i += 1
    for short, long in (("f", "filename"), ("n", "namespace"), ("o", "output"), ("l", "selector")):
        if long in flags:
            flags[short] = flags.pop(long)
    return flags, positional


def ref(obj):
    """kubectl's `-o name` form: kind (lower case) and API group, then the name."""
    group = obj["apiVersion"].split("/")[0] if "/" in obj["apiVersion"] else ""
    kind = obj["kind"].lower() + (f".{group}" if group else "")
    return f"{kind}/{obj['metadata']['name']}"


def key(namespace, kind_ref):
    return f"{namespace}|{kind_ref}"


def load(path):
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    objects = {}
    for ns in ("default", "kube-system"):
        obj = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}
        objects[key("", ref(obj))] = obj
    return {"objects": objects}


def arrive(state):
    """One more read: the objects other controllers are about to create may now be there."""
    waiting = []
    for item in state.get("arrivals", []):
        item["after_reads"] -= 1
        if item["after_reads"] <= 0:
            obj = item["object"]
            ns = "" if obj["kind"] in CLUSTER_SCOPED else obj["metadata"].get("namespace", "default")
            state["objects"][key(ns, ref(obj))] = obj
        else:
            waiting.append(item)
    state["arrivals"] = waiting


def raw_get(state, path):
    """GET of a member's ClusterGateway, or through its proxy to the member cluster's API."""
    gateway = GATEWAY.match(path)
    if gateway:
        if gateway.group(1) not in state.get("members", {}):
            sys.stderr.write(f'Error from server (NotFound): clustergateways.cluster.core.oam.dev "{gateway.group(1)}" not found\n')
            return 1
        print(json.dumps({"apiVersion": "cluster.core.oam.dev/v1alpha1", "kind": "ClusterGateway", "metadata": {"name": gateway.group(1)}}))
        return 0
    m = GATEWAY_PROXY.match(path)
    if not m:
        sys.stderr.write("Error from server (NotFound): the server could not find the requested resource\n")
        return 1
    cluster, inner = m.groups()
    if cluster in state.get("members_unreachable", []):
        sys.stderr.write("Error from server (ServiceUnavailable): the server is currently unable to handle the request\n")
        return 1
    parts = inner.strip("/").split("/")
    # /api/v1/namespaces/<ns>/<plural>/<name> or /apis/<group>/<version>/namespaces/<ns>/<plural>/<name>;
    # cluster-scoped: /api/v1/<plural>/<name> or /apis/<group>/<version>/<plural>/<name>
    if parts[0] == "api" and len(parts) == 6:
        group, ns, plural, name = "", parts[3], parts[4], parts[5]
    elif parts[0] == "apis" and len(parts) == 7:
        group, ns, plural, name = parts[1], parts[4], parts[5], parts[6]
    elif parts[0] == "api" and len(parts) == 4:
        group, ns, plural, name = "", "", parts[2], parts[3]
    elif parts[0] == "apis" and len(parts) == 5:
        group, ns, plural, name = parts[1], "", parts[3], parts[4]
    else:
        sys.stderr.write("Error from server (NotFound): the server could not find the requested resource\n")
        return 1
    kind = plural[:-1] if plural.endswith("s") else plural
    object_key = key(ns, f"{kind}{'.' + group if group else ''}/{name}")
    objects = state.setdefault("members", {}).get(cluster, {})
    found = objects.get(object_key)
    if found is None:
        sys.stderr.write("Error from server (NotFound): the server could not find the requested resource\n")
        return 1
    if found.get("reads_left") is not None:
        found["reads_left"] -= 1
        if found["reads_left"] <= 0:
            del objects[object_key]
    print(json.dumps({"kind": kind.capitalize(), "metadata": {"name": name, "namespace": ns}}))
    return 0


def matches(obj, selector):
    labels = obj.get("metadata", {}).get("labels", {}) or {}
    for term in selector.split(","):
        k, _, v = term.partition("=")
        if labels.get(k) != v:
            return False
    return True


def main():
    argv = sys.argv[1:]
    flags, positional = options(argv)
    kubeconfig = ""
    if "kubeconfig" in flags:
        with open(flags["kubeconfig"]) as f:
            kubeconfig = f.read()
    manifest = ""
    if "f" in flags:
        if flags["f"] == "-":
            manifest = sys.stdin.read()
        else:
            with open(flags["f"]) as f:
                manifest = f.read()
    with open(os.environ["FAKE_KUBECTL_LOG"], "a") as f:
        f.write(json.dumps({"argv": argv, "kubeconfig": kubeconfig, "file": manifest}) + "\n")
    verb = positional[0] if positional else ""
    state_path = os.environ.get("FAKE_KUBE_STATE", "")
    if verb == "exec":
        if state_path:
            with locked(state_path):
                state = load(state_path)
                failures = state.get("exec_failures", 0)
                if failures > 0:
                    state["exec_failures"] = failures - 1
                    write_json(state_path, state)
                    print("curl: (7) Failed to connect to the service: Connection refused")
                    sys.exit(7)
        print(os.environ.get("FAKE_KUBECTL_EXEC_REPLY", ""))
        sys.exit(int(os.environ.get("FAKE_KUBECTL_EXEC_STATUS", "0")))
    if not state_path or verb not in ("apply", "get", "delete"):
        return
    with locked(state_path):
        state = load(state_path)
        status = run(state, verb, flags, positional, manifest)
        write_json(state_path, state)
    sys.exit(status)


def run(state, verb, flags, positional, manifest):
    objects = state["objects"]
    namespace = flags.get("n", "default")
    if verb == "apply":
        docs = [d for d in yaml.safe_load_all(manifest) if d]
        for d in docs:
            if d["kind"] not in CLUSTER_SCOPED:
                d["metadata"].setdefault("namespace", namespace)
        if str(flags.get("dry-run", "")) == "client":
            print(json.dumps({"apiVersion": "v1", "kind": "List", "items": docs}) if flags.get("o") == "json"
                  else "\n".join(ref(d) + " created (dry run)" for d in docs))
            return 0
        for d in docs:
            if d["kind"] == state.get("apply_fails_at"):
                sys.stderr.write(f'Error from server (Forbidden): error when creating "STDIN": {d["kind"].lower()}s '
                                 f'"{d["metadata"]["name"]}" is forbidden: admission webhook denied the request\n')
                return 1
            k = key(d["metadata"].get("namespace", ""), ref(d))
            print(f"{ref(d)} {'configured' if k in objects else 'created'}")
            objects[k] = d
        return 0
    if verb == "get":
        if "raw" in flags:
            return raw_get(state, flags["raw"])
        arrive(state)
        target = positional[1]
        if "/" not in target and "l" in flags:
            kind = target.split(".")[0].rstrip("s").lower()
            items = [o for k, o in objects.items()
                     if o["kind"].lower() == kind and k.split("|")[0] == namespace and matches(o, flags["l"])]
            print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))
            return 0
        ns = "" if target.split("/")[0].split(".")[0] in {c.lower() for c in CLUSTER_SCOPED} else namespace
        if key(ns, target) in objects:
            print(target)
        elif "ignore-not-found" not in flags:
            sys.stderr.write(f'Error from server (NotFound): "{target}" not found\n')
            return 1
        return 0
    if verb == "delete":
        for target in positional[1:]:
            ns = "" if target.split("/")[0].split(".")[0] in {c.lower() for c in CLUSTER_SCOPED} else namespace
            if objects.pop(key(ns, target), None) is not None:
                print(f'{target} deleted')
            elif "ignore-not-found" not in flags:
                sys.stderr.write(f'Error from server (NotFound): "{target}" not found\n')
                return 1
    return 0


if __name__ == "__main__":
    main()
