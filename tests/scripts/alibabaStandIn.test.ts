/**
 * The `aliyun` stand-in refuses what Alibaba's API definitions (../shared/vendor/alibaba-openapi)
 * refuse, so a script call that passes it is one the API accepts.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

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
