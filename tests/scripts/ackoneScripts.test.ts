/**
 * The ACK One scripts against an `aliyun` stand-in on PATH: create looks before creating, delete
 * treats not-found as done, errors carry the cloud's words, credentials never reach argv.
 */
import { ALIBABA_ENV, FakeAliyun } from "../helpers/fakeAliyun";

const GKE_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: gke\n  cluster:\n    server: https://35.192.0.10\n";

describe("external cluster registration", () => {
  const cloud = new FakeAliyun();
  const env = { EXTERNAL_NAME: "gke-registered", EXTERNAL_VPC_ID: "vpc-6we0000000001" };
  let id: string;

  it("registers the cluster once and finds it again on a re-run", () => {
    const first = cloud.run("ackone/external-cluster", "create", env);
    expect(first.status).toBe(0);
    id = first.json.ClusterId;
    expect(id).toMatch(/^c[0-9a-f]{32}$/);
    const second = cloud.run("ackone/external-cluster", "create", env);
    expect(second.json).toEqual({ ClusterId: id });
    expect(cloud.apis()).toEqual(["cs DescribeClustersV1", "cs CreateCluster", "cs DescribeClustersV1"]);
    const create = cloud.calls()[1];
    expect(JSON.parse(create.flags.body)).toEqual({
      name: "gke-registered",
      cluster_type: "ExternalKubernetes",
      region_id: "ap-northeast-1",
      vpcid: "vpc-6we0000000001",
    });
    expect(create.region).toBe("ap-northeast-1");
  });

  it("hands the CLI its credentials in a private profile file, never in argv", () => {
    for (const call of cloud.calls()) {
      expect(call.profile).toMatchObject({
        mode: "AK",
        access_key_id: ALIBABA_ENV.ALIBABA_CLOUD_ACCESS_KEY_ID,
        access_key_secret: ALIBABA_ENV.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      });
      expect(call.profile_mode).toBe("0o600");
      expect(call.argv.join(" ")).not.toContain(ALIBABA_ENV.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
    }
  });

  it("deletes it, and a second delete finds nothing to do", () => {
    const first = cloud.run("ackone/external-cluster", "delete", env);
    expect(first.status).toBe(0);
    const second = cloud.run("ackone/external-cluster", "delete", env);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain("already gone");
    expect(cloud.apis().filter((a) => a === "cs DeleteCluster")).toHaveLength(1);
  });

  it("names a missing credential before calling the cloud", () => {
    const before = cloud.calls().length;
    const result = cloud.run("ackone/external-cluster", "create", { ...env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET is required");
    expect(cloud.calls()).toHaveLength(before);
  });
});

describe("cluster agent", () => {
  const cloud = new FakeAliyun();
  let id: string;
  const agentEnv = () => ({ AGENT_CLUSTER_ID: id, AGENT_PRIVATE: "true", KUBECONFIG_DATA: GKE_KUBECONFIG });

  beforeAll(() => {
    id = cloud.run("ackone/external-cluster", "create", { EXTERNAL_NAME: "gke-registered", EXTERNAL_VPC_ID: "vpc-1" }).json.ClusterId;
  });

  it("applies ACK's private-endpoint agent to the cluster and waits until ACK sees it run", () => {
    const result = cloud.run("ackone/cluster-agent", "create", agentEnv());
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ ClusterId: id, State: "running" });
    const [apply] = cloud.kubectlCalls();
    expect(apply.argv).toContain("apply");
    expect(apply.kubeconfig.trim()).toBe(GKE_KUBECONFIG.trim());
    expect(apply.file).toContain("endpoint: 192.168.1.10");
    expect(cloud.apis().filter((a) => a === "cs DescribeClusterDetail").length).toBeGreaterThanOrEqual(2);
  });

  it("fails with the cloud's error for a registration ACK does not know", () => {
    const result = cloud.run("ackone/cluster-agent", "create", { ...agentEnv(), AGENT_CLUSTER_ID: "c0000unknown" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ErrorCode: ErrorClusterNotFound");
  });

  it("re-applies on a re-run (kubectl apply converges)", () => {
    expect(cloud.run("ackone/cluster-agent", "create", agentEnv()).status).toBe(0);
    expect(cloud.kubectlCalls().filter((c) => c.argv.includes("apply"))).toHaveLength(2);
  });

  it("removes the agent's objects on delete, and is done when the registration is already gone", () => {
    expect(cloud.run("ackone/cluster-agent", "delete", agentEnv()).status).toBe(0);
    const del = cloud.kubectlCalls().find((c) => c.argv.includes("delete"))!;
    expect(del.argv).toContain("--ignore-not-found");
    expect(del.file).toContain("kind: Namespace");
    expect(cloud.run("ackone/external-cluster", "delete", { EXTERNAL_NAME: "gke-registered" }).status).toBe(0);
    const again = cloud.run("ackone/cluster-agent", "delete", agentEnv());
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("already gone");
  });
});

describe("hub kubeconfig", () => {
  const cloud = new FakeAliyun();
  cloud.addHub("c7hub", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "hub-token-value" });

  it("prints the kubeconfig of the endpoint asked for, and never logs it", () => {
    const result = cloud.run("ackone/hub-kubeconfig", "create", { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "false" });
    expect(result.status).toBe(0);
    expect(result.json.kubeconfig).toContain("server: https://47.74.1.1:6443");
    expect(result.stderr).not.toContain("hub-token-value");
    const privately = cloud.run("ackone/hub-kubeconfig", "create", { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "true" });
    expect(privately.json.kubeconfig).toContain("server: https://192.168.1.5:6443");
  });

  it("fails with the cloud's error for an unknown hub", () => {
    const result = cloud.run("ackone/hub-kubeconfig", "create", { HUB_CLUSTER_ID: "c7nothere", HUB_PRIVATE: "false" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ErrorCode: ClusterNotFound");
  });
});

describe("multi-cluster-services probe", () => {
  const cloud = new FakeAliyun();
  const env = {
    KUBECONFIG_DATA: GKE_KUBECONFIG,
    PROBE_NAMESPACE: "provider-ns",
    PROBE_DEPLOYMENT: "demo-consumer",
    PROBE_URL: "http://amcs-service1.provider-ns.svc.cluster.local",
    PROBE_REQUESTS: "3",
  };

  it("reports how many calls the imported service answered", () => {
    const result = cloud.run("ackone/mcs-probe", "create", { ...env, FAKE_KUBECTL_EXEC_REPLY: "order 42 from cluster1-jp-for-gke" });
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ url: env.PROBE_URL, answered: 3, requests: 3, sample: "order 42 from cluster1-jp-for-gke" });
    const exec = cloud.kubectlCalls().find((c) => c.argv.includes("exec"))!;
    expect(exec.argv).toEqual(expect.arrayContaining(["-n", "provider-ns", "deploy/demo-consumer", "curl", env.PROBE_URL]));
  });

  it("fails when no call is answered", () => {
    const result = cloud.run("ackone/mcs-probe", "create", { ...env, FAKE_KUBECTL_EXEC_REPLY: "could not resolve host", FAKE_KUBECTL_EXEC_STATUS: "6" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("no answer from http://amcs-service1");
  });
});
