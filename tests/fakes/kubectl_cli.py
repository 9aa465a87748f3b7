#!/usr/bin/env python3
"""A kubectl stand-in for script tests that have no API server.

Every call is appended to $FAKE_KUBECTL_LOG: argv, the kubeconfig's content and the manifest read
with -f (a file or stdin). When $FAKE_KUBE_STATE names a file, the stand-in keeps the cluster's
objects there (namespaces `default` and `kube-system` exist from the start) and answers
`apply` (also `--dry-run=client -o json`), `get <kind>/<name> --ignore-not-found -o name` and
`delete <kind>/<name>` from it. `exec` answers $FAKE_KUBECTL_EXEC_REPLY with status
$FAKE_KUBECTL_EXEC_STATUS; anything else succeeds silently.
"""
import json
import os
import sys

import yaml

CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass",
                  "StorageClass", "APIService", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}


def options(argv):
    """Flags with values, and the positional arguments."""
    flags, positional, i = {}, [], 0
    valued = {"--kubeconfig", "-f", "--filename", "-n", "--namespace", "-o", "--output", "--timeout", "--context"}
    while i < len(argv):
        a = argv[i]
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
    for short, long in (("f", "filename"), ("n", "namespace"), ("o", "output")):
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
    if verb == "exec":
        print(os.environ.get("FAKE_KUBECTL_EXEC_REPLY", ""))
        sys.exit(int(os.environ.get("FAKE_KUBECTL_EXEC_STATUS", "0")))
    state_path = os.environ.get("FAKE_KUBE_STATE", "")
    if not state_path or verb not in ("apply", "get", "delete"):
        return
    state = load(state_path)
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
            return
        for d in docs:
            k = key(d["metadata"].get("namespace", ""), ref(d))
            print(f"{ref(d)} {'configured' if k in objects else 'created'}")
            objects[k] = d
    elif verb == "get":
        ns = "" if positional[1].split("/")[0].split(".")[0] in {c.lower() for c in CLUSTER_SCOPED} else namespace
        if key(ns, positional[1]) in objects:
            print(positional[1])
        elif "ignore-not-found" not in flags:
            sys.stderr.write(f'Error from server (NotFound): "{positional[1]}" not found\n')
            sys.exit(1)
    elif verb == "delete":
        for target in positional[1:]:
            ns = "" if target.split("/")[0].split(".")[0] in {c.lower() for c in CLUSTER_SCOPED} else namespace
            if objects.pop(key(ns, target), None) is not None:
                print(f'{target} deleted')
            elif "ignore-not-found" not in flags:
                sys.stderr.write(f'Error from server (NotFound): "{target}" not found\n')
                sys.exit(1)
    with open(state_path, "w") as f:
        json.dump(state, f)


if __name__ == "__main__":
    main()
