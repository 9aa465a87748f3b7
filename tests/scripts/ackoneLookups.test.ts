/**
 * Every ACK One script's delete treats only "not found" as done: a lookup the cloud throttles once
 * is asked again, never read as an object already gone.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const THROTTLED = ["Throttling.User", "Request was denied due to user flow control."] as const;
const NETWORK = { EXTERNAL_VPC_ID: "vpc-1", EXTERNAL_VSWITCH_ID: "vsw-1", EXTERNAL_OWNER: "multicloud-mesh/ack-dev" };
const GKE_KUBECONFIG = "apiVersion: v1\nkind: Config\n";

function registered(cloud: FakeAliyun) {
  cloud.addNetwork("vpc-1", "vsw-1", "sg-1");
  const created = cloud.run("ackone/external-cluster", "create", { EXTERNAL_NAME: "gke-registered", ...NETWORK });
  expect(created.status).toBe(0);
  return created;
}

describe("a throttled lookup on delete", () => {
  it("external-cluster: asks again and deletes the registration", () => {
    const cloud = new FakeAliyun();
    const created = registered(cloud);
    cloud.failNext("cs DescribeClusterDetail", ...THROTTLED);
    const result = cloud.run("ackone/external-cluster", "delete", { EXTERNAL_NAME: "gke-registered", ...NETWORK }, created.stdout);
    expect(result.stderr).not.toContain("already gone");
    expect(result.status).toBe(0);
    expect(cloud.apis()).toContain("cs DeleteCluster");
    expect(cloud.cluster(created.json.ClusterId).state).toMatch(/^(deleted|gone)$/);
  });

  it("cluster-agent: asks again for the manifest of a registration recorded before objects were", () => {
    const cloud = new FakeAliyun();
    const id = registered(cloud).json.ClusterId;
    const env = { AGENT_CLUSTER_ID: id, AGENT_PRIVATE: "true", KUBECONFIG_DATA: GKE_KUBECONFIG };
    const agent = cloud.run("ackone/cluster-agent", "create", env);
    expect(agent.status).toBe(0);
    cloud.failNext("cs DescribeExternalAgent", ...THROTTLED);
    const oldResult = JSON.stringify({ ClusterId: id, State: "running" });
    const result = cloud.run("ackone/cluster-agent", "delete", env, oldResult);
    expect(result.stderr).not.toContain("already gone");
    expect(result.status).toBe(0);
    expect(cloud.kubeObjects()).not.toContain("kube-system|deployment.apps/ack-cluster-agent");
  });

  it("fleet-members: asks again and still waits for the members to go", () => {
    const cloud = new FakeAliyun();
    cloud.addHub("c7hub", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });
    cloud.member("c7hub", "cgke", "detaching");
    cloud.failNext("adcp DescribeManagedClusters", ...THROTTLED);
    const result = cloud.run("ackone/fleet-members", "delete", { HUB_CLUSTER_ID: "c7hub" });
    expect(result.status).toBe(0);
    expect(cloud.apis().filter((a) => a === "adcp DescribeManagedClusters").length).toBeGreaterThanOrEqual(3);
    expect(cloud.hub("c7hub").members).toEqual({});
  });

  it("fleet-members: fails with the cloud's error when the hub cannot be read, never passes", () => {
    const cloud = new FakeAliyun();
    cloud.addHub("c7hub", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });
    cloud.member("c7hub", "cgke", "running");
    cloud.failNext("adcp DescribeManagedClusters", ...THROTTLED, 10);
    const result = cloud.run("ackone/fleet-members", "delete", { HUB_CLUSTER_ID: "c7hub", ALIBABA_RETRIES: "2" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ErrorCode: Throttling.User");
  });
});
