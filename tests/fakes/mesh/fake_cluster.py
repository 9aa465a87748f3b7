"""One fake cluster for the mesh script tests: its objects as JSON, the controllers that turn workloads into
pods, and the admission step that injects them. Istio's behaviour comes from istio_model.py (shared with the
rehearsal's stand-ins); what is Kubernetes' own is cited here.

State ($FAKE_MESH_STATE/clusters/<name>.json):
  namespaces   {name: labels}
  webhooks     {name: MutatingWebhookConfiguration}
  deployments, statefulsets, daemonsets  {"<ns>/<name>": {labels, annotations, template, replicas, image, ready_in, deleting_in,
                                          rollout_in}}
  replicasets  {"<ns>/<name>": "<deployment>"}
  pods         {"<ns>/<name>": Pod (metadata, spec, status)}
  services     {"<ns>/<name>": {ip, labels}}
  objects      {"<Kind>/<ns or ''>/<name>": object}   every other object (CRDs, RBAC, ConfigMaps, Secrets, custom
                                                     resources such as the fleet's Membership), as the API server keeps it
  managers     {"<Kind>/<ns or ''>/<name>": [{manager, operation}]}   metadata.managedFields of any object
  injector_values {revision: values}                 the ConfigMap istio-sidecar-injector-<revision>
Time passes by reads: a Deployment becomes ready, a restart replaces its pods, a deletion finishes, each
after a few reads, as on a real API server nothing is instant.
"""
import hashlib
import json

import istio_model as istio

WORKLOAD_KINDS = {"Deployment": "deployments", "StatefulSet": "statefulsets", "DaemonSet": "daemonsets"}


class AdmissionError(Exception):
    pass


def empty():
    return {"namespaces": {istio.ISTIO_SYSTEM: {}}, "webhooks": {}, "deployments": {}, "statefulsets": {}, "daemonsets": {},
            "replicasets": {}, "pods": {}, "services": {}, "objects": {}, "managers": {}, "injector_values": {}}


def normalise(cluster):
    """Fills in what a test's partial state leaves out."""
    base = empty()
    for key, value in base.items():
        cluster.setdefault(key, value)
    return cluster


def _hash(text, length):
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def serving(cluster, revision):
    """Whether istiod-<revision> has ready endpoints (its Deployment is ready and not being deleted)."""
    d = cluster["deployments"].get(f"{istio.ISTIO_SYSTEM}/istiod-{revision}")
    return d is not None and d.get("ready_in", 0) == 0 and d.get("deleting_in") is None


def admit(cluster, namespace, pod):
    """The API server's mutating admission of a new pod: the webhooks that select it call the revision's
    injector; with failurePolicy Fail a call to an istiod without endpoints refuses the pod, in the words of
    k8s.io/apiserver's webhook error."""
    configurations = list(cluster["webhooks"].values())
    calls = istio.matching_webhooks(configurations, namespace, cluster["namespaces"].get(namespace, {}), pod["metadata"].get("labels") or {})
    for revision, webhook in calls:
        if not serving(cluster, revision):
            raise AdmissionError(
                f'Internal error occurred: failed calling webhook "{webhook["name"]}": failed to call webhook: Post '
                f'"https://istiod-{revision}.{istio.ISTIO_SYSTEM}.svc:443/inject?timeout=10s": no endpoints available for service "istiod-{revision}"')
    revision = istio.injecting_revision(configurations, namespace, cluster["namespaces"].get(namespace, {}), pod)
    if revision is None:
        return pod
    values = cluster["injector_values"].get(revision) or istio.injector_values(revision, "")
    workload = (pod["metadata"].get("labels") or {}).get("app", "")
    return istio.inject(pod, revision, values, native=False, workload=workload)


def _owner_name(kind, name, template):
    if kind == "Deployment":
        return "ReplicaSet", f"{name}-{_hash(json.dumps(template, sort_keys=True), 10)}"
    return kind, name


