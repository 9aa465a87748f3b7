"""Istio and Cloud Service Mesh as every mesh stand-in models them, in one place: the script-test fake
(tests/fakes/mesh/fake_mesh.py) and the rehearsal's tools on real API servers (tests/rehearsal/mesh/)
both build their objects and read their state here, so the two cannot drift apart.

Sources (cited beside each fact):
  ISTIO  istio/istio release-1.29 at 9a69ee895c6e (the release line Cloud Service Mesh 1.29 ships);
  ASMCLI GoogleCloudPlatform/anthos-service-mesh-packages staging-1.29 at 761d08ab2b4b (asmcli/, asm/).
Standard library only: the fake runs under `python3 -S`.
"""
import json
import os

ISTIO_SYSTEM = "istio-system"
# Label and annotation names: istio/api label and annotation packages as ISTIO's charts use them.
REV = "istio.io/rev"
TAG = "istio.io/tag"
INJECTION = "istio-injection"
INJECT = "sidecar.istio.io/inject"
STATUS = "sidecar.istio.io/status"
TEMPLATES = "inject.istio.io/templates"
NETWORK = "topology.istio.io/network"
# ISTIO operator/pkg/manifest/name.go: the labels `istioctl install` puts on every object it applies.
COMPONENT = "operator.istio.io/component"
OWNER = "install.operator.istio.io/owning-resource"
MANAGED = "operator.istio.io/managed"
OPERATOR_VERSION = "operator.istio.io/version"
PROXY = "istio-proxy"
INIT = "istio-init"
# ISTIO pkg/kube/inject/initializer.go IgnoredNamespaces: never injected.
IGNORED_NAMESPACES = ("kube-system", "kube-public", "kube-node-lease", "local-path-storage")
# ISTIO operator/pkg/uninstall/prune.go: what `istioctl uninstall --revision` deletes (objects of these kinds
# labelled with the revision and one of these components; never Base, so never the CRDs).
PRUNED_COMPONENTS = ("Pilot", "IngressGateways", "EgressGateways", "Cni", "Ztunnel")
PRUNED_NAMESPACED_KINDS = ("Deployment", "DaemonSet", "Service", "ConfigMap", "Pod", "Secret", "ServiceAccount",
                           "RoleBinding", "Role", "PodDisruptionBudget", "HorizontalPodAutoscaler", "EnvoyFilter")
PRUNED_CLUSTER_KINDS = ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ClusterRole", "ClusterRoleBinding")
# ISTIO operator/cmd/mesh/uninstall.go preCheckWarnings.
DETACHED_WARNING = ("There are still {count} proxies pointing to the control plane revision {revision}\n{ids}"
                    "If you proceed with the uninstall, these proxies will become detached from any control plane"
                    " and will not function correctly.\n")
GATEWAYS_WARNING = ("You are about to remove the following gateways: {gateways}."
                    " To avoid downtime, please quit this command and reinstall the gateway(s) with a revision that is"
                    " not being removed from the cluster.\n")
NO_RESOURCES_WARNING = "No resources will be pruned from the cluster. Please double check the input configs\n"

HERE = os.path.dirname(os.path.abspath(__file__))


def crds():
    """ISTIO manifests/charts/base/files/crd-all.gen.yaml: the 14 CRDs of the base chart (istio-crds.json)."""
    with open(os.path.join(HERE, "istio-crds.json")) as f:
        return json.load(f)["crds"]


# ---- releases and images --------------------------------------------------------------------------

def release_of(version):
    """`1.29.0-asm.1+config1` (asmcli version_message) -> `1.29.0-asm.1`."""
    return version.split("+", 1)[0]


def default_revision(release):
    """asmcli lib/util.sh init: REVISION_LABEL asm-<major><minor><point>-<rev> when --revision_name is absent."""
    numbers, rev = release.split("-asm.")
    return "asm-" + numbers.replace(".", "") + "-" + rev


# ASMCLI asm/Kptfile anthos.servicemesh.hub; the tag setter is the release (asmcli lib/config.sh).
ASM_HUB = "gke.gcr.io/asm"


def image(component, release):
    """ISTIO istio-discovery deployment.yaml `<hub>/<image>:<tag>`; proxies: inject.go ProxyImage `<hub>/proxyv2:<tag>`."""
    return f"{ASM_HUB}/{component}:{release}"


# ---- label selectors ------------------------------------------------------------------------------

def selector_matches(selector, labels):
    """A metav1.LabelSelector (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist); None selects all."""
    selector = selector or {}
    labels = labels or {}
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values") or []
        has = key in labels
        if op == "In" and not (has and labels[key] in values):
            return False
        if op == "NotIn" and has and labels[key] in values:
            return False
        if op == "Exists" and not has:
            return False
        if op == "DoesNotExist" and has:
            return False
    return True


