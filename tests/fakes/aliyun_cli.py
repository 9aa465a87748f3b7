#!/usr/bin/env python3
"""A strict stand-in for the `aliyun` CLI: ACK (cs, ROA style), ACK One (adcp), VPC EIPs and VPN Gateway reads
(vpc, the latter in aliyun_vpn.py) and RAM roles (ram), RPC style.

Every call is first checked against Alibaba's own API definitions (one JSON file per API, from
aliyun-openapi-meta) in $FAKE_ALIYUN_API_DIR, by default shared/vendor/alibaba-openapi in the
nearest ancestor of the repository that has it. Like the API, the check rejects unknown
parameters, missing required ones, values of the wrong type and values outside the ones a
parameter's description lists. ROA request bodies are checked against BODY_SCHEMAS (the documented
request syntax; the definitions carry the body only as a string). APIs of products the folder does
not carry are described in EXTRA_DEFINITIONS, each from its API reference.

Credentials are read as the real CLI reads them with ALIBABA_CLOUD_IGNORE_PROFILE=TRUE: from
ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, with no configuration file. Without that variable the real
CLI reads (and may create) ~/.aliyun/config.json and prefers its keys over the environment, so a
call without it is refused here. Without --region the CLI falls back to cn-hangzhou.

State lives in $FAKE_ALIYUN_STATE/state.json, shared with the rehearsal's `alicloud` plug-in:
`clusters`, `hubs`, `vswitches`, `security_groups`, `eips`, `ram_roles`. Every read-modify-write
holds the state's lock (state_lock.py). Objects change state over several reads and, in a
rehearsal, over the scaled real durations of tests/rehearsal/durations.json: a registered cluster
is `initial`, then `waiting` until its agent (applied by the kubectl stand-in to $FAKE_KUBE_STATE)
connects, then `running`; a deleted one is `deleting`, `deleted`, then gone. `fail_next` holds
errors to answer once each, per "<product> <api>" (throttling, say).

Every call is appended to calls.jsonl (argv, api, flags, region, key id); with $REHEARSAL_HOME (or
$REHEARSAL_OPS_LOG) set, every call that reached the cloud is also a line of the rehearsal's
operation log (tests/rehearsal/README.md). Errors look like the CLI's: `ERROR: SDK.ServerError`
with ErrorCode and Message on stderr, exit 1.
"""
import base64
import json
import os
import re
import ssl
import sys
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from state_lock import locked, write_json  # noqa: E402
import aliyun_vpn  # noqa: E402

STATE_DIR = os.environ["FAKE_ALIYUN_STATE"]
STATE = os.path.join(STATE_DIR, "state.json")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DURATIONS = os.path.join(ROOT, "tests", "rehearsal", "durations.json")


def default_api_dir():
    """shared/vendor/alibaba-openapi beside the repository or beside any of its ancestors."""
    here = os.path.dirname(ROOT)
    while True:
        candidate = os.path.join(here, "shared", "vendor", "alibaba-openapi")
        if os.path.isdir(candidate) or os.path.dirname(here) == here:
            return candidate
        here = os.path.dirname(here)


API_DIR = os.environ.get("FAKE_ALIYUN_API_DIR") or default_api_dir()
if not os.path.isdir(API_DIR):
    sys.exit(f"aliyun stand-in: Alibaba's API definitions are missing at {API_DIR}: put aliyun/aliyun-openapi-meta's "
             "en-US/{cs,adcp,vpc} folders in shared/vendor/alibaba-openapi beside the checkout (or an ancestor of it), "
             "or set FAKE_ALIYUN_API_DIR")

# Flags of the CLI itself, not of any API (aliyun-cli config/flags.go, openapi/flags.go).
CLI_FLAGS = {"region", "endpoint", "read-timeout", "connect-timeout", "retry-count", "header", "quiet"}
# Ways to hand the CLI credentials other than the environment: a secret in argv or a file on disk.
CREDENTIAL_FLAGS = {"access-key-id", "access-key-secret", "sts-token", "profile", "config-path", "mode"}

# APIs the vendor folder does not carry. RAM GetRole: RAM API reference (GetRole, RoleName required,
# Language optional; alibabacloud.com/help/doc-detail/159990).
EXTRA_DEFINITIONS = {
    ("ram", "GetRole"): {
        "name": "GetRole", "pathPattern": "", "parameters": [
            {"name": "RoleName", "position": "Query", "type": "String", "required": True, "description": ""},
            {"name": "Language", "position": "Query", "type": "String", "required": False, "description": ""},
        ],
    },
}

