#!/usr/bin/env python3
"""istioctl for the rehearsal, of one release (MESH_ISTIOCTL_RELEASE, baked into the copy asmcli leaves in its
output directory), acting on the run's local API servers through the real kubectl. It knows what the project's
scripts run, with the flags istio/istio release-1.29 gives those commands, and refuses any other flag as cobra
does:
  install -y -f <IstioOperator>       operator/cmd/mesh/install.go: gateways (the control plane comes from asmcli),
                                      server-side applied by `istio-operator`, then a wait until they are ready
  manifest generate -f <IstioOperator>  operator/cmd/mesh/manifest-generate.go: the same objects as YAML
  uninstall --revision R [-y] [--dry-run]  operator/cmd/mesh/uninstall.go and operator/pkg/uninstall/prune.go
  proxy-config endpoints <pod>[.<ns>] --cluster C -o json  istioctl/pkg/proxyconfig (answered by dataplane.py)
  tag set <tag> --revision R [--overwrite]  istioctl/pkg/tag: the tag's MutatingWebhookConfiguration
  version
"""
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataplane  # noqa: E402
import kube  # noqa: E402
from kube import istio  # noqa: E402

BY = "standin:istioctl"
RELEASE = os.environ.get("MESH_ISTIOCTL_RELEASE") or os.environ.get("REHEARSAL_ISTIO_RELEASE") or "1.29.0-asm.1"

# istioctl/pkg/cli/option.go AddRootFlags: name -> (shorthand, takes a value).
ROOT_FLAGS = {"kubeconfig": ("c", True), "context": (None, True), "as": (None, True), "as-uid": (None, True),
              "as-group": (None, True), "namespace": ("n", True), "istioNamespace": ("i", True), "kubeclient-timeout": (None, True)}
COMMAND_FLAGS = {
    "install": {"filename": ("f", True), "readiness-timeout": (None, True), "skip-confirmation": ("y", False), "force": (None, False),
                "verify": (None, False), "set": ("s", True), "charts": (None, True), "manifests": ("d", True),
                "revision": ("r", True), "dry-run": (None, False)},
    "manifest generate": {"filename": ("f", True), "set": ("s", True), "force": (None, False), "charts": (None, True),
                          "manifests": ("d", True), "revision": ("r", True), "filter": (None, True), "cluster-specific": (None, False),
                          "dry-run": (None, False)},
    "uninstall": {"skip-confirmation": ("y", False), "force": (None, False), "purge": (None, False), "revision": ("r", True),
                  "filename": ("f", True), "manifests": ("d", True), "set": ("s", True), "verbose": ("v", False), "dry-run": (None, False)},
    "proxy-config endpoints": {"output": ("o", True), "address": (None, True), "port": (None, True), "cluster": (None, True),
                               "status": (None, True), "file": ("f", True), "proxy-admin-port": (None, True)},
    "tag set": {"revision": ("r", True), "overwrite": (None, False), "skip-confirmation": ("y", False), "webhook-name": (None, True),
                "auto-inject-namespaces": (None, False), "dry-run": (None, False), "output": ("o", True)},
    "version": {"remote": (None, False), "output": ("o", True), "short": ("s", False)},
}
ALIASES = {"apply": "install", "pc": "proxy-config", "ep": "endpoints", "endpoint": "endpoints", "x": "experimental"}


def error(message, code=1):
    sys.stderr.write(f"Error: {message}\n")
    sys.exit(code)