def parse_selector(text):
    """kubectl's `-l` syntax (k, !k, k=v, k==v, k!=v, k in (a,b), k notin (a,b)) as a LabelSelector."""
    exprs, rest = [], text or ""
    terms, depth, current = [], 0, ""
    for ch in rest:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            terms.append(current)
            current = ""
        else:
            current += ch
    if current:
        terms.append(current)
    for term in (t.strip() for t in terms if t.strip()):
        words = term.replace("(", " ( ").replace(")", " ) ").split()
        if len(words) >= 2 and words[1] in ("in", "notin"):
            values = [v for v in " ".join(words[2:]).strip("() ").replace(" ", "").split(",") if v]
            exprs.append({"key": words[0], "operator": "In" if words[1] == "in" else "NotIn", "values": values})
        elif "!=" in term:
            key, value = term.split("!=", 1)
            exprs.append({"key": key.strip(), "operator": "NotIn", "values": [value.strip()]})
        elif "=" in term:
            key, value = term.replace("==", "=").split("=", 1)
            exprs.append({"key": key.strip(), "operator": "In", "values": [value.strip()]})
        elif term.startswith("!"):
            exprs.append({"key": term[1:].strip(), "operator": "DoesNotExist"})
        else:
            exprs.append({"key": term, "operator": "Exists"})
    return {"matchExpressions": exprs}


def namespace_labels(name, labels):
    """The labels an API server shows: it adds kubernetes.io/metadata.name itself (Kubernetes >= 1.21)."""
    return {**(labels or {}), "kubernetes.io/metadata.name": name}


# ---- injection webhooks: which revision injects a pod -----------------------------------------------

def _webhook(prefix, client_config, namespace_selector, object_selector):
    # ISTIO istio-discovery templates/mutatingwebhook.yaml "core": CREATE of v1 pods, failurePolicy Fail.
    return {
        "name": f"{prefix}sidecar-injector.istio.io",
        "clientConfig": client_config,
        "sideEffects": "None",
        "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}],
        "failurePolicy": "Fail",
        "reinvocationPolicy": "Never",
        "admissionReviewVersions": ["v1"],
        "namespaceSelector": namespace_selector,
        "objectSelector": object_selector,
    }


def _not_disabled():
    return {"key": INJECT, "operator": "NotIn", "values": ["false"]}


def _revision_webhooks(value, client_config):
    """The two revision webhooks: a namespace labelled istio.io/rev=<value> (and no istio-injection), or a
    pod labelled istio.io/rev=<value> in a namespace with neither label (mutatingwebhook.yaml cases 1 and 2)."""
    return [
        _webhook("rev.namespace.", client_config,
                 {"matchExpressions": [{"key": REV, "operator": "In", "values": [value]},
                                       {"key": INJECTION, "operator": "DoesNotExist"}]},
                 {"matchExpressions": [_not_disabled()]}),
        _webhook("rev.object.", client_config,
                 {"matchExpressions": [{"key": REV, "operator": "DoesNotExist"},
                                       {"key": INJECTION, "operator": "DoesNotExist"}]},
                 {"matchExpressions": [_not_disabled(), {"key": REV, "operator": "In", "values": [value]}]}),
    ]


def _default_webhooks(client_config):
    """The default revision's: namespace istio-injection=enabled, or a pod sidecar.istio.io/inject=true in an
    unlabelled namespace (mutatingwebhook.yaml / revision-tags-mwc.yaml for the tag `default`)."""
    return [
        _webhook("namespace.", client_config,
                 {"matchExpressions": [{"key": INJECTION, "operator": "In", "values": ["enabled"]}]},
                 {"matchExpressions": [_not_disabled()]}),
        _webhook("object.", client_config,
                 {"matchExpressions": [{"key": INJECTION, "operator": "DoesNotExist"},
                                       {"key": REV, "operator": "DoesNotExist"}]},
                 {"matchExpressions": [{"key": INJECT, "operator": "In", "values": ["true"]},
                                       {"key": REV, "operator": "DoesNotExist"}]}),
    ]


def owner_labels(revision, component, release, owner="unknown"):
    """ISTIO operator/pkg/install/install.go getOwnerLabels: on every object `istioctl install` applies."""
    labels = {MANAGED: "Reconcile", OPERATOR_VERSION: release, REV: revision or "default"}
    if owner != "unknown":
        labels[OWNER] = owner
    if component:
        labels[COMPONENT] = component
    return labels