# Documented top-level fields of ROA request bodies (type per field). CreateCluster: the request
# syntax in ACK's API reference (api-cs-2015-12-15-createcluster), registered-cluster fields first.
# CheckServiceRole: {"roles": [{"name"}]} (api-cs-2015-12-15-checkservicerole). TagResources:
# resource_ids, resource_type CLUSTER, region_id, tags [{key, value}] (ACK API reference, TagResources).
STR, BOOL, INT, STRLIST, OBJLIST, OBJ = "string", "boolean", "integer", "string list", "object list", "object"
BODY_SCHEMAS = {
    ("cs", "CreateCluster"): {
        "fields": {
            "name": STR, "region_id": STR, "cluster_type": STR, "vpcid": STR, "vswitch_ids": STRLIST,
            "security_group_id": STR, "is_enterprise_security_group": BOOL, "endpoint_public_access": BOOL,
            "resource_group_id": STR, "tags": OBJLIST, "deletion_protection": BOOL, "addons": OBJLIST,
            "profile": STR, "cluster_spec": STR, "kubernetes_version": STR, "pod_vswitch_ids": STRLIST,
            "container_cidr": STR, "service_cidr": STR, "node_cidr_mask": STR, "snat_entry": BOOL,
            "load_balancer_spec": STR, "timezone": STR, "proxy_mode": STR, "enable_rrsa": BOOL,
            "cluster_domain": STR, "custom_san": STR, "service_account_issuer": STR, "api_audiences": STR,
            "encryption_provider_key": STR, "timeout_mins": INT, "disable_rollback": BOOL,
            "controlplane_log_ttl": STR, "controlplane_log_project": STR, "controlplane_log_components": STRLIST,
            "nodepools": OBJLIST, "maintenance_window": OBJ, "operation_policy": OBJ, "ip_stack": STR,
            "zone_ids": STRLIST, "service_discovery_types": STRLIST, "logging_type": STR,
        },
        "required": ["name", "cluster_type", "region_id"],
        "enums": {"cluster_type": ["Kubernetes", "ManagedKubernetes", "ExternalKubernetes"]},
    },
    ("cs", "CheckServiceRole"): {"fields": {"roles": OBJLIST}, "required": ["roles"], "enums": {}},
    ("cs", "TagResources"): {
        "fields": {"resource_ids": STRLIST, "resource_type": STR, "region_id": STR, "tags": OBJLIST},
        "required": ["resource_ids", "resource_type", "region_id", "tags"],
        "enums": {"resource_type": ["CLUSTER"]},
    },
}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")

# Reads an object spends in each transitional state.
READS_INITIAL, READS_CONNECTING, READS_DELETING, READS_DELETED = 2, 2, 3, 1
READS_HUB_UPDATING, READS_DETACHING, READS_HUB_DELETING, READS_EIP_RELEASING = 3, 2, 2, 1

# The operation log's type per API (tests/rehearsal/README.md, "The operation log").
# The cloud rule an error code says a call broke (tests/rehearsal/README.md, "The operation log"): a cluster a
# fleet still lists, an EIP still associated, a name taken, a hub that is still changing.
RULE_OF_CODE = {"ErrorClusterInUse": "in-use", "IncorrectEipStatus": "in-use", "ErrorClusterNameAlreadyExist": "exists",
                "IncorrectClusterState": "busy"}

TYPE_OF_PRODUCT = {"cs": "alibaba:cs/cluster", "adcp": "alibaba:adcp/hubCluster", "vpc": "alibaba:vpc/eipAddress",
                   "ram": "alibaba:ram/role"}


class ApiError(Exception):
    def __init__(self, code, message, cli=False):
        super().__init__(message)
        self.code, self.message, self.cli = code, message, cli


def fail(code, message, cli=False):
    raise ApiError(code, message, cli)


def print_error(error):
    if error.cli:
        sys.stderr.write(f"ERROR: {error.message}\n")
    else:
        sys.stderr.write(f"ERROR: SDK.ServerError\nErrorCode: {error.code}\nRecommend: https://api.aliyun.com/troubleshoot\n"
                         f"RequestId: {uuid.uuid4()}\nMessage: {error.message}\n")


def load():
    state = {}
    if os.path.exists(STATE):
        with open(STATE) as f:
            state = json.load(f)
    for key in ("clusters", "hubs", "vswitches", "security_groups", "eips", "ram_roles", "fail_next"):
        state.setdefault(key, {})
    return state


def parse(argv):
    if len(argv) < 2:
        fail("", "usage: aliyun <product> <ApiName> [--Param value ...]", cli=True)
    product, api, flags = argv[0], argv[1], {}
    i = 2
    while i < len(argv):
        key = argv[i]
        if not key.startswith("--"):
            fail("", f"unexpected argument '{key}'", cli=True)
        if "=" in key:
            name, value = key[2:].split("=", 1)
            i += 1
        else:
            if i + 1 >= len(argv):
                fail("", f"flag {key} needs a value", cli=True)
            name, value = key[2:], argv[i + 1]
            i += 2
        if name in flags:
            fail("", f"flag --{name} given twice", cli=True)
        flags[name] = value
    return product, api, flags


# --- durations (tests/rehearsal/README.md, "Durations") ----------------------------------------

def scaled_seconds(key):
    """The real duration of `key` from durations.json divided by REHEARSAL_TIME_SCALE; 0 when unlisted."""
    try:
        with open(DURATIONS) as f:
            entry = json.load(f).get("operations", {}).get(key)
    except (OSError, ValueError):
        return 0.0
    if not entry:
        return 0.0
    try:
        scale = float(os.environ.get("REHEARSAL_TIME_SCALE", "60"))
    except ValueError:
        scale = 60.0
    return float(entry["seconds"]) / (scale if scale > 0 else 60.0)


def takes_time(obj, key):
    """The object's current transition lasts at least the scaled duration of `key`."""
    obj["ready_at"] = time.time() + scaled_seconds(key)


