/**
 * Adopt or own: the registered cluster carries a tag naming the project and stack that created it
 * (CreateCluster `tags`), and only a cluster with that tag is adopted or deleted; in GKE, the
 * agent's objects this resource applied are the only ones it removes, also when its create fails
 * or is SIGKILLed (a cancel, a customTimeouts expiry), and a retry and destroy then leave GKE as it was.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const OWNER = "multicloud-mesh/ack-dev";
const TAG = { key: "multicloud-mesh.owner", value: OWNER };
const NETWORK = { EXTERNAL_VPC_ID: "vpc-1", EXTERNAL_VSWITCH_ID: "vsw-1", EXTERNAL_OWNER: OWNER };
const GKE_KUBECONFIG = "apiVersion: v1\nkind: Config\n";
const NAMESPACES_ONLY = ["|namespace/default", "|namespace/kube-system"];

function cloudWithNetwork() {
  const cloud = new FakeAliyun();
  cloud.addNetwork("vpc-1", "vsw-1", "sg-1");
  return cloud;
}

const register = (cloud: FakeAliyun, extra: Record<string, string> = {}, previous?: string) =>
  cloud.run("ackone/external-cluster", "create", { EXTERNAL_NAME: "gke-registered", ...NETWORK, ...extra }, previous);

describe("registered cluster ownership", () => {
  it("tags the cluster it creates with the project and stack", () => {
    const cloud = cloudWithNetwork();
    const created = register(cloud);
    expect(created.status).toBe(0);
    const body = JSON.parse(cloud.calls().find((c) => c.api === "cs CreateCluster")!.flags.body);
    expect(body.tags).toEqual([TAG]);
    expect(cloud.cluster(created.json.ClusterId).tags).toEqual([TAG]);
  });

  it("refuses a same-named cluster it did not create, naming the cluster and the fix", () => {
    const cloud = cloudWithNetwork();
    const foreign = cloud.addForeignCluster("gke-registered");
    const result = register(cloud);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`registered cluster gke-registered (${foreign}) exists and carries no tag multicloud-mesh.owner=${OWNER}`);
    expect(result.stderr).toContain("ackOne.registeredClusterName");
    expect(cloud.apis()).not.toContain("cs CreateCluster");
  });

  it("refuses a same-named cluster another stack created", () => {
    const cloud = cloudWithNetwork();
    cloud.addForeignCluster("gke-registered", [{ key: TAG.key, value: "multicloud-mesh/other" }]);
    const result = register(cloud);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("multicloud-mesh.owner=multicloud-mesh/other");
  });

  it("adopts the cluster it tagged when an earlier run's result was lost", () => {
    const cloud = cloudWithNetwork();
    const mine = cloud.addForeignCluster("gke-registered", [TAG]);
    const result = register(cloud);
    expect(result.status).toBe(0);
    expect(result.json.ClusterId).toBe(mine);
    expect(cloud.apis()).not.toContain("cs CreateCluster");
  });

  it("refuses, on a later run, a recorded cluster without its tag, naming how to tag it", () => {
    const cloud = cloudWithNetwork();
    const untagged = cloud.addForeignCluster("gke-registered");
    const result = register(cloud, {}, JSON.stringify({ ClusterId: untagged }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`registered cluster gke-registered (${untagged}) exists and carries no tag`);
    expect(result.stderr).toContain("aliyun cs TagResources");
    expect(cloud.cluster(untagged).tags).toEqual([]);
  });

  it("on destroy, leaves a same-named cluster it did not create", () => {
    const cloud = cloudWithNetwork();
    const foreign = cloud.addForeignCluster("gke-registered");
    const result = cloud.run("ackone/external-cluster", "delete", { EXTERNAL_NAME: "gke-registered", EXTERNAL_OWNER: OWNER });
    expect(result.status).toBe(0);
    expect(cloud.apis()).not.toContain("cs DeleteCluster");
    expect(cloud.cluster(foreign).state).toBe("running");
  });

  it("on destroy, leaves a recorded cluster that does not carry its tag", () => {
    const cloud = cloudWithNetwork();
    const foreign = cloud.addForeignCluster("gke-registered");
    const result = cloud.run(
      "ackone/external-cluster",
      "delete",
      { EXTERNAL_NAME: "gke-registered", EXTERNAL_OWNER: OWNER },
      JSON.stringify({ ClusterId: foreign }),
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`left in place`);
    expect(cloud.apis()).not.toContain("cs DeleteCluster");
  });

  it("on destroy, deletes the cluster it created", () => {
    const cloud = cloudWithNetwork();
    const created = register(cloud);
    const result = cloud.run("ackone/external-cluster", "delete", { EXTERNAL_NAME: "gke-registered", EXTERNAL_OWNER: OWNER }, created.stdout);
    expect(result.status).toBe(0);
    expect(cloud.cluster(created.json.ClusterId).state).toMatch(/^(deleted|gone)$/);
  });
});

describe("the agent's objects in GKE", () => {
  function agentSetup() {
    const cloud = cloudWithNetwork();
    const id = register(cloud).json.ClusterId;
    return { cloud, env: { AGENT_CLUSTER_ID: id, AGENT_PRIVATE: "true", KUBECONFIG_DATA: GKE_KUBECONFIG } };
  }

  it("removes what it created when the agent never connects: no cluster-admin binding or token Secret survives", () => {
    const cloud = cloudWithNetwork();
    cloud.agentsUnreachable();
    const id = register(cloud).json.ClusterId;
    const result = cloud.run("ackone/cluster-agent", "create", { AGENT_CLUSTER_ID: id, AGENT_PRIVATE: "true", KUBECONFIG_DATA: GKE_KUBECONFIG });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("is failed in ACK");
    expect(cloud.kubeObjects()).toEqual(NAMESPACES_ONLY);
  });

  it("removes what it created when the apply is refused part-way", () => {
    const { cloud, env } = agentSetup();
    cloud.applyFailsAt("Deployment");
    const result = cloud.run("ackone/cluster-agent", "create", env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("admission webhook denied the request");
    expect(cloud.kubeObjects()).toEqual(NAMESPACES_ONLY);
  });

  it("has its watchdog remove what it created when it is SIGKILLed mid-wait; the retry and destroy then leave GKE as it was", async () => {
    const { cloud, env } = agentSetup();
    // Reads of ACK 5 s apart keep the run waiting for the agent once the manifest is applied.
    const run = cloud.start("ackone/cluster-agent", "create", cloud.env({ ...env, ALIBABA_POLL_SECONDS: "5" }));
    await until("the agent's objects to be applied", () => cloud.kubeObjects().includes("kube-system|deployment.apps/ack-cluster-agent"));
    expect(cloud.kubeObjects()).toEqual(
      expect.arrayContaining(["|clusterrolebinding.rbac.authorization.k8s.io/ack-admin", "kube-system|secret/ack-cluster-agent-config"]),
    );
    run.kill("SIGKILL");
    await until("GKE to hold only its namespaces again", () => JSON.stringify(cloud.kubeObjects()) === JSON.stringify(NAMESPACES_ONLY));
    const retried = cloud.run("ackone/cluster-agent", "create", env);
    expect(retried.status).toBe(0);
    expect(retried.json.Objects.split(" ")).toEqual(
      expect.arrayContaining(["|clusterrolebinding.rbac.authorization.k8s.io/ack-admin", "kube-system|secret/ack-cluster-agent-config"]),
    );
    expect(cloud.run("ackone/cluster-agent", "delete", env, retried.stdout).status).toBe(0);
    expect(cloud.kubeObjects()).toEqual(NAMESPACES_ONLY);
  }, 60000);

  it("keeps, when a later run fails, what an earlier run created", () => {
    const { cloud, env } = agentSetup();
    const first = cloud.run("ackone/cluster-agent", "create", env);
    expect(first.status).toBe(0);
    const before = cloud.kubeObjects();
    cloud.applyFailsAt("Deployment");
    const again = cloud.run("ackone/cluster-agent", "create", env, first.stdout);
    expect(again.status).not.toBe(0);
    expect(cloud.kubeObjects()).toEqual(before);
  });
});

async function until(what: string, check: () => boolean, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