def _new_pods(cluster, ns, kind, name, workload):
    """Pods of the workload's current template, through admission (which may refuse them)."""
    template = workload.get("template") or {}
    owner_kind, owner = _owner_name(kind, name, template)
    pods = {}
    for i in range(workload.get("replicas", 1)):
        pod_name = f"{owner}-{i}" if kind == "StatefulSet" else f"{owner}-{_hash(owner + str(i) + str(workload.get('generation', 0)), 5)}"
        pod = {"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": pod_name, "namespace": ns, "labels": dict((template.get("metadata") or {}).get("labels") or {}),
                            "annotations": dict((template.get("metadata") or {}).get("annotations") or {}),
                            "ownerReferences": [{"apiVersion": "apps/v1", "kind": owner_kind, "name": owner, "controller": True}]},
               "spec": json.loads(json.dumps(template.get("spec") or {"containers": [{"name": name, "image": "app"}]}))}
        pod = admit(cluster, ns, pod)
        cluster["next_ip"] = cluster.get("next_ip", 10) + 1
        ips = workload.get("ips") or []
        ip = ips[i] if i < len(ips) else f"10.{cluster.get('pod_net', 20)}.{cluster['next_ip'] // 250}.{cluster['next_ip'] % 250}"
        pod["status"] = {"phase": "Running", "podIP": ip}
        if any(c.get("image") == "auto" for c in pod["spec"].get("containers") or []):
            pod["status"]["phase"] = "Pending"  # an uninjected gateway keeps the placeholder image: ImagePullBackOff
        pods[f"{ns}/{pod_name}"] = pod
    if owner_kind == "ReplicaSet":
        cluster["replicasets"][f"{ns}/{owner}"] = name
    return pods


def pods_of(cluster, ns, kind, name):
    """Keys of the pods the workload owns (through its ReplicaSets for a Deployment)."""
    owners = {rs.split("/", 1)[1] for rs, d in cluster["replicasets"].items() if rs.startswith(ns + "/") and d == name} if kind == "Deployment" else {name}
    return [k for k, p in cluster["pods"].items() if k.startswith(ns + "/")
            and any(o["name"] in owners for o in p["metadata"].get("ownerReferences") or [])]


def roll_out(cluster, ns, kind, name):
    """Replaces the workload's pods with pods of its template; if admission refuses them the old pods stay
    (a Deployment's rolling update keeps them until new ones run) and it is tried again on the next read."""
    workload = cluster[WORKLOAD_KINDS[kind]][f"{ns}/{name}"]
    try:
        new = _new_pods(cluster, ns, kind, name, workload)
    except AdmissionError as e:
        workload["rollout_in"], workload["last_error"] = 1, str(e)
        return
    for key in pods_of(cluster, ns, kind, name):
        del cluster["pods"][key]
    cluster["pods"].update(new)
    workload.pop("rollout_in", None)
    workload.pop("last_error", None)


def create_workload(cluster, ns, kind, name, labels, template, replicas=1, **extra):
    """A workload as the API server stores it; its controller creates its pods on the next reads."""
    key = f"{ns}/{name}"
    store = cluster[WORKLOAD_KINDS[kind]]
    old = store.get(key)
    generation = (old or {}).get("generation", 0) + (0 if old and old.get("template") == template else 1)
    store[key] = {**(old or {}), "labels": labels, "template": template, "replicas": replicas, "generation": generation, **extra}
    if not old or old.get("template") != template:
        store[key]["rollout_in"] = 1


def tick(cluster, ns=None):
    """One read: the controllers of namespace `ns` (every namespace when None) move one step."""
    for kind, store in WORKLOAD_KINDS.items():
        for key in list(cluster[store]):
            if ns is not None and not key.startswith(ns + "/"):
                continue
            w, (wns, name) = cluster[store][key], key.split("/", 1)
            if w.get("deleting_in") is not None:
                if w["deleting_in"] <= 0:
                    for pod in pods_of(cluster, wns, kind, name):
                        del cluster["pods"][pod]
                    del cluster[store][key]
                    continue
                w["deleting_in"] -= 1
            elif w.get("ready_in", 0) > 0:
                w["ready_in"] -= 1
            if w.get("rollout_in") is not None and w.get("deleting_in") is None:
                if w["rollout_in"] <= 0:
                    roll_out(cluster, wns, kind, name)
                else:
                    w["rollout_in"] -= 1


def finish_rollouts(cluster, ns, name=None):
    """`kubectl rollout status` waits until the rollout is done."""
    for key, w in list(cluster["deployments"].items()):
        if key.startswith(ns + "/") and (name is None or key == f"{ns}/{name}") and w.get("rollout_in") is not None:
            roll_out(cluster, ns, "Deployment", key.split("/", 1)[1])


def restart(cluster, ns, kind, name):
    """`kubectl rollout restart`: a new template annotation, so the controller replaces every pod."""
    w = cluster[WORKLOAD_KINDS[kind]][f"{ns}/{name}"]
    template = json.loads(json.dumps(w.get("template") or {}))
    template.setdefault("metadata", {}).setdefault("annotations", {})["kubectl.kubernetes.io/restartedAt"] = str(w.get("generation", 0) + 1)
    w["template"], w["generation"], w["rollout_in"] = template, w.get("generation", 0) + 1, 2