def settled(obj):
    return time.time() >= obj.get("ready_at", 0)


# --- checks against the API definitions -------------------------------------------------------

def definition(product, api):
    if (product, api) in EXTRA_DEFINITIONS:
        return EXTRA_DEFINITIONS[(product, api)]
    path = os.path.join(API_DIR, product, f"{api}.json")
    if not os.path.isdir(os.path.join(API_DIR, product)):
        fail("", f"'{product}' is not a valid command or product. See `aliyun --help`.", cli=True)
    if not os.path.exists(path):
        fail("", f"'{api}' is not a valid api. See `aliyun {product} --help`.", cli=True)
    with open(path) as f:
        return json.load(f)


def listed_values(description):
    """The values a description lists as bullets (`*   value: ...`), when every bullet names one."""
    bullets = [line for line in description.split("\n") if re.match(r"^\s*[*-]\s+", line)]
    values = []
    for line in bullets:
        m = re.match(r"^\s*[*-]\s+`?([A-Za-z0-9_.\-]+)`?\s*(?::|$)", line)
        if not m:
            return []
        values.append(m.group(1))
    return values if len(values) >= 2 else []


def check_type(name, kind, value):
    if kind == "Boolean" and value not in ("true", "false"):
        fail("InvalidParameter", f"The parameter {name} must be a Boolean (true or false), got '{value}'.")
    if kind in ("Integer", "Long") and not re.match(r"^-?[0-9]+$", value):
        fail("InvalidParameter", f"The parameter {name} must be an integer, got '{value}'.")
    if kind in ("Json", "Array", "Struct"):
        try:
            json.loads(value)
        except ValueError:
            fail("InvalidParameter", f"The parameter {name} must be JSON, got '{value}'.")


def check_tags(tags):
    """ACK tags: a key and a non-empty value, neither starting with aliyun or acs: (ACK API
    reference, TagResources)."""
    for tag in tags:
        key, value = tag.get("key"), tag.get("value")
        if not isinstance(key, str) or not key or not isinstance(value, str) or not value:
            fail("InvalidParameter", f"A tag needs a key and a non-empty value, got {json.dumps(tag)}.")
        if any(x.startswith(("aliyun", "acs:")) or "http://" in x or "https://" in x for x in (key, value)):
            fail("InvalidParameter", f"The tag {key}={value} starts with aliyun or acs: or holds a URL.")


def check_body(product, api, value):
    try:
        body = json.loads(value)
    except ValueError:
        fail("InvalidParameter", "The request body is not valid JSON.")
    schema = BODY_SCHEMAS.get((product, api))
    if schema is None:
        return body
    if not isinstance(body, dict):
        fail("InvalidParameter", "The request body must be a JSON object.")
    for key, v in body.items():
        kind = schema["fields"].get(key)
        if kind is None:
            fail("InvalidParameter", f"The body field {key} is not a parameter of {api}.")
        ok = {STR: isinstance(v, str), BOOL: isinstance(v, bool), INT: isinstance(v, int) and not isinstance(v, bool),
              STRLIST: isinstance(v, list) and all(isinstance(x, str) for x in v),
              OBJLIST: isinstance(v, list) and all(isinstance(x, dict) for x in v), OBJ: isinstance(v, dict)}[kind]
        if not ok:
            fail("InvalidParameter", f"The body field {key} must be a {kind}, got {json.dumps(v)}.")
    for key in schema["required"]:
        if key not in body or body[key] in ("", None):
            fail("MissingParameter", f"The body field {key} is required by {api}.")
    for key, allowed in schema["enums"].items():
        if key in body and body[key] not in allowed:
            fail("InvalidParameter", f"The body field {key} has an invalid value '{body[key]}'; valid values: {', '.join(allowed)}.")
    if "tags" in body:
        check_tags(body["tags"])
    return body


def check(product, api, flags):
    """Rejects what the API definition rejects; returns the API's parameters and the parsed body."""
    d = definition(product, api)
    params = {p["name"]: p for p in d["parameters"]}
    restful = bool(d.get("pathPattern"))
    for name, value in flags.items():
        if name in CLI_FLAGS:
            continue
        if name in CREDENTIAL_FLAGS:
            fail("", f"--{name}: this stand-in takes credentials only from the environment", cli=True)
        p = params.get(name)
        if p is None or p["position"] == "Host":
            fail("", f"'--{name}' is not a valid parameter or flag. See `aliyun {product} {api} --help`.", cli=True)
        if restful and p["position"] == "Body" and name != "body":
            fail("", f"'--{name}' is a body field: pass it in --body", cli=True)
    for p in d["parameters"]:
        if p["required"] and flags.get(p["name"], "") == "":
            fail("MissingParameter", f"The input parameter \"{p['name']}\" that is mandatory for processing this request is not supplied.")
    body = None
    for name, value in flags.items():
        if name in CLI_FLAGS:
            continue
        p = params[name]
        if restful and name == "body":
            body = check_body(product, api, value)
            continue
        check_type(name, p["type"], value)
        allowed = listed_values(p.get("description", "")) if p["type"] == "String" else []
        if allowed and value not in allowed:
            fail("InvalidParameter", f"The parameter {name} has an invalid value '{value}'; valid values: {', '.join(allowed)}.")
    return body


