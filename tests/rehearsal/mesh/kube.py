"""What the rehearsal's mesh tools share: the real kubectl on the local API servers, the run's world
(tests/rehearsal/README.md "One run's world"), the operation log and the scaled durations of its contracts.
Istio itself is modelled in tests/fakes/mesh/istio_model.py, shared with the script-test fake."""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "fakes", "mesh"))
sys.path.insert(0, os.path.join(REPO, "tests", "fakes"))

import istio_model as istio  # noqa: E402
import state_lock  # noqa: E402


class KubeError(Exception):
    pass


def home():
    value = os.environ.get("REHEARSAL_HOME")
    if not value:
        raise KubeError("REHEARSAL_HOME is not set: the mesh stand-ins run inside a rehearsal")
    return value


def mesh_dir(*parts):
    """$REHEARSAL_HOME/clouds/mesh/...: the state these stand-ins keep beside the clusters."""
    path = os.path.join(home(), "clouds", "mesh", *parts)
    os.makedirs(os.path.dirname(path) if parts else path, exist_ok=True)
    return path


def real_kubectl():
    """The kubectl on PATH that is not this directory's wrapper (or MESH_REAL_KUBECTL)."""
    if os.environ.get("MESH_REAL_KUBECTL"):
        return os.environ["MESH_REAL_KUBECTL"]
    ours = os.path.realpath(os.path.join(HERE, "bin"))
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(directory, "kubectl")
        if os.path.realpath(directory) != ours and os.access(candidate, os.X_OK):
            return candidate
    raise KubeError("no kubectl on PATH besides the rehearsal's wrapper")


def kubectl(args, kubeconfig=None, stdin=None, check=True):
    """Runs the real kubectl; returns its stdout, or raises KubeError with its stderr."""
    env = dict(os.environ)
    if kubeconfig:
        env["KUBECONFIG"] = kubeconfig
    result = subprocess.run([real_kubectl(), *args], input=stdin, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise KubeError(result.stderr.strip() or f"kubectl {' '.join(args)} failed")
    return result.stdout


def get_json(args, kubeconfig=None):
    return json.loads(kubectl([*args, "-o", "json"], kubeconfig))


def get_optional(args, kubeconfig=None):
    """An object, or None when the API server says it is not there."""
    out = kubectl([*args, "-o", "json", "--ignore-not-found"], kubeconfig)
    return json.loads(out) if out.strip() else None


def apply(objects, kubeconfig=None, manager="istio-operator"):
    """Server-side apply, forced, as `istioctl install` applies (operator/pkg/install/install.go serverSideApply)."""
    if objects:
        kubectl(["apply", "--server-side", "--force-conflicts", f"--field-manager={manager}", "-f", "-"], kubeconfig,
                stdin=json.dumps({"apiVersion": "v1", "kind": "List", "items": objects}))


def world():
    path = os.path.join(home(), "world.json")
    if not os.path.exists(path):
        return {"clusters": {}}
    with open(path) as f:
        return json.load(f)


def server_of(kubeconfig=None):
    return kubectl(["config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}"], kubeconfig).strip()


def role_of(kubeconfig=None):
    """The world's role of the cluster a kubeconfig points at (matched by API server address)."""
    server = server_of(kubeconfig)
    for role, cluster in world().get("clusters", {}).items():
        if cluster.get("server", "").rstrip("/") == server.rstrip("/"):
            return role
    raise KubeError(f"the API server {server} is no cluster of this rehearsal ($REHEARSAL_HOME/world.json)")


def role_kubeconfig(role):
    """A kubeconfig file for a world role: its own file when the world names one, else one written from its fields."""
    cluster = world()["clusters"][role]
    if cluster.get("kubeconfig") and os.path.exists(cluster["kubeconfig"]):
        return cluster["kubeconfig"]
    path = mesh_dir("kubeconfigs", f"{role}.yaml")
    with open(path, "w") as f:
        json.dump({"apiVersion": "v1", "kind": "Config", "current-context": role,
                   "clusters": [{"name": role, "cluster": {"server": cluster["server"], "certificate-authority-data": cluster["caData"]}}],
                   "users": [{"name": role, "user": {"token": cluster["token"]}}],
                   "contexts": [{"name": role, "context": {"cluster": role, "user": role}}]}, f)
    os.chmod(path, 0o600)
    return path


def take_time(key):
    """Waits the scaled real duration of `key` (tests/rehearsal/durations.json; none when unlisted)."""
    with open(os.path.join(REPO, "tests", "rehearsal", "durations.json")) as f:
        entry = json.load(f).get("operations", {}).get(key)
    if entry:
        try:
            scale = float(os.environ.get("REHEARSAL_TIME_SCALE", "60"))
        except ValueError:
            scale = 60.0
        time.sleep(entry["seconds"] / (scale if scale > 0 else 60.0))


def record(by, op, type_, name, start, ok=True, error=None, id_=None, refs=()):
    """One line of the operation log (tests/rehearsal/README.md "The operation log"), in one O_APPEND write."""
    path = os.environ.get("REHEARSAL_OPS_LOG") or (os.path.join(os.environ["REHEARSAL_HOME"], "operations.jsonl")
                                                   if os.environ.get("REHEARSAL_HOME") else None)
    if not path:
        return
    line = json.dumps({"start": int(start * 1000), "end": int(time.time() * 1000), "cloud": "mesh", "op": op, "type": type_,
                       "id": id_ or name, "name": name, "refs": list(refs), "ok": ok, "error": error, "by": by}) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def change_json(path, empty, change):
    """Changes a state file under its lock (tests/rehearsal/README.md "Shared state and locking")."""
    with state_lock.locked(path):
        value = json.load(open(path)) if os.path.exists(path) else empty()
        value = change(value)
        state_lock.write_json(path, value)
        return value


def wait_for(what, check, timeout, interval=1.0):
    """Re-reads until `check()` is true; raises KubeError naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return
        if time.monotonic() > deadline:
            raise KubeError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def deployment_ready(d):
    """A Deployment whose rollout is complete and whose replicas are all ready (kubectl rollout status)."""
    if not d:
        return False
    spec, status = d.get("spec", {}), d.get("status", {})
    want = spec.get("replicas", 1)
    return (status.get("observedGeneration", 0) >= d["metadata"].get("generation", 0)
            and status.get("updatedReplicas", 0) >= want and status.get("readyReplicas", 0) >= want
            and status.get("replicas", 0) == want)


__all__ = ["istio", "KubeError"]