def pod_view(key, pod):
    ns, name = key.split("/", 1)
    view = json.loads(json.dumps(pod))
    view.setdefault("apiVersion", "v1")
    view.setdefault("kind", "Pod")
    view.setdefault("metadata", {}).update({"name": name, "namespace": ns})
    view.setdefault("spec", {}).setdefault("containers", [])
    view.setdefault("status", {}).setdefault("phase", "Running")
    return view


def workload_view(kind, key, w):
    ns, name = key.split("/", 1)
    ready = w.get("ready_in", 0) == 0 and w.get("deleting_in") is None
    template = w.get("template") or {"metadata": {"labels": w.get("labels", {})},
                                       "spec": {"containers": [{"name": "main", "image": w.get("image", "")}]}}
    if w.get("image"):
        template = json.loads(json.dumps(template))
        template.setdefault("spec", {})["containers"] = [{**(template["spec"].get("containers") or [{}])[0], "image": w["image"]}]
    replicas = w.get("replicas", 1)
    return {"apiVersion": "apps/v1", "kind": kind,
            "metadata": {"name": name, "namespace": ns, "labels": w.get("labels", {}), "annotations": w.get("annotations", {})},
            "spec": {"replicas": replicas, "template": template},
            "status": {"replicas": replicas, "readyReplicas": replicas} if ready else {"replicas": replicas}}


def object_key(kind, namespace, name):
    return f"{kind}/{namespace or ''}/{name}"


def manage(cluster, key, manager, operation="Update"):
    """Records a field manager of an object (metadata.managedFields: one entry per manager and operation)."""
    entries = cluster["managers"].setdefault(key, [])
    if not any(e["manager"] == manager and e["operation"] == operation for e in entries):
        entries.append({"manager": manager, "operation": operation})


def install_objects(cluster, objects, ready_in=0, manager="istio-operator"):
    """Applies what an installer renders: Deployments, Services, webhooks and the injector's values go to their
    stores, the rest (CRDs, RBAC, ConfigMaps) to `objects`. A server-side apply (`istioctl install` applies as
    `istio-operator`), so what other managers set (an annotation) stays."""
    for obj in objects:
        kind, meta = obj["kind"], obj["metadata"]
        key = f"{meta.get('namespace', '')}/{meta['name']}"
        manage(cluster, object_key(kind, meta.get("namespace"), meta["name"]), manager, "Apply")
        if kind == "Deployment":
            containers = obj["spec"]["template"]["spec"]["containers"]
            create_workload(cluster, meta["namespace"], "Deployment", meta["name"], meta.get("labels", {}), obj["spec"]["template"],
                            obj["spec"].get("replicas", 1))
            d = cluster["deployments"][key]
            d["image"] = containers[0].get("image", "")
            d.pop("deleting_in", None)
            d["ready_in"] = ready_in
        elif kind == "Service":
            cluster["services"][key] = {**cluster["services"].get(key, {}), "labels": meta.get("labels", {})}
        elif kind == "MutatingWebhookConfiguration":
            cluster["webhooks"][meta["name"]] = obj
        else:
            if kind == "ConfigMap" and meta["name"].startswith("istio-sidecar-injector-"):
                cluster["injector_values"][meta["labels"][istio.REV]] = json.loads(obj["data"]["values"])
            cluster["objects"][f"{kind}/{key}"] = json.loads(json.dumps(obj))


def prunable(cluster, revision):
    """The objects `istioctl uninstall --revision` would delete, as (kind, key, object) (istio_model)."""
    found = []
    for kind, store in WORKLOAD_KINDS.items():
        for key, w in cluster[store].items():
            obj = {"kind": kind, "metadata": {"name": key.split("/", 1)[1], "labels": w.get("labels", {})}}
            if w.get("deleting_in") is None and istio.pruned_by_uninstall(obj, revision):
                found.append((kind, key, obj))
    for key, s in cluster["services"].items():
        obj = {"kind": "Service", "metadata": {"name": key.split("/", 1)[1], "labels": s.get("labels", {})}}
        if istio.pruned_by_uninstall(obj, revision):
            found.append(("Service", key, obj))
    for name, mwc in cluster["webhooks"].items():
        if istio.pruned_by_uninstall(mwc, revision):
            found.append(("MutatingWebhookConfiguration", name, mwc))
    for key, stored in cluster["objects"].items():
        kind, rest = key.split("/", 1)
        obj = {"kind": kind, "metadata": {"name": rest.split("/", 1)[1], "labels": (stored.get("metadata") or {}).get("labels") or {}}}
        if istio.pruned_by_uninstall(obj, revision):
            found.append((kind, key, obj))
    return found
