#!/usr/bin/env python3
"""A stand-in for the `aliyun` CLI with the ACK (cs) and ACK One (adcp) calls the scripts make.

State lives in $FAKE_ALIYUN_STATE/state.json; every call is appended to calls.jsonl with its
argv, the profile it was given and that file's mode, so tests can check what reached the CLI.
Errors look like the real CLI's: `ERROR: SDK.ServerError` + `ErrorCode:` on stderr, exit 1.
"""
import json
import os
import stat
import sys
import uuid

STATE_DIR = os.environ["FAKE_ALIYUN_STATE"]
STATE = os.path.join(STATE_DIR, "state.json")


def load():
    if not os.path.exists(STATE):
        return {"clusters": {}, "hubs": {}, "detail_calls": {}}
    with open(STATE) as f:
        return json.load(f)


def save(state):
    with open(STATE, "w") as f:
        json.dump(state, f)


def fail(code, message):
    sys.stderr.write(f"ERROR: SDK.ServerError\nErrorCode: {code}\nMessage: {message}\nRequestId: {uuid.uuid4()}\n")
    sys.exit(1)


def parse(argv):
    product, api, flags = argv[0], argv[1], {}
    i = 2
    while i < len(argv):
        key = argv[i]
        if not key.startswith("--"):
            fail("InvalidParameter", f"unexpected argument {key}")
        flags[key[2:]] = argv[i + 1]
        i += 2
    return product, api, flags


def main():
    product, api, flags = parse(sys.argv[1:])
    profile_path = flags.pop("config-path", None)
    if profile_path is None:
        fail("InvalidCredentials", "no --config-path given and no profile configured")
    mode = stat.S_IMODE(os.stat(profile_path).st_mode)
    with open(profile_path) as f:
        profile = json.load(f)["profiles"][0]
    if not profile.get("access_key_id") or not profile.get("access_key_secret"):
        fail("InvalidAccessKeyId.NotFound", "Specified access key is not found.")
    region = flags.pop("region", profile.get("region_id"))
    with open(os.path.join(STATE_DIR, "calls.jsonl"), "a") as f:
        f.write(json.dumps({"argv": sys.argv[1:], "api": f"{product} {api}", "flags": flags, "region": region,
                            "profile": profile, "profile_mode": oct(mode)}) + "\n")
    state = load()
    answer = handle(state, product, api, flags, region)
    save(state)
    print(json.dumps(answer, indent=2))


def handle(state, product, api, flags, region):
    clusters = state["clusters"]
    if (product, api) == ("cs", "DescribeClustersV1"):
        found = [c for c in clusters.values()
                 if c["name"] == flags.get("name", c["name"]) and c["cluster_type"] == flags.get("cluster_type", c["cluster_type"])]
        return {"clusters": found, "page_info": {"page_number": 1, "page_size": 10, "total_count": len(found)}}
    if (product, api) == ("cs", "CreateCluster"):
        body = json.loads(flags["body"])
        if body.get("cluster_type") != "ExternalKubernetes":
            fail("InvalidParameter", "cluster_type")
        if any(c["name"] == body["name"] for c in clusters.values()):
            fail("ErrorClusterNameAlreadyExist", f"cluster name {body['name']} already exists")
        cid = "c" + uuid.uuid4().hex[:32]
        clusters[cid] = {"cluster_id": cid, "name": body["name"], "cluster_type": "ExternalKubernetes",
                         "region_id": body.get("region_id"), "vpc_id": body.get("vpcid"), "state": "initial"}
        return {"cluster_id": cid, "request_id": str(uuid.uuid4()), "task_id": "T-" + cid}
    if (product, api) == ("cs", "DeleteCluster"):
        if flags["ClusterId"] not in clusters:
            fail("ErrorClusterNotFound", f"cluster {flags['ClusterId']} not found")
        del clusters[flags["ClusterId"]]
        return {"cluster_id": flags["ClusterId"], "request_id": str(uuid.uuid4())}
    if (product, api) == ("cs", "DescribeExternalAgent"):
        cluster = clusters.get(flags["ClusterId"])
        if cluster is None:
            fail("ErrorClusterNotFound", f"cluster {flags['ClusterId']} not found")
        cluster["agent_fetched"] = True
        endpoint = "192.168.1.10" if flags.get("PrivateIpAddress") == "true" else "47.74.0.99"
        config = ("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ack-agent-" + cluster["cluster_id"][:8] + "\n---\n"
                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ack-agent-config\n  namespace: kube-system\n"
                  f"data:\n  endpoint: {endpoint}\n")
        return {"config": config}
    if (product, api) == ("cs", "DescribeClusterDetail"):
        cluster = clusters.get(flags["ClusterId"])
        if cluster is None:
            fail("ErrorClusterNotFound", f"cluster {flags['ClusterId']} not found")
        # The agent, once applied, needs a moment to connect.
        if cluster.get("agent_fetched"):
            calls = state["detail_calls"].get(cluster["cluster_id"], 0) + 1
            state["detail_calls"][cluster["cluster_id"]] = calls
            if calls >= 2:
                cluster["state"] = "running"
        return {"cluster_id": cluster["cluster_id"], "state": cluster["state"], "cluster_type": cluster["cluster_type"]}
    if (product, api) == ("adcp", "DescribeHubClusterKubeconfig"):
        hub = state["hubs"].get(flags["ClusterId"])
        if hub is None:
            fail("ClusterNotFound", f"hub cluster {flags['ClusterId']} not found")
        server = hub["private"] if flags.get("PrivateIpAddress") == "true" else hub["public"]
        return {"RequestId": str(uuid.uuid4()),
                "Kubeconfig": f"apiVersion: v1\nkind: Config\nclusters:\n- name: hub\n  cluster:\n    server: {server}\n"
                              f"users:\n- name: hub\n  user:\n    token: {hub['token']}\n"}
    fail("InvalidApi.NotFound", f"{product} {api} is not known to the stand-in")


if __name__ == "__main__":
    main()