def injector_configuration(revision, client_config, release):
    """MutatingWebhookConfiguration istio-sidecar-injector-<revision> (templates/mutatingwebhook.yaml)."""
    return {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "MutatingWebhookConfiguration",
        "metadata": {
            "name": f"istio-sidecar-injector-{revision}",
            "labels": {**owner_labels(revision, "Pilot", release), "app": "sidecar-injector", "app.kubernetes.io/name": "istiod"},
        },
        "webhooks": _revision_webhooks(revision, client_config),
    }


def tag_configuration(tag, revision, client_config, release):
    """MutatingWebhookConfiguration istio-revision-tag-<tag> (templates/revision-tags-mwc.yaml, what `istioctl tag
    set <tag> --revision <revision>` renders): namespaces labelled istio.io/rev=<tag> get <revision>'s proxies, and
    the tag `default` also takes istio-injection=enabled."""
    webhooks = _revision_webhooks(tag, client_config)
    if tag == "default":
        webhooks += _default_webhooks(client_config)
    return {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "MutatingWebhookConfiguration",
        "metadata": {
            "name": f"istio-revision-tag-{tag}",
            "labels": {**owner_labels(revision, "Pilot", release), TAG: tag, "app": "sidecar-injector", "app.kubernetes.io/name": "istiod"},
        },
        "webhooks": webhooks,
    }


def is_injector(configuration):
    return REV in (configuration.get("metadata", {}).get("labels") or {}) and any(
        w.get("name", "").endswith("sidecar-injector.istio.io") for w in configuration.get("webhooks") or [])


def matching_webhooks(configurations, namespace, ns_labels, pod_labels):
    """(revision, webhook) for every injection webhook the API server calls for a new pod, in its order: the
    configurations sorted by name, each one's webhooks as listed (k8s.io/apiserver admission/configuration
    mutating_webhook_manager.go sorts the configurations by name)."""
    ns = namespace_labels(namespace, ns_labels)
    calls = []
    for configuration in sorted(configurations, key=lambda c: c["metadata"]["name"]):
        if not is_injector(configuration):
            continue
        for webhook in configuration.get("webhooks") or []:
            if selector_matches(webhook.get("namespaceSelector"), ns) and selector_matches(webhook.get("objectSelector"), pod_labels):
                calls.append((configuration["metadata"]["labels"][REV], webhook))
                break  # one configuration's webhooks are mutually exclusive by construction
    return calls


def inject_required(pod, namespace):
    """ISTIO pkg/kube/inject/inject.go injectRequired with the chart's policy `enabled`: not on the host network,
    not in an ignored namespace, not opted out by the sidecar.istio.io/inject label (or annotation)."""
    meta = pod.get("metadata", {})
    if (pod.get("spec") or {}).get("hostNetwork"):
        return False
    if namespace in IGNORED_NAMESPACES:
        return False
    choice = (meta.get("labels") or {}).get(INJECT, (meta.get("annotations") or {}).get(INJECT, ""))
    return choice != "false"


def injecting_revision(configurations, namespace, ns_labels, pod):
    """The revision whose proxy a new pod gets, or None: the last webhook called wins (a later webhook re-injects
    an injected pod, inject.go injectPod)."""
    calls = matching_webhooks(configurations, namespace, ns_labels, (pod.get("metadata") or {}).get("labels") or {})
    if not calls or not inject_required(pod, namespace):
        return None
    return calls[-1][0]


def namespace_selected_revisions(configurations, namespace, ns_labels):
    """Revisions a namespace selects for all its pods (webhooks that need no pod label: rev.namespace.*,
    namespace.*, auto.*), through a revision, a tag or istio-injection=enabled."""
    ns = namespace_labels(namespace, ns_labels)
    found = []
    for configuration in configurations:
        if not is_injector(configuration):
            continue
        for webhook in configuration.get("webhooks") or []:
            if webhook["name"].split(".")[0] in ("rev", "namespace", "auto") and not webhook["name"].startswith("rev.object.") \
                    and selector_matches(webhook.get("namespaceSelector"), ns):
                found.append(configuration["metadata"]["labels"][REV])
    return sorted(set(found))


# ---- the injected pod ----------------------------------------------------------------------------

def native_sidecars(node_versions):
    """ISTIO pkg/kube/inject/webhook.go DetectNativeSidecar with ENABLE_NATIVE_SIDECARS=auto (the 1.29 default):
    istio-proxy becomes a native sidecar only when every node's kubelet is 1.33 or newer."""
    def minor(version):
        try:
            return int(version.lstrip("v").split(".")[1])
        except (IndexError, ValueError):
            return -1
    return bool(node_versions) and all(minor(v) >= 33 for v in node_versions)


