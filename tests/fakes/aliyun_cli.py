#!/usr/bin/env python3
"""A strict stand-in for the `aliyun` CLI: ACK (cs, ROA style) and ACK One (adcp, RPC style).

Every call is first checked against Alibaba's own API definitions (one JSON file per API, from
aliyun-openapi-meta) in $FAKE_ALIYUN_API_DIR, by default ../shared/vendor/alibaba-openapi beside
the repository. Like the API, the check rejects unknown parameters, missing required ones, values
of the wrong type and values outside the ones a parameter's description lists. ROA request bodies
are checked against BODY_SCHEMAS (the documented request syntax; the definitions carry the body
only as a string).

Credentials are read as the real CLI reads them with ALIBABA_CLOUD_IGNORE_PROFILE=TRUE: from
ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, with no configuration file. Without that variable the real
CLI reads (and may create) ~/.aliyun/config.json and prefers its keys over the environment, so a
call without it is refused here. Without --region the CLI falls back to cn-hangzhou.

State lives in $FAKE_ALIYUN_STATE/state.json. Objects change state over several reads, as in the
cloud: a registered cluster is `initial`, then `waiting` until its agent (applied by the kubectl
stand-in to $FAKE_KUBE_STATE) connects, then `running`; a deleted one is `deleting`, `deleted`,
then gone. Every call is appended to calls.jsonl (argv, api, flags, region, key id).
Errors look like the CLI's: `ERROR: SDK.ServerError` with ErrorCode and Message on stderr, exit 1.
"""
import json
import os
import re
import sys
import uuid

STATE_DIR = os.environ["FAKE_ALIYUN_STATE"]
STATE = os.path.join(STATE_DIR, "state.json")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
API_DIR = os.environ.get("FAKE_ALIYUN_API_DIR", os.path.join(os.path.dirname(ROOT), "shared", "vendor", "alibaba-openapi"))

# Flags of the CLI itself, not of any API (aliyun-cli config/flags.go, openapi/flags.go).
CLI_FLAGS = {"region", "endpoint", "read-timeout", "connect-timeout", "retry-count", "header", "quiet"}
# Ways to hand the CLI credentials other than the environment: a secret in argv or a file on disk.
CREDENTIAL_FLAGS = {"access-key-id", "access-key-secret", "sts-token", "profile", "config-path", "mode"}

# Documented top-level fields of ROA request bodies (type per field). CreateCluster: the request
# syntax in ACK's API reference (api-cs-2015-12-15-createcluster), registered-cluster fields first.
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
}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")

# Reads a registered cluster spends in each transitional state.
READS_INITIAL, READS_CONNECTING, READS_DELETING, READS_DELETED = 2, 2, 3, 1
READS_HUB_UPDATING, READS_DETACHING = 3, 2


def fail(code, message, cli=False):
    if cli:
        sys.stderr.write(f"ERROR: {message}\n")
    else:
        sys.stderr.write(f"ERROR: SDK.ServerError\nErrorCode: {code}\nRecommend: https://api.aliyun.com/troubleshoot\n"
                         f"RequestId: {uuid.uuid4()}\nMessage: {message}\n")
    sys.exit(1)


def load():
    if not os.path.exists(STATE):
        return {"clusters": {}, "hubs": {}, "vswitches": {}, "security_groups": {}}
    with open(STATE) as f:
        return json.load(f)


def save(state):
    with open(STATE, "w") as f:
        json.dump(state, f)


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


# --- checks against the API definitions -------------------------------------------------------

def definition(product, api):
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


def main():
    product, api, flags = parse(sys.argv[1:])
    body = check(product, api, flags)
    if os.environ.get("ALIBABA_CLOUD_IGNORE_PROFILE") != "TRUE":
        fail("", "ALIBABA_CLOUD_IGNORE_PROFILE is not TRUE: the CLI would read ~/.aliyun/config.json and prefer its keys", cli=True)
    key_id = os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
    if not key_id or not os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET"):
        fail("", "can't get credential: AccessKeyId and AccessKeySecret are required", cli=True)
    region = flags.pop("region", "cn-hangzhou")
    with open(os.path.join(STATE_DIR, "calls.jsonl"), "a") as f:
        f.write(json.dumps({"argv": sys.argv[1:], "api": f"{product} {api}", "flags": flags, "region": region,
                            "access_key_id": key_id}) + "\n")
    state = load()
    answer = handle(state, product, api, flags, body, region)
    save(state)
    print(json.dumps(answer, indent=2))


# --- the cloud's behaviour ----------------------------------------------------------------------

def request_id():
    return str(uuid.uuid4()).upper()


def agent_applied(cluster_id):
    """The kubectl stand-in's cluster holds this cluster's agent Deployment."""
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
    if s == "initial" and cluster["reads"] >= READS_INITIAL:
        cluster.update(state="waiting", reads=0)
    elif s == "waiting" and agent_applied(cluster["cluster_id"]):
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