def parse(argv):
    """cobra/pflag parsing: (command, flags {name: [values]}, positional args); unknown flags are refused."""
    commands = set(COMMAND_FLAGS)
    words, rest, i = [], [], 0
    while i < len(argv):
        arg = argv[i]
        word = ALIASES.get(arg, arg)
        candidate = " ".join(words + [word])
        if not arg.startswith("-") and any(c == candidate or c.startswith(candidate + " ") for c in commands) \
                and " ".join(words) not in commands:
            words.append(word)
        else:
            rest.append(arg)
            name = arg[2:] if arg.startswith("--") else next((n for n, (s, _) in ROOT_FLAGS.items() if arg == f"-{s}"), "")
            if name in ROOT_FLAGS and ROOT_FLAGS[name][1] and "=" not in arg and i + 1 < len(argv):
                rest.append(argv[i + 1])
                i += 1
        i += 1
    command = " ".join(words)
    if command not in commands:
        error(f'unknown command "{argv[0]}" for "istioctl"' if argv else "a command is required")
    known = {**ROOT_FLAGS, **COMMAND_FLAGS[command]}
    shorthands = {s: n for n, (s, _) in known.items() if s}
    flags, positional, i = {}, [], 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--":
            positional += rest[i + 1:]
            break
        if arg.startswith("--"):
            name, eq, value = arg[2:].partition("=")
            if name not in known:
                error(f"unknown flag: --{name}")
        elif arg.startswith("-") and len(arg) > 1:
            if arg[1] not in shorthands:
                error(f"unknown shorthand flag: '{arg[1]}' in {arg}")
            name, value = shorthands[arg[1]], arg[2:]
            eq = "=" if value else ""
            value = value.lstrip("=")
            if value and not known[name][1]:
                error(f"unknown shorthand flag: '{value[0]}' in {arg}")
        else:
            positional.append(arg)
            i += 1
            continue
        takes = known[name][1]
        if takes and not eq:
            if i + 1 >= len(rest):
                error(f"flag needs an argument: --{name}")
            value, i = rest[i + 1], i + 1
        flags.setdefault(name, []).append(value if takes else value != "false")
        i += 1
    if flags.get("kubeconfig"):
        os.environ["KUBECONFIG"] = flags["kubeconfig"][-1]
    return command, flags, positional


def resource(obj):
    """kubectl's <kind>.<group>/<name> for an object."""
    api = obj["apiVersion"]
    group = api.rsplit("/", 1)[0] if "/" in api else ""
    return f"{obj['kind'].lower()}{'.' + group if group else ''}/{obj['metadata']['name']}"


def flag(flags, name, default=None):
    return flags.get(name, [default])[-1]


def confirm(flags, message):
    """operator/cmd/mesh/shared.go Confirm: without -y asks on stdin; anything but y/yes cancels."""
    if flag(flags, "skip-confirmation", False):
        return
    sys.stdout.write(message + " ")
    sys.stdout.flush()
    if sys.stdin.readline().strip().upper() not in ("Y", "YES"):
        print("Cancelled.")
        sys.exit(1)


def read_operator(flags):
    files = flag(flags, "filename")
    if not files:
        error("the rehearsal's istioctl installs from an IstioOperator file (-f)")
    text = open(files).read()
    try:
        return json.loads(text)
    except ValueError:
        try:
            import yaml  # not in the standard library; present on most machines
        except ImportError:
            error("the rehearsal's istioctl reads IstioOperator files as JSON")
        return yaml.safe_load(text)


def check_gateway_only(op):
    components = (op.get("spec") or {}).get("components") or {}
    if (op.get("spec") or {}).get("profile", "default") != "empty" or (components.get("pilot") or {}).get("enabled") \
            or (components.get("base") or {}).get("enabled"):
        error("the rehearsal's istioctl installs gateways (profile empty) only; the control plane is asmcli's")