# --- the rehearsal's operation log --------------------------------------------------------------

def operation_log():
    home = os.environ.get("REHEARSAL_HOME")
    return os.environ.get("REHEARSAL_OPS_LOG") or (os.path.join(home, "operations.jsonl") if home else None)


def record_operation(op):
    """One line, written with one O_APPEND write, so concurrent writers never interleave."""
    path = operation_log()
    if not path:
        return
    line = (json.dumps(op) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def main():
    start = int(time.time() * 1000)
    try:
        product, api, flags = parse(sys.argv[1:])
        body = check(product, api, flags)
        if os.environ.get("ALIBABA_CLOUD_IGNORE_PROFILE") != "TRUE":
            fail("", "ALIBABA_CLOUD_IGNORE_PROFILE is not TRUE: the CLI would read ~/.aliyun/config.json and prefer its keys", cli=True)
        key_id = os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
        if not key_id or not os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET"):
            fail("", "can't get credential: AccessKeyId and AccessKeySecret are required", cli=True)
    except ApiError as error:
        print_error(error)
        sys.exit(1)
    region = flags.pop("region", "cn-hangzhou")
    with open(os.path.join(STATE_DIR, "calls.jsonl"), "a") as f:
        f.write(json.dumps({"argv": sys.argv[1:], "api": f"{product} {api}", "flags": flags, "region": region,
                            "access_key_id": key_id}) + "\n")
    op = {"id": flags.get("ClusterId") or flags.get("AllocationId") or flags.get("RoleName"), "name": None, "refs": []}
    error = None
    with locked(STATE):
        state = load()
        try:
            injected = state["fail_next"].get(f"{product} {api}") or []
            if injected:
                first = injected.pop(0)
                fail(first["code"], first["message"])
            answer = handle(state, product, api, flags, body, region, op)
        except ApiError as e:
            error = e
        # A refused call changes nothing but what the reads before the refusal moved on.
        write_json(STATE, state)
    record_operation({"start": start, "end": int(time.time() * 1000), "cloud": "alibaba", "op": api,
                      "type": op.get("type") or TYPE_OF_PRODUCT.get(product, f"alibaba:{product}"), "id": op["id"], "name": op["name"],
                      "refs": op["refs"], "ok": error is None,
                      "error": None if error is None else f"{error.code}: {error.message}", "by": "cli:aliyun",
                      **({"refused": RULE_OF_CODE[error.code]} if error is not None and error.code in RULE_OF_CODE else {})})
    if error is not None:
        print_error(error)
        sys.exit(1)
    print(json.dumps(answer, indent=2))


# --- the cloud's behaviour ----------------------------------------------------------------------

def request_id():
    return str(uuid.uuid4()).upper()


def world_cluster(role):
    """The rehearsal's local API server playing `role` ($REHEARSAL_HOME/world.json, tests/rehearsal/README.md), or None."""
    home = os.environ.get("REHEARSAL_HOME")
    path = os.path.join(home, "world.json") if home else ""
    if not path or not os.path.exists(path):
        return None
    with open(path) as f:
        return (json.load(f).get("clusters") or {}).get(role)


def hub_kubeconfig(hub_id, server, token):
    """A kubeconfig of the hub's API server: in a rehearsal the local `hub` cluster's address, CA and token
    (the hub's endpoints and token are that cluster's: tests/rehearsal/plugins/clouds/alicloud/ackone.ts)."""
    api = world_cluster("hub")
    ca = f"    certificate-authority-data: {api['caData']}\n" if api else ""
    if api:
        server, token = api["server"], api["token"]
    return (f"apiVersion: v1\nkind: Config\nclusters:\n- name: {hub_id}\n  cluster:\n    server: {server}\n{ca}"
            f"contexts:\n- name: {hub_id}\n  context:\n    cluster: {hub_id}\n    user: {hub_id}\ncurrent-context: {hub_id}\n"
            f"users:\n- name: {hub_id}\n  user:\n    token: {token}\n")


def agent_role(state, cluster_id):
    """The local cluster a registered cluster is in a rehearsal: the one the state names, else GKE (the only
    cluster the stacks register; tests/rehearsal/fleet/world.ts roleOf)."""
    return state["clusters"].get(cluster_id, {}).get("rehearsal_role") or "gke"


def live_agent(api, cluster_id):
    """The agent Deployment in the cluster's real API server carries this cluster's id, or the answer is False."""
    url = f"{api['server']}/apis/apps/v1/namespaces/kube-system/deployments/{AGENT_NAME}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {api['token']}"})
    context = ssl.create_default_context(cadata=base64.b64decode(api["caData"]).decode())
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as response:
            deployment = json.load(response)
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return deployment.get("metadata", {}).get("annotations", {}).get(AGENT_CLUSTER_ANNOTATION) == cluster_id


def agent_applied(state, cluster_id):
    """The registered cluster holds this cluster's agent Deployment: in a rehearsal, its local API server;
    otherwise the kubectl stand-in's objects ($FAKE_KUBE_STATE)."""
    api = world_cluster(agent_role(state, cluster_id))
    if api:
        return live_agent(api, cluster_id)
    path = os.environ.get("FAKE_KUBE_STATE", "")
    if not path or not os.path.exists(path):
        return False
    with open(path) as f:
        objects = json.load(f).get("objects", {})
    return any(o.get("kind") == "Deployment" and o.get("metadata", {}).get("annotations", {}).get("ack.aliyun.com/cluster-id") == cluster_id
               for o in objects.values())