def _volumes():
    # ISTIO injection-template.yaml volumes (pilotCertProvider istiod, no GKE workload certificates).
    return [
        {"name": "workload-socket", "emptyDir": {}},
        {"name": "credential-socket", "emptyDir": {}},
        {"name": "workload-certs", "emptyDir": {}},
        {"name": "istio-envoy", "emptyDir": {"medium": "Memory"}},
        {"name": "istio-data", "emptyDir": {}},
        {"name": "istio-podinfo", "downwardAPI": {"items": [
            {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}},
            {"path": "annotations", "fieldRef": {"fieldPath": "metadata.annotations"}}]}},
        {"name": "istio-token", "projected": {"sources": [{"serviceAccountToken": {
            "path": "istio-token", "expirationSeconds": 43200, "audience": "istio-ca"}}]}},
        {"name": "istiod-ca-cert", "configMap": {"name": "istio-ca-root-cert"}},
        {"name": "istio-ca-crl", "configMap": {"name": "istio-ca-crl", "optional": True}},
    ]


def _proxy_container(revision, values, workload, router):
    global_values = values.get("global") or {}
    env = [
        # The control plane the proxy connects to: istio-discovery configmap.yaml defaultConfig.discoveryAddress.
        {"name": "PROXY_CONFIG", "value": json.dumps({"discoveryAddress": f"istiod-{revision}.{ISTIO_SYSTEM}.svc:15012"})},
        {"name": "ISTIO_META_CLUSTER_ID", "value": (global_values.get("multiCluster") or {}).get("clusterName") or "Kubernetes"},
    ]
    if global_values.get("network"):
        env.append({"name": "ISTIO_META_NETWORK", "value": global_values["network"]})
    if workload:
        env.append({"name": "ISTIO_META_WORKLOAD_NAME", "value": workload})
    if global_values.get("meshID"):
        env.append({"name": "ISTIO_META_MESH_ID", "value": global_values["meshID"]})
    return {
        "name": PROXY,
        "image": f"{global_values.get('hub', ASM_HUB)}/proxyv2:{global_values.get('tag', '')}",
        "args": ["proxy", "router" if router else "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local"],
        "ports": [{"containerPort": 15090, "protocol": "TCP", "name": "http-envoy-prom"}],
        "env": env,
        "readinessProbe": {"httpGet": {"path": "/healthz/ready", "port": 15021}, "periodSeconds": 15},
        "volumeMounts": [{"name": "istio-envoy", "mountPath": "/etc/istio/proxy"}, {"name": "istio-token", "mountPath": "/var/run/secrets/tokens"}],
    }


def inject(pod, revision, values, native=False, workload=""):
    """The pod as the revision's injector returns it (ISTIO injection-template.yaml `sidecar`, or
    gateway-injection-template.yaml when inject.istio.io/templates is `gateway`, then webhook.go postProcessPod):
    labels service.istio.io/canonical-*, security.istio.io/tlsMode (sidecars); annotations istio.io/rev and
    sidecar.istio.io/status (the injected names and "revision"); the istio-proxy container (and istio-init). The
    workload pods' own istio.io/rev label is never set (getInjectionStatus keeps the revision in the status)."""
    pod = json.loads(json.dumps(pod))
    meta = pod.setdefault("metadata", {})
    spec = pod.setdefault("spec", {})
    labels = meta.setdefault("labels", {}) if meta.get("labels") is not None else meta.setdefault("labels", {})
    annotations = meta.get("annotations") or {}
    meta["annotations"] = annotations
    gateway = annotations.get(TEMPLATES) == "gateway"
    revision = revision or "default"
    app_containers = [c for c in spec.get("containers") or [] if c.get("name") != PROXY]
    name = workload or meta.get("generateName", "").rstrip("-") or meta.get("name", "")
    if not gateway:
        labels["security.istio.io/tlsMode"] = labels.get("security.istio.io/tlsMode", "istio")
    labels["service.istio.io/canonical-name"] = (labels.get("service.istio.io/canonical-name") or labels.get("app.kubernetes.io/name")
                                                 or labels.get("app") or name)[:63].rstrip("-")
    labels["service.istio.io/canonical-revision"] = (labels.get("service.istio.io/canonical-revision") or labels.get("app.kubernetes.io/version")
                                                     or labels.get("version") or "latest")
    annotations[REV] = revision
    if app_containers:
        annotations.setdefault("kubectl.kubernetes.io/default-logs-container", app_containers[0]["name"])
        annotations.setdefault("kubectl.kubernetes.io/default-container", app_containers[0]["name"])
    proxy = _proxy_container(revision, values, workload, gateway)
    given = next((c for c in spec.get("containers") or [] if c.get("name") == PROXY), None)
    if given:  # the gateway Deployment's own istio-proxy (image "auto") is merged with the template's
        proxy = {**given, **proxy, "env": (given.get("env") or []) + proxy["env"]}
    init = [] if gateway else [{"name": INIT, "image": proxy["image"], "args": ["istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337", "-m", "REDIRECT"]}]
    volumes = _volumes()
    others_init = [c for c in spec.get("initContainers") or [] if c.get("name") not in (INIT, PROXY)]
    if native and not gateway:
        spec["initContainers"] = init + [{**proxy, "restartPolicy": "Always"}] + others_init
        spec["containers"] = app_containers
    else:
        spec["initContainers"] = others_init + init
        spec["containers"] = app_containers + [proxy]
    known = {v["name"] for v in volumes}
    spec["volumes"] = [v for v in spec.get("volumes") or [] if v.get("name") not in known] + volumes
    injected_init = [c["name"] for c in init] + ([PROXY] if native and not gateway else [])
    injected = [] if native and not gateway else [PROXY]
    # webhook.go getInjectionStatus: json.Marshal of SidecarInjectionStatus (nil lists are null).
    annotations[STATUS] = json.dumps({
        "initContainers": injected_init or None, "containers": injected or None,
        "volumes": [v["name"] for v in volumes], "imagePullSecrets": None, "revision": revision,
    }, separators=(",", ":"))
    return pod


