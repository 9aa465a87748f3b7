#!/usr/bin/env python3
"""Istio's sidecar injection for the rehearsal's local API servers: an HTTPS mutating admission webhook.

The MutatingWebhookConfigurations that the asmcli and istioctl stand-ins create (istio-sidecar-injector-<R>,
istio-revision-tag-<T>) carry Istio's own selectors and point at this server
(clientConfig.url https://127.0.0.1:<port>/inject/<role>/<revision>, with this run's CA bundle), so the API
server itself decides which revision's webhook a new pod meets, as it does for istiod. For each call the
server reads the cluster like istiod's injector would:
  - istiod-<revision> must have a ready replica, else the pod is refused (istiod's webhook Service would have
    no endpoints, and the webhooks' failurePolicy is Fail);
  - the values of ConfigMap istio-sidecar-injector-<revision> (network, mesh id, cluster name, image);
  - the nodes' kubelet versions (native sidecars, webhook.go DetectNativeSidecar);
and answers with the JSON patch of istio_model.inject (tests/fakes/mesh/istio_model.py).

  injector.py serve DIR     serves with DIR/tls.crt and DIR/tls.key, writes DIR/port (started by injector.sh)
"""
import base64
import http.server
import json
import os
import socketserver
import ssl
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kube  # noqa: E402
from kube import istio  # noqa: E402


class Cluster:
    """Read access to one world role's API server with its admin token."""

    def __init__(self, role):
        entry = kube.world()["clusters"][role]
        self.server = entry["server"].rstrip("/")
        self.token = entry["token"]
        ca = entry["caData"]
        pem = ca if "BEGIN CERTIFICATE" in ca else base64.b64decode(ca).decode()
        self.context = ssl.create_default_context(cadata=pem)

    def get(self, path):
        request = urllib.request.Request(self.server + path, headers={"Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(request, context=self.context, timeout=5) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return None
            raise


def workload_name(pod):
    """kube.GetDeployMetaFromPod: a ReplicaSet's pods belong to the Deployment its name starts with."""
    owners = [o for o in pod["metadata"].get("ownerReferences") or [] if o.get("controller")]
    if not owners:
        return pod["metadata"].get("name") or pod["metadata"].get("generateName", "").rstrip("-")
    name = owners[0]["name"]
    template_hash = (pod["metadata"].get("labels") or {}).get("pod-template-hash")
    if owners[0]["kind"] == "ReplicaSet" and template_hash and name.endswith("-" + template_hash):
        return name[: -len(template_hash) - 1]
    return name


def review(request, role, revision):
    """The AdmissionReview response for one pod CREATE."""
    uid = request["uid"]
    pod = request["object"]
    namespace = request.get("namespace") or pod["metadata"].get("namespace", "default")
    pod["metadata"].setdefault("namespace", namespace)
    allowed = {"uid": uid, "allowed": True}
    if not istio.inject_required(pod, namespace):
        return allowed, "skipped"
    cluster = Cluster(role)
    istiod = cluster.get(f"/apis/apps/v1/namespaces/{istio.ISTIO_SYSTEM}/deployments/istiod-{revision}")
    if not istiod or (istiod.get("status") or {}).get("readyReplicas", 0) < 1:
        return {"uid": uid, "allowed": False, "status": {"code": 500, "message": (
            f'failed to call webhook: Post "https://istiod-{revision}.{istio.ISTIO_SYSTEM}.svc:443/inject?timeout=10s": '
            f'no endpoints available for service "istiod-{revision}"')}}, "refused"
    configmap = cluster.get(f"/api/v1/namespaces/{istio.ISTIO_SYSTEM}/configmaps/istio-sidecar-injector-{revision}") or {}
    values = json.loads((configmap.get("data") or {}).get("values") or "{}")
    nodes = cluster.get("/api/v1/nodes") or {"items": []}
    native = istio.native_sidecars([(n.get("status") or {}).get("nodeInfo", {}).get("kubeletVersion", "") for n in nodes["items"]])
    injected = istio.inject(pod, revision, values, native=native, workload=workload_name(pod))
    patch = [{"op": "add", "path": "/metadata/labels", "value": injected["metadata"]["labels"]},
             {"op": "add", "path": "/metadata/annotations", "value": injected["metadata"]["annotations"]},
             {"op": "add", "path": "/spec/initContainers", "value": injected["spec"]["initContainers"]},
             {"op": "add", "path": "/spec/containers", "value": injected["spec"]["containers"]},
             {"op": "add", "path": "/spec/volumes", "value": injected["spec"]["volumes"]}]
    return {**allowed, "patchType": "JSONPatch", "patch": base64.b64encode(json.dumps(patch).encode()).decode()}, "injected"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        start = time.time()
        parts = self.path.split("?")[0].strip("/").split("/")
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        if len(parts) != 3 or parts[0] != "inject":
            self.send_error(404)
            return
        role, revision = parts[1], parts[2]
        request = body.get("request") or {}
        name = f'{request.get("namespace", "")}/{(request.get("object") or {}).get("metadata", {}).get("generateName") or request.get("name", "")}'
        try:
            response, outcome = review(request, role, revision)
            kube.record("standin:injector", "inject", "admission:Pod", name, start, ok=outcome != "refused",
                        error=None if outcome != "refused" else response["status"]["message"], refs=[f"{role}/istiod-{revision}"])
        except Exception as e:  # the API server's failurePolicy Fail turns this into a refused pod
            response = {"uid": request.get("uid", ""), "allowed": False, "status": {"code": 500, "message": f"injection failed: {e}"}}
            kube.record("standin:injector", "inject", "admission:Pod", name, start, ok=False, error=str(e))
        data = json.dumps({"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "response": response}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        sys.stderr.write("[injector] " + (format % args) + "\n")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def serve(directory):
    server = Server(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(directory, "tls.crt"), os.path.join(directory, "tls.key"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with tempfile.NamedTemporaryFile("w", dir=directory, delete=False) as f:
        f.write(str(server.server_address[1]))
    os.replace(f.name, os.path.join(directory, "port"))
    threading.current_thread().name = "injector"
    server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "serve":
        sys.exit("usage: injector.py serve DIR")
    serve(sys.argv[2])