def cluster_or_fail(state, cluster_id):
    cluster = state["clusters"].get(cluster_id)
    if cluster is None or cluster["state"] == "gone":
        fail("ErrorClusterNotFound", f"cluster {cluster_id} not found")
    return cluster


def advance(state, cluster):
    """One read of a cluster: its state moves on as the cloud's would."""
    cluster["reads"] = cluster.get("reads", 0) + 1
    s = cluster["state"]
    if not settled(cluster):
        return
    if s == "initial" and cluster["reads"] >= READS_INITIAL:
        cluster.update(state="waiting", reads=0)
    elif s == "waiting" and agent_applied(state, cluster["cluster_id"]):
        if cluster.get("agent_unreachable"):
            if cluster["reads"] >= READS_CONNECTING:
                cluster.update(state="failed", reads=0)
                cluster.setdefault("events", []).append(
                    {"type": "cluster.agent", "data": {"level": "Warning", "reason": "AgentConnectFailed",
                                                       "message": f"the agent could not reach {cluster['agent_endpoint']}: i/o timeout"}})
        elif cluster["reads"] >= READS_CONNECTING:
            cluster.update(state="running", reads=0)
    elif s == "deleting" and cluster["reads"] >= READS_DELETING:
        cluster.update(state="deleted", reads=0)
    elif s == "deleted" and cluster["reads"] > READS_DELETED:
        cluster.update(state="gone")


def cluster_view(cluster, keys):
    view = {k: cluster.get(k) for k in keys}
    view["tags"] = cluster.get("tags", [])
    return view


def hub_or_fail(state, hub_id):
    hub = state["hubs"].get(hub_id)
    if hub is None or hub.get("state") == "gone":
        fail("Cluster.NotFound", f"The specified cluster {hub_id} is not found.")
    return hub


def advance_hub(state, hub_id, hub):
    hub["reads"] = hub.get("reads", 0) + 1
    if not settled(hub):
        return
    if hub["state"] == "updating" and hub["reads"] >= READS_HUB_UPDATING:
        hub.update(state="running", reads=0, public_enabled=hub["public_pending"])
    elif hub["state"] == "deleting" and hub["reads"] >= READS_HUB_DELETING:
        hub.update(state="gone")


def eip_or_fail(state, allocation_id):
    eip = state["eips"].get(allocation_id)
    if eip is None:
        fail("InvalidAllocationId.NotFound", f"The specified EIP {allocation_id} does not exist.")
    return eip


def allocate_eip(state, region, created_by):
    """An EIP, as ACK One allocates one for a hub's API server (its service-linked role may call
    vpc:AllocateEipAddress and vpc:ReleaseEipAddress: help.aliyun.com/document_detail/416779)."""
    aid = "eip-" + uuid.uuid4().hex[:20]
    n = len(state["eips"]) + 10
    state["eips"][aid] = {"allocation_id": aid, "ip_address": f"47.74.{n // 250}.{n % 250 + 1}", "status": "Available",
                          "instance_id": "", "instance_type": "", "region_id": region, "created_by": created_by,
                          "reads": 0}
    return state["eips"][aid]


def set_hub_public(state, hub_id, hub, enabled, eip_id, region):
    """adcp UpdateHubClusterFeature PublicApiServerEnabled: true associates the EIP given in
    ApiServerEipId, or one the system creates when none is given; false disassociates the EIP from
    the API server (adcp/UpdateHubClusterFeature.json). A disassociated EIP is not released: it
    stays in the account, Available, and bills."""
    current = hub.get("eip", "")
    if enabled and not current:
        if eip_id:
            eip = eip_or_fail(state, eip_id)
            if eip["status"] != "Available":
                fail("IncorrectEipStatus", f"The EIP {eip_id} is {eip['status']}, not Available.")
        else:
            eip = allocate_eip(state, region, created_by=hub_id)
        # Associated with the API server's load balancer (Cluster.ApiServer.LoadBalancerId).
        eip.update(status="InUse", instance_id="lb-" + hub_id, instance_type="SlbInstance")
        hub["eip"] = eip["allocation_id"]
    elif not enabled and current:
        eip = state["eips"].get(current)
        if eip is not None:
            eip.update(status="Available", instance_id="", instance_type="")
        hub["eip"] = ""


def delete_hub(state, hub_id, hub):
    """adcp DeleteHubCluster. The hub's deletion releases what the hub made and still holds: its API
    server's EIP when the hub created it and it is still associated. RetainResources lists ids
    (EIPs among them) to keep instead (DeleteHubCluster API reference,
    help.aliyun.com/document_detail/424406). An EIP the user brought, or one already disassociated,
    is no longer the hub's: it stays."""
    if any(m != "detached" for m in hub.get("members", {}).values()):
        fail("IncorrectClusterState", f"The cluster {hub_id} still has member clusters; detach them first.")
    if hub["state"] not in ("running", "failed"):
        fail("IncorrectClusterState", f"The current status of the cluster {hub_id} is {hub['state']}; retry when it is running.")
    eip = state["eips"].get(hub.get("eip", ""))
    if eip is not None and eip["instance_id"] == "lb-" + hub_id and eip["created_by"] == hub_id:
        del state["eips"][eip["allocation_id"]]
    elif eip is not None:
        eip.update(status="Available", instance_id="", instance_type="")
    hub.update(state="deleting", reads=0, eip="", public_enabled=False)