def proxy_revision(pod):
    """The revision whose proxy a pod runs, or None: the "revision" of sidecar.istio.io/status, else the
    istio.io/rev annotation the templates set, else (an istio-proxy container the pod brought itself, as the
    non-injected gateway chart does) its istio.io/rev label."""
    meta = pod.get("metadata") or {}
    annotations = meta.get("annotations") or {}
    try:
        status = json.loads(annotations.get(STATUS) or "")
        if isinstance(status, dict) and status.get("revision"):
            return status["revision"]
    except ValueError:
        pass
    if annotations.get(REV):
        return annotations[REV]
    spec = pod.get("spec") or {}
    if any(c.get("name") == PROXY for c in (spec.get("containers") or []) + (spec.get("initContainers") or [])):
        return (meta.get("labels") or {}).get(REV)
    return None


def proxy_id(pod):
    """How istiod names a connected proxy (its syncz ProxyID): <pod>.<namespace>."""
    return f"{pod['metadata']['name']}.{pod['metadata'].get('namespace', 'default')}"


def running(pod):
    return (pod.get("status") or {}).get("phase", "Running") not in ("Succeeded", "Failed")


# ---- what asmcli and istioctl install ----------------------------------------------------------------

def injector_values(revision, release, network="", mesh_id="", cluster_name=""):
    """The `values` of ConfigMap istio-sidecar-injector-<revision> (istiod-injector-configmap.yaml) that the
    templates read: ASMCLI asm/istio/istio-operator.yaml sets hub, tag, network, meshID and clusterName."""
    return {"revision": revision, "global": {"hub": ASM_HUB, "tag": release, "network": network, "meshID": mesh_id,
                                               "multiCluster": {"clusterName": cluster_name}, "proxy": {"image": "proxyv2"}}}


def cluster_id(values):
    """istiod's CLUSTER_ID (ISTIO istio-discovery templates/deployment.yaml): global.multiCluster.clusterName, else
    `Kubernetes`. Remote secrets for the cluster must carry this name."""
    return ((values.get("global") or {}).get("multiCluster") or {}).get("clusterName") or "Kubernetes"


def membership_id(membership):
    """The fleet membership's name from the in-cluster Membership `membership` (ASMCLI lib/installation_dependencies.sh
    populate_fleet_info: the last segment of spec.owner.id), or None without one."""
    owner = ((membership or {}).get("spec") or {}).get("owner", {}).get("id") or ""
    return owner.rsplit("/memberships/", 1)[1] if "/memberships/" in owner else None


