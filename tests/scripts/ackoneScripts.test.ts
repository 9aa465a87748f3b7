/**
 * The ACK One scripts against the strict `aliyun` stand-in and a kubectl stand-in on PATH: create
 * looks before creating, waits re-read the cloud, delete treats not-found as done, errors carry the
 * cloud's words.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const GKE_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: gke\n  cluster:\n    server: https://35.192.0.10\n";
const OWNER = "multicloud-mesh/ack-dev";
const NETWORK = { EXTERNAL_VPC_ID: "vpc-6we0000000001", EXTERNAL_VSWITCH_ID: "vsw-6we0000000001", EXTERNAL_OWNER: OWNER };

function register(cloud: FakeAliyun, name = "gke-registered", extra: Record<string, string> = {}) {
  return cloud.run("ackone/external-cluster", "create", { EXTERNAL_NAME: name, ...NETWORK, ...extra });
}

describe("external cluster registration", () => {
  const cloud = new FakeAliyun();
  cloud.addNetwork(NETWORK.EXTERNAL_VPC_ID, NETWORK.EXTERNAL_VSWITCH_ID, "sg-6we0000000001");
  let first: ReturnType<FakeAliyun["run"]>;

  it("registers the cluster with its private endpoint's vSwitch and security group, once", () => {
    first = register(cloud, "gke-registered", { EXTERNAL_SECURITY_GROUP_ID: "sg-6we0000000001" });
    expect(first.status).toBe(0);
    expect(first.json.ClusterId).toMatch(/^c[0-9a-f]{32}$/);
    expect(register(cloud).json).toEqual(first.json);
    expect(cloud.apis()).toEqual(["cs DescribeClustersV1", "cs CreateCluster", "cs DescribeClustersV1"]);
    const create = cloud.calls()[1];
    expect(JSON.parse(create.flags.body)).toEqual({
      name: "gke-registered",
      cluster_type: "ExternalKubernetes",
      region_id: "ap-northeast-1",
      vpcid: NETWORK.EXTERNAL_VPC_ID,
      vswitch_ids: [NETWORK.EXTERNAL_VSWITCH_ID],
      security_group_id: "sg-6we0000000001",
      endpoint_public_access: false,
      tags: [{ key: "multicloud-mesh.owner", value: OWNER }],
    });
    expect(create.region).toBe("ap-northeast-1");
  });

  it("lets ACK create the endpoint's security group when none is given", () => {
    const result = register(cloud, "gke-other");
    expect(result.status).toBe(0);
    expect(
      JSON.parse(
        cloud
          .calls()
          .filter((c) => c.api === "cs CreateCluster")
          .pop()!.flags.body,
      ),
    ).toMatchObject({ is_enterprise_security_group: true });
  });

  it("surfaces the cloud's refusal of a vSwitch outside the VPC", () => {
    const result = register(cloud, "gke-bad", { EXTERNAL_VPC_ID: "vpc-elsewhere" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ErrorCode: InvalidVSwitchId.NotInVpc");
  });

  it("names a missing input or credential before calling the cloud", () => {
    const before = cloud.calls().length;
    const noSwitch = register(cloud, "gke-registered", { EXTERNAL_VSWITCH_ID: "" });
    expect(noSwitch.stderr).toContain("EXTERNAL_VSWITCH_ID is required");
    const noSecret = register(cloud, "gke-registered", { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" });
    expect(noSecret.status).not.toBe(0);
    expect(noSecret.stderr).toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET is required");
    expect(cloud.calls()).toHaveLength(before);
  });

  it("retries a delete the fleet still blocks, then waits until ACK reports the cluster gone", () => {
    cloud.addHub("hub1", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });
    const id = first.json.ClusterId;
    cloud.member("hub1", id, "running");
    const result = cloud.run(
      "ackone/external-cluster",
      "delete",
      { EXTERNAL_NAME: "gke-registered", EXTERNAL_OWNER: OWNER, ALIBABA_RETRIES: "1" },
      JSON.stringify(first.json),
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ErrorCode: ErrorClusterInUse");
    expect(result.stderr).toContain("after 1 attempts");

    // Once the detach has gone through, the delete is accepted.
    cloud.member("hub1", id, undefined);
    const done = cloud.run("ackone/external-cluster", "delete", { EXTERNAL_NAME: "gke-registered", EXTERNAL_OWNER: OWNER }, JSON.stringify(first.json));
    expect(done.status).toBe(0);
    const reads = cloud.calls().filter((c) => c.api === "cs DescribeClusterDetail");
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(done.stderr).toContain("is deleting");
    expect(cloud.cluster(id).state).toMatch(/^(deleted|gone)$/);
  });

  it("finds nothing to do on a second delete", () => {
    const again = cloud.run("ackone/external-cluster", "delete", { EXTERNAL_NAME: "gke-registered", EXTERNAL_OWNER: OWNER }, JSON.stringify(first.json));
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("already gone");
    expect(cloud.apis().filter((a) => a === "cs DeleteCluster")).toHaveLength(2);
  });
});

describe("cluster agent", () => {
  const cloud = new FakeAliyun();
  cloud.addNetwork(NETWORK.EXTERNAL_VPC_ID, NETWORK.EXTERNAL_VSWITCH_ID, "sg-1");
  let id: string;
  let created: string;
  const agentEnv = () => ({ AGENT_CLUSTER_ID: id, AGENT_PRIVATE: "true", KUBECONFIG_DATA: GKE_KUBECONFIG });

  beforeAll(() => {
    id = register(cloud).json.ClusterId;
  });

  it("applies ACK's private-endpoint agent and waits, re-reading ACK, until the cluster runs", () => {
    const result = cloud.run("ackone/cluster-agent", "create", agentEnv());
    expect(result.status).toBe(0);
    created = result.stdout;
    expect(result.json).toMatchObject({ ClusterId: id, State: "running" });
    const apply = cloud.kubectlCalls().find((c) => c.argv.includes("apply") && !c.argv.includes("--dry-run=client"))!;
    expect(apply.kubeconfig.trim()).toBe(GKE_KUBECONFIG.trim());
    expect(apply.argv).toEqual(expect.arrayContaining(["-f", "-"]));
    expect(apply.file).toContain("endpoint: https://192.168.1.10:6443");
    expect(cloud.calls().find((c) => c.api === "cs DescribeExternalAgent")!.flags.PrivateIpAddress).toBe("true");
    const reads = cloud.apis().filter((a) => a === "cs DescribeClusterDetail");
    expect(reads.length).toBeGreaterThanOrEqual(4); // initial, waiting, connecting, running
  });

  it("records the objects it created, not the kube-system namespace that was already there", () => {
    const objects = (JSON.parse(created.trim().split("\n").pop()!).Objects as string).split(" ");
    expect(objects).toEqual([
      "kube-system|serviceaccount/ack",
      "|clusterrolebinding.rbac.authorization.k8s.io/ack-admin",
      "kube-system|secret/ack-cluster-agent-config",
      "kube-system|deployment.apps/ack-cluster-agent",
    ]);
  });

  it("keeps what it created on a re-run, when everything exists already", () => {
    const rerun = cloud.run("ackone/cluster-agent", "create", agentEnv(), created);
    expect(rerun.status).toBe(0);
    expect(rerun.json.Objects).toBe(JSON.parse(created.trim()).Objects);
  });

  it("fails with ACK's state and events when the agent cannot connect", () => {
    cloud.agentsUnreachable();
    const other = register(cloud, "gke-unreachable").json.ClusterId;
    const result = cloud.run("ackone/cluster-agent", "create", { ...agentEnv(), AGENT_CLUSTER_ID: other });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`registered cluster ${other} is failed in ACK: the agent could not reach https://192.168.1.10:6443`);
  });

  it("still names ACK's state when the cluster's events cannot be read, with the cloud's error", () => {
    cloud.agentsUnreachable();
    const other = register(cloud, "gke-no-events").json.ClusterId;
    cloud.failNext("cs DescribeClusterEvents", "Forbidden.RAM", "User not authorized to operate on the specified resource.");
    const result = cloud.run("ackone/cluster-agent", "create", { ...agentEnv(), AGENT_CLUSTER_ID: other });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ErrorCode: Forbidden.RAM");
    expect(result.stderr).toMatch(new RegExp(`ERROR: registered cluster ${other} is failed in ACK\n`));
  });

  it("fails with the cloud's error for a registration ACK does not know", () => {
    const result = cloud.run("ackone/cluster-agent", "create", { ...agentEnv(), AGENT_CLUSTER_ID: "c0000unknown" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ErrorCode: ErrorClusterNotFound");
  });

  it("deletes only the objects it created, newest first", () => {
    const before = cloud.kubeObjects();
    expect(before).toEqual(expect.arrayContaining(["|namespace/kube-system", "kube-system|deployment.apps/ack-cluster-agent"]));
    const result = cloud.run("ackone/cluster-agent", "delete", agentEnv(), created);
    expect(result.status).toBe(0);
    expect(cloud.kubeObjects()).toEqual(["|namespace/default", "|namespace/kube-system"]);
    const deletes = cloud.kubectlCalls().filter((c) => c.argv.includes("delete"));
    expect(deletes[0].argv).toEqual(expect.arrayContaining(["deployment.apps/ack-cluster-agent", "-n", "kube-system", "--ignore-not-found"]));
    expect(deletes.some((c) => c.argv.includes("namespace/kube-system"))).toBe(false);
  });
});

describe("hub kubeconfig", () => {
  const cloud = new FakeAliyun();
  const hub = { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "hub-token-value" };
  cloud.addHub("c7hub", hub);
  let publicRun: ReturnType<FakeAliyun["run"]>;

  it("privately: the VPC endpoint's kubeconfig, the hub left as it is", () => {
    const result = cloud.run("ackone/hub-kubeconfig", "create", { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "true" });
    expect(result.status).toBe(0);
    expect(result.json.kubeconfig).toContain(`server: ${hub.private}`);
    expect(cloud.apis()).toEqual(["adcp DescribeHubClusterKubeconfig"]);
  });

  it("publicly: turns the public endpoint on, waits until the hub reports it, then asks", () => {
    publicRun = cloud.run("ackone/hub-kubeconfig", "create", { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "false" });
    expect(publicRun.status).toBe(0);
    expect(publicRun.json).toMatchObject({ PublicEndpointEnabledHere: true });
    expect(publicRun.json.kubeconfig).toContain(`server: ${hub.public}`);
    expect(publicRun.stderr).not.toContain("hub-token-value");
    const apis = cloud.apis();
    const update = apis.indexOf("adcp UpdateHubClusterFeature");
    expect(cloud.calls()[update].flags).toEqual({ ClusterId: "c7hub", PublicApiServerEnabled: "true" });
    const between = apis.slice(update + 1, apis.lastIndexOf("adcp DescribeHubClusterKubeconfig"));
    expect(between.length).toBeGreaterThanOrEqual(3); // updating, updating, running with the endpoint
    expect(between.every((a) => a === "adcp DescribeHubClusterDetails")).toBe(true);
  });

  it("keeps owning the endpoint it turned on when it runs again", () => {
    const rerun = cloud.run("ackone/hub-kubeconfig", "create", { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "false" }, publicRun.stdout);
    expect(rerun.json).toMatchObject({ PublicEndpointEnabledHere: true });
    expect(cloud.apis().filter((a) => a === "adcp UpdateHubClusterFeature")).toHaveLength(1);
  });

  it("leaves an endpoint that was already public alone", () => {
    const again = cloud.run("ackone/hub-kubeconfig", "create", { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "false" });
    expect(again.json).toMatchObject({ PublicEndpointEnabledHere: false });
    expect(cloud.run("ackone/hub-kubeconfig", "delete", { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "false" }, again.stdout).stderr).toContain("nothing to remove");
    expect(cloud.hub("c7hub").public_enabled).toBe(true);
  });

  it("turns off on delete what it turned on, waits for the hub to settle, and releases the EIP", () => {
    const result = cloud.run("ackone/hub-kubeconfig", "delete", { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "false" }, publicRun.stdout);
    expect(result.status).toBe(0);
    const apis = cloud.apis();
    expect(apis.lastIndexOf("adcp DescribeHubClusterDetails")).toBeGreaterThan(apis.lastIndexOf("adcp UpdateHubClusterFeature"));
    expect(cloud.hub("c7hub")).toMatchObject({ public_enabled: false, state: "running" });
    expect(cloud.eips()).toEqual({});
  });

  it("fails with the cloud's error for an unknown hub", () => {
    const result = cloud.run("ackone/hub-kubeconfig", "create", { HUB_CLUSTER_ID: "c7nothere", HUB_PRIVATE: "false" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("hub c7nothere does not exist");
  });
});

describe("fleet members guard", () => {
  const cloud = new FakeAliyun();
  cloud.addHub("c7hub", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });

  it("on delete, waits until the hub has let go of a member being detached", () => {
    expect(cloud.run("ackone/fleet-members", "create", { HUB_CLUSTER_ID: "c7hub" }).json).toEqual({ HubId: "c7hub" });
    cloud.member("c7hub", "cgke", "detaching");
    const result = cloud.run("ackone/fleet-members", "delete", { HUB_CLUSTER_ID: "c7hub" });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("hub c7hub still lists cgke (detaching)");
    expect(cloud.apis().filter((a) => a === "adcp DescribeManagedClusters").length).toBeGreaterThanOrEqual(2);
  });

  it("fails, naming the members, when a member is never detached", () => {
    cloud.member("c7hub", "cstill", "running");
    const result = cloud.run("ackone/fleet-members", "delete", { HUB_CLUSTER_ID: "c7hub", FLEET_TIMEOUT: "2" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("hub c7hub still lists member clusters: cstill (running)");
  });

  it("is done when the hub is already gone", () => {
    expect(cloud.run("ackone/fleet-members", "delete", { HUB_CLUSTER_ID: "c7gone" }).status).toBe(0);
  });
});