def check_service_roles(state, body):
    """cs CheckServiceRole: per role, granted or not, with a message when not
    (api-cs-2015-12-15-checkservicerole). Granted means present in `ram_roles`: a new account has none."""
    results = []
    for role in body["roles"]:
        name = role.get("name", "")
        granted = name in state["ram_roles"]
        results.append({"name": name, "granted": granted, "message": "" if granted else f"The role does not exist: {name}"})
    return {"roles": results}


def handle(state, product, api, flags, body, region, op):
    clusters = state["clusters"]
    key = (product, api)
    if key == ("cs", "DescribeClustersV1"):
        found = [cluster_view(c, ("cluster_id", "name", "cluster_type", "state", "region_id", "vpc_id"))
                 for c in clusters.values()
                 if c["state"] != "gone" and c["region_id"] == region
                 and c["name"] == flags.get("name", c["name"]) and c["cluster_type"] == flags.get("cluster_type", c["cluster_type"])]
        op["name"] = flags.get("name")
        return {"clusters": found, "page_info": {"page_number": 1, "page_size": 10, "total_count": len(found)}}
    if key == ("cs", "CreateCluster"):
        op["name"] = body["name"]
        op["refs"] = [x for x in [body.get("vpcid"), *body.get("vswitch_ids", []), body.get("security_group_id")] if x]
        if body["cluster_type"] != "ExternalKubernetes":
            fail("ErrorNotSupported", "the stand-in registers external clusters only")
        if body["region_id"] != region:
            fail("InvalidParameter", f"region_id {body['region_id']} does not match the endpoint's region {region}")
        if not NAME.match(body["name"]):
            fail("InvalidParameter", f"The cluster name {body['name']} is invalid: 1-63 letters, digits or hyphens, not starting with a hyphen.")
        for vsw in body.get("vswitch_ids", []):
            known = state["vswitches"].get(vsw)
            if known is None:
                fail("InvalidVSwitchId.NotFound", f"The specified vSwitch {vsw} does not exist.")
            if known["vpc_id"] != body.get("vpcid"):
                fail("InvalidVSwitchId.NotInVpc", f"The vSwitch {vsw} does not belong to VPC {body.get('vpcid')}.")
        sg = body.get("security_group_id")
        if sg is not None and state["security_groups"].get(sg, {}).get("vpc_id") != body.get("vpcid"):
            fail("InvalidSecurityGroupId.NotFound", f"The security group {sg} does not exist in VPC {body.get('vpcid')}.")
        if any(c["name"] == body["name"] and c["state"] != "gone" for c in clusters.values()):
            fail("ErrorClusterNameAlreadyExist", f"cluster name {body['name']} already exists")
        cid = "c" + uuid.uuid4().hex[:32]
        clusters[cid] = {"cluster_id": cid, "name": body["name"], "cluster_type": "ExternalKubernetes", "region_id": region,
                         "vpc_id": body.get("vpcid", ""), "vswitch_ids": body.get("vswitch_ids", []),
                         "security_group_id": sg or "", "state": "initial", "reads": 0, "tags": body.get("tags", []),
                         "agent_unreachable": bool(state.get("agents_unreachable")), "events": []}
        takes_time(clusters[cid], "alibaba:cs/cluster.CreateCluster")
        op["id"] = cid
        return {"cluster_id": cid, "request_id": request_id(), "task_id": "T-" + cid}
    if key == ("cs", "TagResources"):
        op["id"] = ",".join(body["resource_ids"])
        if body["region_id"] != region:
            fail("InvalidParameter", f"region_id {body['region_id']} does not match the endpoint's region {region}")
        targets = [cluster_or_fail(state, cid) for cid in body["resource_ids"]]
        for cluster in targets:
            kept = [t for t in cluster.get("tags", []) if t["key"] not in {n["key"] for n in body["tags"]}]
            cluster["tags"] = kept + body["tags"]
        return {"RequestId": request_id()}
    if key == ("cs", "DeleteCluster"):
        cluster = cluster_or_fail(state, flags["ClusterId"])
        op["name"] = cluster["name"]
        members = [h for h, hub in state["hubs"].items() if cluster["cluster_id"] in hub.get("members", {})]
        if members:
            op["refs"] = members
            fail("ErrorClusterInUse", f"cluster {cluster['cluster_id']} is still associated with the ACK One fleet {members[0]}; detach it first")
        if cluster["state"] in ("deleting", "deleted"):
            fail("ErrorClusterState", f"cluster {cluster['cluster_id']} is {cluster['state']}")
        cluster.update(state="deleting", reads=0)
        takes_time(cluster, "alibaba:cs/cluster.DeleteCluster")
        return {"cluster_id": cluster["cluster_id"], "request_id": request_id(), "task_id": "T-del-" + cluster["cluster_id"]}
    if key == ("cs", "DescribeExternalAgent"):
        cluster = cluster_or_fail(state, flags["ClusterId"])
        if cluster["state"] in ("deleting", "deleted"):
            fail("ErrorClusterState", f"cluster {cluster['cluster_id']} is {cluster['state']}")
        private = flags.get("PrivateIpAddress", "false") == "true"
        endpoint = "https://192.168.1.10:6443" if private else "https://47.74.0.99:6443"
        cluster["agent_endpoint"] = endpoint
        return {"config": agent_manifest(cluster["cluster_id"], endpoint)}
    if key == ("cs", "DescribeClusterDetail"):
        cluster = cluster_or_fail(state, flags["ClusterId"])
        advance(state, cluster)
        if cluster["state"] == "gone":
            fail("ErrorClusterNotFound", f"cluster {cluster['cluster_id']} not found")
        op["name"] = cluster["name"]
        return cluster_view(cluster, ("cluster_id", "name", "cluster_type", "state", "region_id", "vpc_id", "vswitch_ids", "security_group_id"))
    if key == ("cs", "DescribeClusterEvents"):
        cluster = cluster_or_fail(state, flags["ClusterId"])
        events = [dict(e, cluster_id=cluster["cluster_id"]) for e in reversed(cluster.get("events", []))]
        return {"events": events, "page_info": {"page_number": 1, "page_size": 50, "total_count": len(events)}}
    if key == ("cs", "CheckServiceRole"):
        op["id"] = ",".join(r.get("name", "") for r in body["roles"])
        return check_service_roles(state, body)
    if key == ("ram", "GetRole"):
        # A missing role answers EntityNotExist.Role (terraform-provider-alicloud
        # service_alicloud_ram_v2.go, DescribeRamRole).
        role = state["ram_roles"].get(flags["RoleName"])
        if role is None:
            fail("EntityNotExist.Role", f"The role does not exist: {flags['RoleName']}.")
        return {"RequestId": request_id(), "Role": {"RoleName": flags["RoleName"], "IsServiceLinkedRole": bool(role.get("service_linked")),
                                                   "Arn": f"acs:ram::1234567890:role/{flags['RoleName'].lower()}"}}
    if key == ("adcp", "DescribeHubClusterDetails"):
        hub = hub_or_fail(state, flags["ClusterId"])
        advance_hub(state, flags["ClusterId"], hub)
        if hub["state"] == "gone":
            fail("Cluster.NotFound", f"The specified cluster {flags['ClusterId']} is not found.")
        endpoints = {"IntranetApiServerEndpoint": hub["private"]}
        if hub.get("public_enabled"):
            endpoints["PublicApiServerEndpoint"] = hub["public"]
        # Cluster.ApiServer: EnabledPublic, ApiServerEipId, LoadBalancerId (alibabacloud-csharp-sdk
        # adcp-20220101 DescribeHubClusterDetailsResponseBody.cs).
        return {"RequestId": request_id(),
                "Cluster": {"ClusterInfo": {"ClusterId": flags["ClusterId"], "State": hub["state"], "Profile": "Default"},
                            "Endpoints": endpoints,
                            "ApiServer": {"EnabledPublic": bool(hub.get("public_enabled")), "ApiServerEipId": hub.get("eip", ""),
                                          "LoadBalancerId": "lb-" + flags["ClusterId"]}}}
    if key == ("adcp", "DescribeManagedClusters"):
        hub = hub_or_fail(state, flags["ClusterId"])
        members = hub.setdefault("members", {})
        for cid, member in list(members.items()):
            if member == "detaching":
                hub.setdefault("detach_reads", {})[cid] = hub.get("detach_reads", {}).get(cid, 0) + 1
                if hub["detach_reads"][cid] >= READS_DETACHING:
                    del members[cid]
        return {"RequestId": request_id(),
                "Clusters": [{"Cluster": {"ClusterID": cid, "ClusterType": "ExternalKubernetes"}, "Status": {"State": member}}
                             for cid, member in members.items()]}
    if key == ("adcp", "UpdateHubClusterFeature"):
        hub = hub_or_fail(state, flags["ClusterId"])
        if hub["state"] != "running":
            fail("IncorrectClusterState", f"The current status of the cluster {flags['ClusterId']} is {hub['state']}; retry when it is running.")
        if "PublicApiServerEnabled" in flags:
            enabled = flags["PublicApiServerEnabled"] == "true"
            set_hub_public(state, flags["ClusterId"], hub, enabled, flags.get("ApiServerEipId", ""), region)
            op["refs"] = [hub["eip"]] if hub.get("eip") else []
            hub.update(state="updating", reads=0, public_pending=enabled)
            takes_time(hub, "alibaba:adcp/hubCluster.UpdateHubClusterFeature")
        return {"RequestId": request_id()}
    if key == ("adcp", "DeleteHubCluster"):
        hub = hub_or_fail(state, flags["ClusterId"])
        delete_hub(state, flags["ClusterId"], hub)
        return {"RequestId": request_id(), "ClusterId": flags["ClusterId"], "TaskId": "T-del-" + flags["ClusterId"]}
    if key == ("adcp", "DescribeHubClusterKubeconfig"):
        hub = hub_or_fail(state, flags["ClusterId"])
        private = flags.get("PrivateIpAddress", "false") == "true"
        if not private and not hub.get("public_enabled"):
            fail("PublicApiServerNotEnabled", f"The API server of cluster {flags['ClusterId']} has no public endpoint.")
        server = hub["private"] if private else hub["public"]
        return {"RequestId": request_id(), "Kubeconfig": hub_kubeconfig(flags["ClusterId"], server, hub["token"])}
    if key == ("vpc", "DescribeEipAddresses"):
        # An id that matches nothing is an empty list, not an error (terraform-provider-alicloud
        # service_alicloud_eip_v2.go, DescribeEipAddress).
        wanted = set(filter(None, flags.get("AllocationId", "").split(",")))
        found = []
        for aid, eip in list(state["eips"].items()):
            if eip["region_id"] != flags["RegionId"] or (wanted and aid not in wanted):
                continue
            if eip["status"] == "Releasing":
                eip["reads"] = eip.get("reads", 0) + 1
                if eip["reads"] > READS_EIP_RELEASING and settled(eip):
                    del state["eips"][aid]
                    continue
            found.append({"AllocationId": aid, "IpAddress": eip["ip_address"], "Status": eip["status"],
                          "InstanceId": eip["instance_id"], "InstanceType": eip["instance_type"], "RegionId": eip["region_id"],
                          "ChargeType": "PostPaid"})
        return {"RequestId": request_id(), "TotalCount": len(found), "PageNumber": 1, "PageSize": 10,
                "EipAddresses": {"EipAddress": found}}
    if key == ("vpc", "ReleaseEipAddress"):
        # InUse EIPs are refused (IncorrectEipStatus); unknown ids answer InvalidAllocationId.NotFound
        # (terraform-provider-alicloud resource_alicloud_eip_address.go and its test).
        eip = eip_or_fail(state, flags["AllocationId"])
        if eip["status"] in ("InUse", "Associating", "Unassociating"):
            op["refs"] = [eip["instance_id"]] if eip["instance_id"] else []
            fail("IncorrectEipStatus", f"The EIP {flags['AllocationId']} is {eip['status']}; disassociate it first.")
        if eip["status"] != "Releasing":
            eip.update(status="Releasing", reads=0)
            takes_time(eip, "alibaba:vpc/eipAddress.ReleaseEipAddress")
        return {"RequestId": request_id()}
    if key == ("vpc", "DescribeVSwitchAttributes"):
        # What a vSwitch holds, per kind (CloudResources: ResourceType, ResourceCount;
        # aliyun-openapi-java-sdk aliyun-java-sdk-vpc DescribeVSwitchAttributesResponseUnmarshaller).
        # Each kind left by a deleted user is released after its `reads_left` reads.
        vsw = state["vswitches"].get(flags["VSwitchId"])
        if vsw is None:
            fail("InvalidVSwitchId.NotFound", f"The specified vSwitch {flags['VSwitchId']} does not exist.")
        held = vsw.setdefault("resources", {})
        listed = [{"ResourceType": kind, "ResourceCount": r["count"]} for kind, r in held.items()]
        for kind, r in list(held.items()):
            if r.get("reads_left") is not None:
                r["reads_left"] -= 1
                if r["reads_left"] <= 0:
                    del held[kind]
        return {"RequestId": request_id(), "VSwitchId": flags["VSwitchId"], "VpcId": vsw["vpc_id"], "Status": "Available",
                "CloudResources": {"CloudResourceSetType": listed}}
    if product == "vpc" and api in aliyun_vpn.APIS:
        try:
            return aliyun_vpn.handle(state, api, flags, op)
        except aliyun_vpn.NotFound as e:
            fail(e.code, e.message)
    fail("InvalidApi.NotFound", f"{product} {api} is valid but not simulated by the stand-in")