def membership_objects(fleet, name):
    """What registering a cluster to fleet <fleet> as membership <name> leaves in it, the part asmcli reads (ASMCLI
    lib/installation_dependencies.sh populate_fleet_info, lib/checks.sh is_membership_crd_installed): the CRD
    memberships.hub.gke.io and the cluster-scoped Membership `membership` naming its owner and identity provider."""
    path = f"projects/{fleet}/locations/global/memberships/{name}"
    return [
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "memberships.hub.gke.io"},
         "spec": {"group": "hub.gke.io", "scope": "Cluster", "names": {"kind": "Membership", "plural": "memberships", "singular": "membership"},
                  "versions": [{"name": "v1", "served": True, "storage": True,
                                "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}}]}},
        {"apiVersion": "hub.gke.io/v1", "kind": "Membership", "metadata": {"name": "membership"},
         "spec": {"owner": {"id": f"//gkehub.googleapis.com/{path}"}, "identity_provider": f"https://gkehub.googleapis.com/{path}"}},
    ]


def asm_cluster_name(platform, project_id, location, cluster_name, fleet_id, membership=None):
    """global.multiCluster.clusterName as asmcli sets it (ASMCLI lib/config.sh configure_package, asm/Kptfile
    substitution cluster-name `cn-<project>-<location>-<cluster>`): on GKE its project, location and name; off GCP
    the fleet, `global` and the membership's name, or `cluster` when the cluster has no membership. (When the fleet
    membership has a monitoringConfig, asmcli takes those three from it instead; no stand-in models one.)"""
    if platform == "gcp":
        return f"cn-{project_id}-{location}-{cluster_name}"
    return f"cn-{fleet_id}-global-{membership_id(membership) or 'cluster'}"


def base_objects(revision, release):
    """The Base component: the CRDs and istio-reader-service-account (ISTIO manifests/charts/base)."""
    labels = owner_labels(revision, "Base", release)
    objects = [{
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": c["name"], "labels": labels, "annotations": {"helm.sh/resource-policy": "keep"}},
        "spec": {"group": c["group"], "scope": "Namespaced",
                 "names": {"kind": c["kind"], "listKind": c["kind"] + "List", "plural": c["plural"], "singular": c["singular"],
                           **({"shortNames": c["shortNames"]} if c.get("shortNames") else {})},
                 "versions": [{"name": v, "served": True, "storage": v == c["storage"],
                               "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}}
                              for v in c["served"]]},
    } for c in crds()]
    objects.append({"apiVersion": "v1", "kind": "ServiceAccount",
                    "metadata": {"name": "istio-reader-service-account", "namespace": ISTIO_SYSTEM,
                                 "labels": {**labels, "app": "istio-reader", "app.kubernetes.io/name": "istio-reader"}}})
    return objects


def istiod_objects(revision, release, values, client_config):
    """The Pilot component of a revision (ISTIO manifests/charts/istio-control/istio-discovery/templates): its
    Deployment, Service, ServiceAccount, ConfigMaps, RBAC, PodDisruptionBudget and injection webhook, each with
    `istioctl install`'s owner labels, so that `istioctl uninstall --revision` finds them all."""
    owner = owner_labels(revision, "Pilot", release)
    app = {"app": "istiod", "istio.io/rev": revision, "istio": "pilot", "app.kubernetes.io/name": "istiod"}
    name = f"istiod-{revision}"
    ns = ISTIO_SYSTEM

    def meta(object_name, namespaced=True, extra=None):
        m = {"name": object_name, "labels": {**owner, **app, **(extra or {})}}
        if namespaced:
            m["namespace"] = ns
        return m
    selector = {"app": "istiod", REV: revision}
    return [
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(name)},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(f"istio-{revision}"),
         "data": {"mesh": f"defaultConfig:\n  discoveryAddress: {name}.{ns}.svc:15012\ntrustDomain: cluster.local\n"}},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(f"istio-sidecar-injector-{revision}"),
         "data": {"values": json.dumps(values), "config": "policy: enabled\ndefaultTemplates: [sidecar]\ntemplates: [sidecar, gateway]\n"}},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": meta(f"istiod-clusterrole-{revision}-{ns}", False),
         "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "list", "watch"]}]},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": meta(f"istiod-clusterrole-{revision}-{ns}", False),
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": f"istiod-clusterrole-{revision}-{ns}"},
         "subjects": [{"kind": "ServiceAccount", "name": name, "namespace": ns}]},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": meta(f"istio-reader-clusterrole-{revision}-{ns}", False),
         "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "list", "watch"]}]},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": meta(f"istio-reader-clusterrole-{revision}-{ns}", False),
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": f"istio-reader-clusterrole-{revision}-{ns}"},
         "subjects": [{"kind": "ServiceAccount", "name": "istio-reader-service-account", "namespace": ns}]},
        {"apiVersion": "v1", "kind": "Service", "metadata": meta(name),
         "spec": {"selector": selector, "ports": [
             {"port": 15010, "name": "grpc-xds", "protocol": "TCP"}, {"port": 15012, "name": "https-dns", "protocol": "TCP"},
             {"port": 443, "name": "https-webhook", "targetPort": 15017, "protocol": "TCP"},
             {"port": 15014, "name": "http-monitoring", "protocol": "TCP"}]}},
        {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta(name),
         "spec": {"minAvailable": 1, "selector": {"matchLabels": selector}}},
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta(name),
         "spec": {"replicas": 2, "selector": {"matchLabels": selector},
                  "template": {"metadata": {"labels": {**selector, "istio": "istiod", INJECT: "false", "app.kubernetes.io/name": "istiod",
                                                       OWNER: "unknown", COMPONENT: "Pilot"},
                                            "annotations": {INJECT: "false"}},
                               "spec": {"serviceAccountName": name, "containers": [{
                                   "name": "discovery", "image": image("pilot", release),
                                   "args": ["discovery", "--monitoringAddr=:15014", "--log_output_level=default:info"],
                                   "ports": [{"containerPort": 8080}, {"containerPort": 15010}, {"containerPort": 15017}],
                                   # deployment.yaml: CLUSTER_ID from global.multiCluster.clusterName, default `Kubernetes`.
                                   "env": [{"name": "REVISION", "value": revision},
                                           {"name": "CLUSTER_ID", "value": cluster_id(values)}]}]}}}},
        {**injector_configuration(revision, client_config, release)},
    ]


