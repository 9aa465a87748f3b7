/**
 * The `aliyun` stand-in refuses what Alibaba's API definitions (../shared/vendor/alibaba-openapi)
 * refuse, so a script call that passes it is one the API accepts.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readOperations } from "../rehearsal/lib/operations";
import { ALIBABA_ENV, FakeAliyun, FAKES_BIN } from "../helpers/fakeAliyun";

const BODY = { name: "gke-registered", cluster_type: "ExternalKubernetes", region_id: "ap-northeast-1", vpcid: "vpc-1", vswitch_ids: ["vsw-1"] };

describe("aliyun stand-in", () => {
  const cloud = new FakeAliyun();
  cloud.addNetwork("vpc-1", "vsw-1", "sg-1");
  const region = ["--region", "ap-northeast-1"];

  it("accepts a call that matches the definition", () => {
    const result = cloud.aliyun(["cs", "DescribeClustersV1", "--cluster_type", "ExternalKubernetes", "--name", "x", ...region]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).clusters).toEqual([]);
  });

  it.each([
    ["an unknown parameter", ["cs", "DescribeClustersV1", "--ClusterName", "x"], "'--ClusterName' is not a valid parameter"],
    ["a missing required parameter", ["adcp", "DescribeHubClusterKubeconfig", "--PrivateIpAddress", "true"], 'parameter "ClusterId"'],
    ["a value outside the listed ones", ["cs", "DescribeClustersV1", "--cluster_type", "Serverless"], "cluster_type has an invalid value 'Serverless'"],
    ["a string where a Boolean belongs", ["adcp", "UpdateHubClusterFeature", "--ClusterId", "c1", "--PublicApiServerEnabled", "yes"], "must be a Boolean"],
    ["an unknown API", ["adcp", "EnablePublicEndpoint", "--ClusterId", "c1"], "'EnablePublicEndpoint' is not a valid api"],
    ["a body field the API does not have", ["cs", "CreateCluster", "--body", JSON.stringify({ ...BODY, vswitch_id: "vsw-1" })], "body field vswitch_id"],
    [
      "a body field of the wrong type",
      ["cs", "CreateCluster", "--body", JSON.stringify({ ...BODY, vswitch_ids: "vsw-1" })],
      "vswitch_ids must be a string list",
    ],
    ["a body without a required field", ["cs", "CreateCluster", "--body", JSON.stringify({ ...BODY, region_id: undefined })], "region_id is required"],
    ["credentials on the command line", ["cs", "DescribeClustersV1", "--access-key-secret", "s"], "credentials only from the environment"],
  ])("refuses %s", (_what, args, message) => {
    const before = cloud.calls().length;
    const result = cloud.aliyun([...args, ...region]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(cloud.calls()).toHaveLength(before);
  });

  it("refuses to run where the CLI would read a profile file", () => {
    const result = cloud.aliyun(["cs", "DescribeClustersV1", ...region], { ALIBABA_CLOUD_IGNORE_PROFILE: "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("~/.aliyun/config.json");
  });

  it("calls without --region go where the CLI sends them: cn-hangzhou", () => {
    cloud.aliyun(["cs", "DescribeClustersV1"]);
    expect(cloud.calls().pop()!.region).toBe("cn-hangzhou");
  });

  it("moves a deleted cluster through deleting and deleted before it is gone", () => {
    const id = JSON.parse(cloud.aliyun(["cs", "CreateCluster", "--body", JSON.stringify(BODY), ...region]).stdout).cluster_id;
    expect(cloud.aliyun(["cs", "DeleteCluster", "--ClusterId", id, ...region]).status).toBe(0);
    const states: string[] = [];
    for (let i = 0; i < 8; i++) {
      const read = cloud.aliyun(["cs", "DescribeClusterDetail", "--ClusterId", id, ...region]);
      states.push(read.status === 0 ? JSON.parse(read.stdout).state : read.stderr.includes("ErrorClusterNotFound") ? "gone" : "error");
    }
    expect(states).toEqual(["deleting", "deleting", "deleted", "deleted", "gone", "gone", "gone", "gone"]);
  });

  it("refuses to delete a registered cluster still attached to a fleet", () => {
    cloud.addHub("hub1", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });
    const id = JSON.parse(cloud.aliyun(["cs", "CreateCluster", "--body", JSON.stringify({ ...BODY, name: "attached" }), ...region]).stdout).cluster_id;
    cloud.member("hub1", id, "running");
    const result = cloud.aliyun(["cs", "DeleteCluster", "--ClusterId", id, ...region]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("ErrorCode: ErrorClusterInUse");
  });
});

describe("aliyun stand-in: hub EIPs", () => {
  const cloud = new FakeAliyun();
  const region = ["--region", "ap-northeast-1"];
  const hub = { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" };
  const call = (args: string[]) => cloud.aliyun([...args, ...region]);
  const details = (id: string) => JSON.parse(call(["adcp", "DescribeHubClusterDetails", "--ClusterId", id]).stdout);
  const settle = (id: string) => {
    for (let i = 0; i < 5; i++) details(id);
  };

  it("turning the public endpoint on allocates an EIP the hub reports; turning it off disassociates it, and it stays", () => {
    cloud.addHub("h1", hub);
    expect(call(["adcp", "UpdateHubClusterFeature", "--ClusterId", "h1", "--PublicApiServerEnabled", "true"]).status).toBe(0);
    settle("h1");
    const eipId = details("h1").Cluster.ApiServer.ApiServerEipId;
    expect(eipId).toMatch(/^eip-/);
    expect(cloud.eips()[eipId]).toMatchObject({ status: "InUse", instance_id: "lb-h1", created_by: "h1" });

    expect(call(["adcp", "UpdateHubClusterFeature", "--ClusterId", "h1", "--PublicApiServerEnabled", "false"]).status).toBe(0);
    settle("h1");
    expect(details("h1").Cluster.ApiServer).toMatchObject({ EnabledPublic: false, ApiServerEipId: "" });
    expect(cloud.eips()[eipId]).toMatchObject({ status: "Available", instance_id: "" });
    const listed = JSON.parse(call(["vpc", "DescribeEipAddresses", "--RegionId", "ap-northeast-1", "--AllocationId", eipId]).stdout);
    expect(listed.EipAddresses.EipAddress).toEqual([expect.objectContaining({ AllocationId: eipId, Status: "Available" })]);
  });

  it("deleting a hub releases the associated EIP it created, and nothing else", () => {
    cloud.addHub("h2", hub);
    cloud.addHub("h3", hub);
    cloud.addEip("eip-users");
    call(["adcp", "UpdateHubClusterFeature", "--ClusterId", "h2", "--PublicApiServerEnabled", "true"]);
    call(["adcp", "UpdateHubClusterFeature", "--ClusterId", "h3", "--PublicApiServerEnabled", "true", "--ApiServerEipId", "eip-users"]);
    settle("h2");
    settle("h3");
    const created = details("h2").Cluster.ApiServer.ApiServerEipId;
    expect(call(["adcp", "DeleteHubCluster", "--ClusterId", "h2"]).status).toBe(0);
    expect(call(["adcp", "DeleteHubCluster", "--ClusterId", "h3"]).status).toBe(0);
    expect(cloud.eips()[created]).toBeUndefined();
    expect(cloud.eips()["eip-users"]).toMatchObject({ status: "Available", instance_id: "" });
  });

  it("releases an Available EIP, refuses one in use, and answers not-found for an unknown id", () => {
    cloud.addHub("h4", hub);
    call(["adcp", "UpdateHubClusterFeature", "--ClusterId", "h4", "--PublicApiServerEnabled", "true"]);
    settle("h4");
    const inUse = details("h4").Cluster.ApiServer.ApiServerEipId;
    const refused = call(["vpc", "ReleaseEipAddress", "--AllocationId", inUse]);
    expect(refused.stderr).toContain("ErrorCode: IncorrectEipStatus");
    cloud.addEip("eip-free");
    expect(call(["vpc", "ReleaseEipAddress", "--AllocationId", "eip-free"]).status).toBe(0);
    const list = () => JSON.parse(call(["vpc", "DescribeEipAddresses", "--RegionId", "ap-northeast-1", "--AllocationId", "eip-free"]).stdout);
    expect(list().EipAddresses.EipAddress[0].Status).toBe("Releasing");
    for (let i = 0; i < 3; i++) list();
    expect(list().EipAddresses.EipAddress).toEqual([]);
    expect(call(["vpc", "ReleaseEipAddress", "--AllocationId", "eip-free"]).stderr).toContain("ErrorCode: InvalidAllocationId.NotFound");
  });
});

describe("aliyun stand-in: accounts, injected errors, the rehearsal's log and durations", () => {
  const cloud = new FakeAliyun();
  const region = ["--region", "ap-northeast-1"];

  it("models a new account without ACK's service roles or ACK One's service-linked role", () => {
    const check = cloud.aliyun(["cs", "CheckServiceRole", "--body", JSON.stringify({ roles: [{ name: "AliyunCSDefaultRole" }] }), ...region]);
    expect(JSON.parse(check.stdout).roles).toEqual([{ name: "AliyunCSDefaultRole", granted: false, message: "The role does not exist: AliyunCSDefaultRole" }]);
    expect(cloud.aliyun(["ram", "GetRole", "--RoleName", "AliyunServiceRoleForAdcp", ...region]).stderr).toContain("ErrorCode: EntityNotExist.Role");
    cloud.grantRoles(["AliyunCSDefaultRole"]);
    cloud.grantRoles(["AliyunServiceRoleForAdcp"], true);
    expect(
      JSON.parse(cloud.aliyun(["cs", "CheckServiceRole", "--body", JSON.stringify({ roles: [{ name: "AliyunCSDefaultRole" }] }), ...region]).stdout).roles[0]
        .granted,
    ).toBe(true);
    expect(JSON.parse(cloud.aliyun(["ram", "GetRole", "--RoleName", "AliyunServiceRoleForAdcp", ...region]).stdout).Role.IsServiceLinkedRole).toBe(true);
  });

  it("answers an injected error once, then works again", () => {
    cloud.failNext("cs DescribeClustersV1", "Throttling.User", "Request was denied due to user flow control.");
    const first = cloud.aliyun(["cs", "DescribeClustersV1", ...region]);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain("ErrorCode: Throttling.User");
    expect(cloud.aliyun(["cs", "DescribeClustersV1", ...region]).status).toBe(0);
  });

  it("logs each cloud operation to the rehearsal's operation log, refusals included, without secrets", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsal-"));
    cloud.addNetwork("vpc-9", "vsw-9", "sg-9");
    const body = { ...BODY, name: "logged", vpcid: "vpc-9", vswitch_ids: ["vsw-9"], security_group_id: "sg-9" };
    const created = JSON.parse(cloud.aliyun(["cs", "CreateCluster", "--body", JSON.stringify(body), ...region], { REHEARSAL_HOME: home }).stdout);
    cloud.aliyun(["cs", "DescribeClusterDetail", "--ClusterId", "cnothere", ...region], { REHEARSAL_HOME: home });
    cloud.aliyun(["cs", "DescribeClustersV1", "--ClusterName", "x", ...region], { REHEARSAL_HOME: home }); // refused by the CLI itself
    const ops = readOperations(path.join(home, "operations.jsonl"));
    expect(ops).toHaveLength(2);
    expect(ops[0]).toMatchObject({
      cloud: "alibaba",
      op: "CreateCluster",
      type: "alibaba:cs/cluster",
      id: created.cluster_id,
      name: "logged",
      ok: true,
      by: "cli:aliyun",
    });
    expect(ops[0].refs).toEqual(["vpc-9", "vsw-9", "sg-9"]);
    expect(ops[0].end).toBeGreaterThanOrEqual(ops[0].start);
    expect(ops[1]).toMatchObject({ op: "DescribeClusterDetail", id: "cnothere", ok: false, error: expect.stringContaining("ErrorClusterNotFound") });
    expect(fs.readFileSync(path.join(home, "operations.jsonl"), "utf8")).not.toContain(ALIBABA_ENV.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  });

  it("keeps a hub updating for the scaled duration of durations.json", () => {
    cloud.addHub("slow", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });
    const env = { REHEARSAL_TIME_SCALE: String(240 / 3) }; // the 240 s of UpdateHubClusterFeature take 3 s
    const start = Date.now();
    expect(cloud.aliyun(["adcp", "UpdateHubClusterFeature", "--ClusterId", "slow", "--PublicApiServerEnabled", "true", ...region], env).status).toBe(0);
    const state = () => JSON.parse(cloud.aliyun(["adcp", "DescribeHubClusterDetails", "--ClusterId", "slow", ...region], env).stdout).Cluster.ClusterInfo.State;
    // more reads than the read count alone needs
    for (let i = 0; i < 4; i++) expect(state()).toBe("updating");
    while (state() === "updating" && Date.now() - start < 10_000);
    expect(Date.now() - start).toBeGreaterThanOrEqual(3000);
    expect(state()).toBe("running");
  });

  it("loses no change when many calls change the state at once", async () => {
    cloud.addNetwork("vpc-p", "vsw-p", "sg-p");
    const runs = Array.from(
      { length: 8 },
      (_, i) =>
        new Promise<number | null>((resolve) =>
          spawn(
            path.join(FAKES_BIN, "aliyun"),
            ["cs", "CreateCluster", "--body", JSON.stringify({ ...BODY, name: `par-${i}`, vpcid: "vpc-p", vswitch_ids: ["vsw-p"] }), ...region],
            {
              env: cloud.env({ ALIBABA_CLOUD_IGNORE_PROFILE: "TRUE" }),
            },
          ).on("exit", resolve),
        ),
    );
    expect(await Promise.all(runs)).toEqual(Array(8).fill(0));
    const names = JSON.parse(cloud.aliyun(["cs", "DescribeClustersV1", ...region]).stdout).clusters.map((c: any) => c.name);
    expect(names.filter((n: string) => n.startsWith("par-")).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `par-${i}`));
  });
});

describe("aliyun stand-in in a rehearsal world", () => {
  const cloud = new FakeAliyun();
  const region = ["--region", "ap-northeast-1"];
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsal-world-"));
  const hubApi = { kubeconfig: "/k", server: "https://127.0.0.1:46443", caData: "Q0EtREFUQQ==", token: "hub-admin-token" };
  fs.writeFileSync(path.join(home, "world.json"), JSON.stringify({ clusters: { hub: hubApi } }));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it("hands out the hub's kubeconfig with the address, CA and token of the local cluster playing the hub", () => {
    cloud.addHub("hubw", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });
    const answer = cloud.aliyun(["adcp", "DescribeHubClusterKubeconfig", "--ClusterId", "hubw", "--PrivateIpAddress", "true", ...region], {
      REHEARSAL_HOME: home,
    });
    expect(answer.status).toBe(0);
    const kubeconfig = JSON.parse(answer.stdout).Kubeconfig as string;
    expect(kubeconfig).toContain(`server: ${hubApi.server}`);
    expect(kubeconfig).toContain(`certificate-authority-data: ${hubApi.caData}`);
    expect(kubeconfig).toContain(`token: ${hubApi.token}`);
    expect(kubeconfig).toContain("current-context: hubw");
  });

  it("hands out an agent Deployment an API server accepts: a selector its pod template's labels match", () => {
    cloud.addNetwork("vpc-w", "vsw-w", "sg-w");
    const body = { ...BODY, name: "agent-shape", vpcid: "vpc-w", vswitch_ids: ["vsw-w"] };
    const id = JSON.parse(cloud.aliyun(["cs", "CreateCluster", "--body", JSON.stringify(body), ...region]).stdout).cluster_id;
    const manifest = JSON.parse(cloud.aliyun(["cs", "DescribeExternalAgent", "--ClusterId", id, "--PrivateIpAddress", "true", ...region]).stdout)
      .config as string;
    const deployment = manifest.split("\n---\n").find((d) => d.includes("kind: Deployment"))!;
    expect(deployment).toContain(`ack.aliyun.com/cluster-id: ${id}`);
    expect(deployment).toMatch(/selector:\n {4}matchLabels:\n {6}app: ack-cluster-agent\n/);
    expect(deployment).toMatch(/template:\n {4}metadata:\n {6}labels:\n {8}app: ack-cluster-agent\n/);
    expect(deployment).toMatch(/containers:\n {6}- name: agent\n {8}image: /);
  });

  it("logs a refusal that breaks a cloud rule with the rule", () => {
    cloud.addHub("busy", { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "t" });
    expect(
      cloud.aliyun(["adcp", "UpdateHubClusterFeature", "--ClusterId", "busy", "--PublicApiServerEnabled", "true", ...region], { REHEARSAL_HOME: home }).status,
    ).toBe(0);
    const again = cloud.aliyun(["adcp", "UpdateHubClusterFeature", "--ClusterId", "busy", "--PublicApiServerEnabled", "false", ...region], {
      REHEARSAL_HOME: home,
    });
    expect(again.stderr).toContain("ErrorCode: IncorrectClusterState");
    const ops = readOperations(path.join(home, "operations.jsonl")).filter((o) => o.op === "UpdateHubClusterFeature");
    expect(ops.map((o) => [o.ok, o.refused])).toEqual([
      [true, undefined],
      [false, "busy"],
    ]);
  });
});