AGENT_NAME = "ack-cluster-agent"
AGENT_CLUSTER_ANNOTATION = "ack.aliyun.com/cluster-id"


def agent_manifest(cluster_id, endpoint):
    """What ACK hands out (DescribeExternalAgent `config`): the agent in kube-system (declared, though it always
    exists), its RBAC, its credentials and its Deployment, which must be a Deployment an API server accepts
    (apps/v1: `selector` matching the template's labels, a container)."""
    return (
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n---\n"
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ack\n  namespace: kube-system\n---\n"
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ack-admin\n"
        "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n"
        "subjects:\n- kind: ServiceAccount\n  name: ack\n  namespace: kube-system\n---\n"
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ack-cluster-agent-config\n  namespace: kube-system\n"
        f"stringData:\n  endpoint: {endpoint}\n  token: agent-token-{cluster_id[:8]}\n---\n"
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {AGENT_NAME}\n  namespace: kube-system\n"
        f"  annotations:\n    {AGENT_CLUSTER_ANNOTATION}: {cluster_id}\n"
        "spec:\n  replicas: 2\n"
        f"  selector:\n    matchLabels:\n      app: {AGENT_NAME}\n"
        f"  template:\n    metadata:\n      labels:\n        app: {AGENT_NAME}\n"
        "    spec:\n      serviceAccountName: ack\n"
        "      containers:\n      - name: agent\n        image: registry.aliyuncs.com/acs/cluster-agent\n"
        "        envFrom:\n        - secretRef:\n            name: ack-cluster-agent-config\n"
    )


if __name__ == "__main__":
    main()