def gateway_objects(operator, release):
    """What `istioctl install -f <IstioOperator>` applies for each enabled ingress gateway when
    values.gateways.istio-ingressgateway.injectionTemplate is set (ISTIO manifests/charts/gateways/istio-ingress
    templates/injected-deployment.yaml, service.yaml, serviceaccount.yaml): a Deployment whose pods carry the
    revision label and get their proxy from the injector, its Service and ServiceAccount."""
    spec = operator.get("spec") or {}
    revision = spec.get("revision") or "default"
    template = (((spec.get("values") or {}).get("gateways") or {}).get("istio-ingressgateway") or {}).get("injectionTemplate", "")
    owner = owner_labels(revision, "IngressGateways", release, (operator.get("metadata") or {}).get("name", "unknown"))
    objects = []
    for gw in (spec.get("components") or {}).get("ingressGateways") or []:
        if not gw.get("enabled"):
            continue
        labels = dict(gw.get("label") or {"app": gw["name"], "istio": "ingressgateway"})
        k8s = gw.get("k8s") or {}
        ns = gw.get("namespace") or ISTIO_SYSTEM
        meta = lambda name: {"name": name, "namespace": ns, "labels": {**labels, **owner, "app.kubernetes.io/name": "istio-ingressgateway"}}
        pod_labels = {**labels, **{k: v for k, v in owner.items() if k in (OWNER, COMPONENT)}, INJECT: "true", REV: revision,
                      "service.istio.io/canonical-name": gw["name"], "service.istio.io/canonical-revision": revision}
        service = {"apiVersion": "v1", "kind": "Service", "metadata": meta(gw["name"]),
                   "spec": {"type": "LoadBalancer", "selector": labels,
                            "ports": [{"name": p["name"], "port": p["port"], "targetPort": p.get("targetPort", p["port"]), "protocol": "TCP"}
                                      for p in (k8s.get("service") or {}).get("ports") or []]}}
        if (k8s.get("service") or {}).get("loadBalancerIP"):
            service["spec"]["loadBalancerIP"] = k8s["service"]["loadBalancerIP"]
        if k8s.get("serviceAnnotations"):
            service["metadata"]["annotations"] = dict(k8s["serviceAnnotations"])
        objects += [
            {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(f"{gw['name']}-service-account")},
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta(gw["name"]),
             "spec": {"replicas": 1, "selector": {"matchLabels": labels},
                      "template": {"metadata": {"labels": pod_labels,
                                                "annotations": {INJECT: "true", TEMPLATES: template} if template else {INJECT: "true"}},
                                   "spec": {"serviceAccountName": f"{gw['name']}-service-account", "containers": [
                                       {"name": PROXY, "image": "auto", "env": list(k8s.get("env") or []),
                                        "ports": [{"containerPort": p.get("targetPort", p["port"]), "protocol": "TCP"}
                                                  for p in (k8s.get("service") or {}).get("ports") or []]}]}}}},
            service,
        ]
    return objects


def pruned_by_uninstall(obj, revision):
    """Whether `istioctl uninstall --revision <revision>` deletes this object (prune.go GetPrunedResources)."""
    labels = (obj.get("metadata") or {}).get("labels") or {}
    kind = obj.get("kind")
    return labels.get(REV) == revision and labels.get(COMPONENT) in PRUNED_COMPONENTS and \
        kind in PRUNED_NAMESPACED_KINDS + PRUNED_CLUSTER_KINDS