def hub_or_fail(state, hub_id):
    hub = state["hubs"].get(hub_id)
    if hub is None:
        fail("Cluster.NotFound", f"The specified cluster {hub_id} is not found.")
    return hub


def advance_hub(hub):
    hub["reads"] = hub.get("reads", 0) + 1
    if hub["state"] == "updating" and hub["reads"] >= READS_HUB_UPDATING:
        hub.update(state="running", reads=0, public_enabled=hub["public_pending"])


def handle(state, product, api, flags, body, region):
    clusters = state["clusters"]
    key = (product, api)
    if key == ("cs", "DescribeClustersV1"):
        found = [{k: c[k] for k in ("cluster_id", "name", "cluster_type", "state", "region_id", "vpc_id")}
                 for c in clusters.values()
                 if c["state"] != "gone" and c["region_id"] == region
                 and c["name"] == flags.get("name", c["name"]) and c["cluster_type"] == flags.get("cluster_type", c["cluster_type"])]
        return {"clusters": found, "page_info": {"page_number": 1, "page_size": 10, "total_count": len(found)}}
    if key == ("cs", "CreateCluster"):
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
                         "security_group_id": sg or "", "state": "initial", "reads": 0,
                         "agent_unreachable": bool(state.get("agents_unreachable")), "events": []}
        return {"cluster_id": cid, "request_id": request_id(), "task_id": "T-" + cid}
    if key == ("cs", "DeleteCluster"):
        cluster = cluster_or_fail(state, flags["ClusterId"])
        members = [h for h, hub in state["hubs"].items() if cluster["cluster_id"] in hub.get("members", {})]
        if members:
            fail("ErrorClusterInUse", f"cluster {cluster['cluster_id']} is still associated with the ACK One fleet {members[0]}; detach it first")
        if cluster["state"] in ("deleting", "deleted"):
            fail("ErrorClusterState", f"cluster {cluster['cluster_id']} is {cluster['state']}")
        cluster.update(state="deleting", reads=0)
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
        return {k: cluster[k] for k in ("cluster_id", "name", "cluster_type", "state", "region_id", "vpc_id", "vswitch_ids", "security_group_id")}
    if key == ("cs", "DescribeClusterEvents"):
        cluster = cluster_or_fail(state, flags["ClusterId"])
        events = [dict(e, cluster_id=cluster["cluster_id"]) for e in reversed(cluster.get("events", []))]
        return {"events": events, "page_info": {"page_number": 1, "page_size": 50, "total_count": len(events)}}
    if key == ("adcp", "DescribeHubClusterDetails"):
        hub = hub_or_fail(state, flags["ClusterId"])
        advance_hub(hub)
        endpoints = {"IntranetApiServerEndpoint": hub["private"]}
        if hub.get("public_enabled"):
            endpoints["PublicApiServerEndpoint"] = hub["public"]
        return {"RequestId": request_id(),
                "Cluster": {"ClusterInfo": {"ClusterId": flags["ClusterId"], "State": hub["state"], "Profile": "Default"},
                            "Endpoints": endpoints,
                            "ApiServer": {"ApiServerEipId": "eip-hub" if hub.get("public_enabled") else ""}}}
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
            hub.update(state="updating", reads=0, public_pending=flags["PublicApiServerEnabled"] == "true")
        return {"RequestId": request_id()}
    if key == ("adcp", "DescribeHubClusterKubeconfig"):
        hub = hub_or_fail(state, flags["ClusterId"])
        private = flags.get("PrivateIpAddress", "false") == "true"
        if not private and not hub.get("public_enabled"):
            fail("PublicApiServerNotEnabled", f"The API server of cluster {flags['ClusterId']} has no public endpoint.")
        server = hub["private"] if private else hub["public"]
        return {"RequestId": request_id(),
                "Kubeconfig": f"apiVersion: v1\nkind: Config\nclusters:\n- name: hub\n  cluster:\n    server: {server}\n"
                              f"users:\n- name: hub\n  user:\n    token: {hub['token']}\n"}
    fail("InvalidApi.NotFound", f"{product} {api} is valid but not simulated by the stand-in")


def agent_manifest(cluster_id, endpoint):
    """What ACK hands out: the agent in kube-system (declared, though it always exists) and its RBAC."""
    return (
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n---\n"
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ack\n  namespace: kube-system\n---\n"
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ack-admin\n"
        "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n"
        "subjects:\n- kind: ServiceAccount\n  name: ack\n  namespace: kube-system\n---\n"
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ack-cluster-agent-config\n  namespace: kube-system\n"
        f"stringData:\n  endpoint: {endpoint}\n  token: agent-token-{cluster_id[:8]}\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ack-cluster-agent\n  namespace: kube-system\n"
        f"  annotations:\n    ack.aliyun.com/cluster-id: {cluster_id}\n"
        "spec:\n  replicas: 2\n"
    )


if __name__ == "__main__":
    main()