def install(flags, positional):
    start = time.time()
    if positional:  # cobra.ExactArgs(0)
        error(f'accepts 0 arg(s), received {len(positional)}')
    if "revision" in flags and not re.fullmatch(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", flag(flags, "revision")):
        error(f"invalid revision specified: {flag(flags, 'revision')}")  # install.go PreRunE
    op = read_operator(flags)
    check_gateway_only(op)
    revision = (op.get("spec") or {}).get("revision") or flag(flags, "revision") or ""
    op.setdefault("spec", {})["revision"] = revision
    confirm(flags, f'This will install the Istio {RELEASE} profile "{op["spec"].get("profile", "default")}" into the cluster. Proceed? (y/N)')
    objects = istio.gateway_objects(op, RELEASE)
    kube.take_time("istioctl.install")
    if flag(flags, "dry-run", False):
        return
    try:
        kube.apply(objects)
    except kube.KubeError as e:
        kube.record(BY, "install", "istio:gateway", op["metadata"].get("name", ""), start, ok=False, error=str(e))
        error(f"failed to install manifests: {e}")
    timeout = int(str(flag(flags, "readiness-timeout", "300s")).rstrip("s") or 300)
    for d in (o for o in objects if o["kind"] == "Deployment"):
        ns, name = d["metadata"]["namespace"], d["metadata"]["name"]
        try:
            kube.wait_for(f"Deployment/{ns}/{name}", lambda: kube.deployment_ready(kube.get_optional(["-n", ns, "get", "deployment", name])), timeout)
            pods = kube.get_json(["-n", ns, "get", "pods", "-l", ",".join(f"{k}={v}" for k, v in d["spec"]["selector"]["matchLabels"].items())])["items"]
            if not any(istio.proxy_revision(p) for p in pods if dataplane.running(p)):
                raise kube.KubeError(f"Deployment/{ns}/{name}: its pods got no proxy (image `auto` never pulls)")
        except kube.KubeError as e:
            kube.record(BY, "install", "istio:gateway", name, start, ok=False, error=str(e), refs=[f"istiod-{revision}"])
            sys.stdout.write(f"✘ Ingress gateways encountered an error: failed to wait for resource: resources not ready after "
                             f"{timeout // 60}m0s: {e}\n")
            sys.exit(1)
        kube.record(BY, "install", "istio:gateway", name, start, id_=f"{ns}/{name}", refs=[f"istiod-{revision}"])
    print("✔ Ingress gateways installed\n✔ Installation complete")


def manifest_generate(flags):
    op = read_operator(flags)
    check_gateway_only(op)
    for obj in istio.gateway_objects(op, RELEASE):
        print("---\n" + istio.to_yaml(obj))


NAMESPACED = ["deployments.apps", "daemonsets.apps", "services", "configmaps", "pods", "secrets", "serviceaccounts",
              "rolebindings.rbac.authorization.k8s.io", "roles.rbac.authorization.k8s.io", "poddisruptionbudgets.policy",
              "horizontalpodautoscalers.autoscaling"]
CLUSTER = ["mutatingwebhookconfigurations.admissionregistration.k8s.io", "validatingwebhookconfigurations.admissionregistration.k8s.io",
           "clusterroles.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io"]


def uninstall(flags):
    start = time.time()
    revision = flag(flags, "revision")
    if flag(flags, "purge", False) or flag(flags, "filename"):
        error("the rehearsal's istioctl uninstalls by --revision only")
    if not revision:
        error("at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set")
    webhooks = kube.get_json(["get", "mutatingwebhookconfigurations"])["items"]
    if revision not in {(w["metadata"].get("labels") or {}).get(istio.REV, "default") for w in webhooks}:
        error("could not find target revision")
    selector = f"{istio.REV}={revision},{istio.COMPONENT} in ({','.join(istio.PRUNED_COMPONENTS)})"
    pruned = kube.get_json(["get", ",".join(NAMESPACED), "-A", "-l", selector])["items"]
    pruned += kube.get_json(["get", ",".join(CLUSTER), "-l", selector])["items"]
    pods = kube.get_json(["get", "pods", "-A"])["items"]
    proxies = sorted(istio.proxy_id(p) for p in pods if istio.running(p) and istio.proxy_revision(p) == revision)
    message, needs = istio.uninstall_precheck(revision, proxies, pruned)
    dry_run = flag(flags, "dry-run", False)
    if dry_run or flag(flags, "skip-confirmation", False) or not needs:
        sys.stdout.write(message + "\n")
    else:
        confirm(flags, message + "Proceed? (y/N)")
    kube.take_time("istioctl.uninstall")
    for obj in pruned:
        ns = obj["metadata"].get("namespace", "")
        name = istio.pruned_name(obj, ns)
        if dry_run:
            print(f"Not pruning object {name} because of dry run.")
            continue
        args = ["delete", resource(obj), "--cascade=foreground", "--wait=false", "--ignore-not-found"]
        out = kube.kubectl(args + (["-n", ns] if ns else []))
        print(f"  Removed {name}." if out.strip() else f"object: {name} is not being deleted because it no longer exists")
    if not dry_run:
        kube.record(BY, "uninstall", "istio:revision", revision, start, id_=f"{kube.role_of()}/istiod-{revision}",
                    refs=[f"{o['kind']}/{o['metadata']['name']}" for o in pruned])
        print("✔ Uninstall complete")


def proxy_config_endpoints(flags, positional):
    if len(positional) != 1:
        error("endpoints requires pod name or --file parameter")
    target = positional[0].split("/", 1)[-1]
    name, _, ns = target.partition(".")
    ns = ns or flag(flags, "namespace") or "default"
    cluster_name = flag(flags, "cluster")
    if not cluster_name:
        error("the rehearsal's istioctl lists the endpoints of one Envoy cluster: pass --cluster")
    role = kube.role_of()
    world = dataplane.read_world()
    pod = next((p for p in dataplane.objects(world["clusters"][role], "Pod", ns) if p["metadata"]["name"] == name), None)
    if pod is None:
        error(f'pods "{name}" not found')
    if istio.proxy_revision(pod) is None:
        error(f"failed to execute command on Envoy: failure running port forward process: pod {name}.{ns} runs no istio-proxy")
    hosts = dataplane.sidecar_endpoints(world, role, pod, cluster_name)
    output = flag(flags, "output", "short")
    if output == "json":
        print(json.dumps(istio.endpoints_output(cluster_name, hosts), indent=4))
    elif output == "short":
        print("ENDPOINT" + " " * 27 + "STATUS      OUTLIER CHECK     CLUSTER")
        for address, port, healthy in hosts:
            print(f"{address}:{port:<{34 - len(address)}} {'HEALTHY' if healthy else 'UNHEALTHY':<11} OK                {cluster_name}")
    else:
        error(f'output format "{output}" not supported')


def tag_set(flags, positional):
    start = time.time()
    if len(positional) != 1:
        error("must provide a tag for modification")
    tag, revision = positional[0], flag(flags, "revision")
    if not revision:
        error("revision is required")
    webhooks = {w["metadata"]["name"]: w for w in kube.get_json(["get", "mutatingwebhookconfigurations"])["items"]}
    source = webhooks.get(f"istio-sidecar-injector-{revision}")
    if source is None:
        error(f"cannot find MutatingWebhookConfiguration with revision {revision}")
    existing = webhooks.get(f"istio-revision-tag-{tag}")
    if existing and existing["metadata"]["labels"].get(istio.REV) != revision and not flag(flags, "overwrite", False):
        error(f'revision tag "{tag}" already exists, and --overwrite is false')
    mwc = istio.tag_configuration(tag, revision, source["webhooks"][0]["clientConfig"], RELEASE)
    kube.apply([mwc], manager="istioctl")
    kube.record(BY, "create", "istio:tag", tag, start, refs=[f"istiod-{revision}"])
    print(f"Revision tag {tag!r} created, referencing control plane revision {revision!r}.")


def main(argv):
    command, flags, positional = parse(argv)
    try:
        if command == "install":
            return install(flags, positional)
        if command == "manifest generate":
            return manifest_generate(flags)
        if command == "uninstall":
            return uninstall(flags)
        if command == "proxy-config endpoints":
            return proxy_config_endpoints(flags, positional)
        if command == "tag set":
            return tag_set(flags, positional)
        if command == "version":
            print(RELEASE if flag(flags, "short", False) else f"client version: {RELEASE}")
    except kube.KubeError as e:
        error(str(e))


if __name__ == "__main__":
    main(sys.argv[1:])