GROUP_VERSIONS = {"Deployment": "apps/v1", "DaemonSet": "apps/v1", "Service": "v1", "ConfigMap": "v1", "Pod": "v1", "Secret": "v1",
                  "ServiceAccount": "v1", "RoleBinding": "rbac.authorization.k8s.io/v1", "Role": "rbac.authorization.k8s.io/v1",
                  "ClusterRole": "rbac.authorization.k8s.io/v1", "ClusterRoleBinding": "rbac.authorization.k8s.io/v1",
                  "PodDisruptionBudget": "policy/v1", "HorizontalPodAutoscaler": "autoscaling/v2",
                  "EnvoyFilter": "networking.istio.io/v1alpha3",
                  "MutatingWebhookConfiguration": "admissionregistration.k8s.io/v1",
                  "ValidatingWebhookConfiguration": "admissionregistration.k8s.io/v1"}


def pruned_name(obj, namespace=""):
    """How prune.go DeleteResource names an object in its output: `<group/version>, Kind=<kind>/<name>.<namespace>`."""
    kind = obj["kind"]
    return f"{GROUP_VERSIONS.get(kind, 'v1')}, Kind={kind}/{obj['metadata']['name']}.{namespace}"


def uninstall_precheck(revision, proxies, pruned):
    """The message operator/cmd/mesh/uninstall.go preCheckWarnings prints (and, without -y, asks to confirm):
    `proxies` are the ids of proxies still connected to the revision, `pruned` the objects it would delete.
    Returns (message, needs_confirmation)."""
    if not pruned:
        return NO_RESOURCES_WARNING, False
    message, confirm = "", False
    if proxies:
        confirm = True
        ids = "".join(p + "\n" for p in proxies) if len(proxies) <= 30 else ""
        message += DETACHED_WARNING.format(count=len(proxies), revision=revision, ids=ids)
    gateways = [o["metadata"]["name"] for o in pruned if o.get("kind") == "Deployment" and "gateway" in o["metadata"]["name"]]
    if gateways:
        confirm = True
        message += GATEWAYS_WARNING.format(gateways=", ".join(gateways))
    return message, confirm


def endpoints_output(cluster_name, hosts):
    """`istioctl proxy-config endpoints <pod> --cluster <name> -o json` (istioctl/pkg/writer/envoy/clusters
    PrintEndpoints): Envoy's ClusterStatus objects with a host passing the filter, camelCase protojson.
    `hosts` are (address, port, healthy)."""
    if not hosts:
        return []
    return [{"name": cluster_name, "addedViaApi": True, "hostStatuses": [
        {"address": {"socketAddress": {"address": a, "portValue": p}},
         "healthStatus": {"edsHealthStatus": "HEALTHY" if healthy else "UNHEALTHY"}, "weight": 1}
        for a, p, healthy in hosts]}]


def helloworld_answer(version, instance):
    """ISTIO samples/helloworld/src/app.py: 'Hello version: %s, instance: %s\\n'."""
    return f"Hello version: {version}, instance: {instance}\n"


def _scalar(v):
    plain = isinstance(v, str) and v and v[0].isalpha() and all(c.isalnum() or c in "./-_" for c in v) \
        and v not in ("true", "false", "null", "yes", "no", "on", "off")
    return v if plain else json.dumps(v)


def to_yaml(value, indent=0):
    """Block-style YAML of a JSON value, as `istioctl manifest generate` prints manifests."""
    pad = "  " * indent
    out = []
    for k, v in value.items():
        if isinstance(v, dict) and v:
            out += [f"{pad}{k}:", to_yaml(v, indent + 1)]
        elif isinstance(v, list) and v:
            out.append(f"{pad}{k}:")
            for item in v:
                if isinstance(item, dict) and item:
                    # The item's keys line up under its first key, two columns right of the dash.
                    first, _, rest = to_yaml(item, indent + 1).partition("\n")
                    out.append(f"{pad}- {first.strip()}")
                    if rest:
                        out.append(rest)
                else:
                    out.append(f"{pad}- {_scalar(item)}")
        else:
            out.append(f"{pad}{k}: {_scalar(v)}")
    return "\n".join(out)


if __name__ == "__main__":
    # istio_model.py FUNCTION < [arguments as JSON]: one function of the model, for its unit tests.
    import sys
    print(json.dumps(globals()[sys.argv[1]](*json.load(sys.stdin))))
