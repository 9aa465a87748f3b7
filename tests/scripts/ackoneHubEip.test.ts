/**
 * The hub's public API endpoint costs an EIP. `PublicApiServerEnabled: false` only disassociates it
 * (adcp/UpdateHubClusterFeature.json), and a disassociated EIP is no longer the hub's to release on
 * delete, so whoever turned the endpoint on releases it: hub-kubeconfig.sh, by the id the hub
 * reported (ApiServerEipId).
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const HUB = { public: "https://47.74.1.1:6443", private: "https://192.168.1.5:6443", token: "hub-token-value" };
const PUBLIC = { HUB_CLUSTER_ID: "c7hub", HUB_PRIVATE: "false" };

function hubWithPublicEndpoint() {
  const cloud = new FakeAliyun();
  cloud.addHub("c7hub", HUB);
  const up = cloud.run("ackone/hub-kubeconfig", "create", PUBLIC);
  expect(up.status).toBe(0);
  return { cloud, up };
}

/** What the alicloud provider does next on destroy: DeleteHubCluster. */
function deleteHub(cloud: FakeAliyun) {
  const result = cloud.aliyun(["adcp", "DeleteHubCluster", "--ClusterId", "c7hub", "--region", "ap-northeast-1"]);
  expect(result.stderr).toBe("");
}

describe("hub kubeconfig: the public endpoint's EIP", () => {
  it("leaves no EIP behind once the endpoint it turned on is off and the hub is deleted", () => {
    const { cloud, up } = hubWithPublicEndpoint();
    expect(Object.keys(cloud.eips())).toHaveLength(1);
    const down = cloud.run("ackone/hub-kubeconfig", "delete", PUBLIC, up.stdout);
    expect(down.status).toBe(0);
    deleteHub(cloud);
    expect(cloud.eips()).toEqual({});
  });

  it("records the EIP the hub reports, and releases that one once the hub no longer uses it", () => {
    const { cloud, up } = hubWithPublicEndpoint();
    const eipId = cloud.hub("c7hub").eip;
    expect(up.json.ApiServerEipId).toBe(eipId);
    const before = cloud.calls().length;
    expect(cloud.run("ackone/hub-kubeconfig", "delete", PUBLIC, up.stdout).status).toBe(0);
    const calls = cloud.calls().slice(before);
    const apis = calls.map((c) => c.api);
    const off = apis.indexOf("adcp UpdateHubClusterFeature");
    const release = apis.indexOf("vpc ReleaseEipAddress");
    expect(calls[off].flags).toMatchObject({ PublicApiServerEnabled: "false" });
    expect(release).toBeGreaterThan(off);
    expect(calls[release].flags).toEqual({ AllocationId: eipId, RegionId: "ap-northeast-1" });
    // it waited until the hub reported the endpoint gone before releasing
    expect(apis.slice(off, release)).toContain("adcp DescribeHubClusterDetails");
    expect(cloud.eips()).toEqual({});
    expect(cloud.hub("c7hub")).toMatchObject({ public_enabled: false, state: "running" });
  });

  it("still releases the EIP when an earlier delete stopped after turning the endpoint off", () => {
    const { cloud, up } = hubWithPublicEndpoint();
    cloud.aliyun(["adcp", "UpdateHubClusterFeature", "--ClusterId", "c7hub", "--PublicApiServerEnabled", "false", "--region", "ap-northeast-1"]);
    const again = cloud.run("ackone/hub-kubeconfig", "delete", PUBLIC, up.stdout);
    expect(again.status).toBe(0);
    expect(cloud.eips()).toEqual({});
  });

  it("releases the EIP a hub deleted meanwhile left behind, and is done when it is gone", () => {
    const { cloud, up } = hubWithPublicEndpoint();
    cloud.aliyun(["adcp", "UpdateHubClusterFeature", "--ClusterId", "c7hub", "--PublicApiServerEnabled", "false", "--region", "ap-northeast-1"]);
    for (let i = 0; i < 4; i++) cloud.aliyun(["adcp", "DescribeHubClusterDetails", "--ClusterId", "c7hub", "--region", "ap-northeast-1"]);
    deleteHub(cloud);
    expect(Object.keys(cloud.eips())).toHaveLength(1); // disassociated: the hub's delete left it
    const down = cloud.run("ackone/hub-kubeconfig", "delete", PUBLIC, up.stdout);
    expect(down.status).toBe(0);
    expect(cloud.eips()).toEqual({});
    expect(cloud.run("ackone/hub-kubeconfig", "delete", PUBLIC, up.stdout).status).toBe(0);
  });

  it("on a re-run that has to turn the endpoint on again, releases the EIP the earlier run left", () => {
    const { cloud, up } = hubWithPublicEndpoint();
    const first = up.json.ApiServerEipId;
    cloud.aliyun(["adcp", "UpdateHubClusterFeature", "--ClusterId", "c7hub", "--PublicApiServerEnabled", "false", "--region", "ap-northeast-1"]);
    for (let i = 0; i < 4; i++) cloud.aliyun(["adcp", "DescribeHubClusterDetails", "--ClusterId", "c7hub", "--region", "ap-northeast-1"]);
    const again = cloud.run("ackone/hub-kubeconfig", "update", PUBLIC, up.stdout);
    expect(again.status).toBe(0);
    expect(again.json.ApiServerEipId).not.toBe(first);
    expect(Object.keys(cloud.eips())).toEqual([again.json.ApiServerEipId]);
  });

  it("never releases an EIP the endpoint had before it", () => {
    const cloud = new FakeAliyun();
    cloud.addHub("c7hub", HUB);
    cloud.addEip("eip-users");
    cloud.aliyun([
      "adcp",
      "UpdateHubClusterFeature",
      "--ClusterId",
      "c7hub",
      "--PublicApiServerEnabled",
      "true",
      "--ApiServerEipId",
      "eip-users",
      "--region",
      "ap-northeast-1",
    ]);
    for (let i = 0; i < 4; i++) cloud.aliyun(["adcp", "DescribeHubClusterDetails", "--ClusterId", "c7hub", "--region", "ap-northeast-1"]);
    const up = cloud.run("ackone/hub-kubeconfig", "create", PUBLIC);
    expect(up.json).toMatchObject({ PublicEndpointEnabledHere: false });
    expect(cloud.run("ackone/hub-kubeconfig", "delete", PUBLIC, up.stdout).status).toBe(0);
    expect(cloud.eips()["eip-users"]).toMatchObject({ status: "InUse", instance_id: "lb-c7hub" });
    expect(cloud.apis()).not.toContain("vpc ReleaseEipAddress");
  });
});

describe("hub kubeconfig: a lookup that fails for another reason than not-found", () => {
  it("retries a throttled lookup on delete and never takes it for a hub already gone", () => {
    const { cloud, up } = hubWithPublicEndpoint();
    cloud.failNext("adcp DescribeHubClusterDetails", "Throttling.User", "Request was denied due to user flow control.");
    const down = cloud.run("ackone/hub-kubeconfig", "delete", PUBLIC, up.stdout);
    expect(down.stderr).not.toContain("already gone");
    expect(down.status).toBe(0);
    expect(cloud.hub("c7hub")).toMatchObject({ public_enabled: false });
    expect(cloud.eips()).toEqual({});
  });

  it("fails with the cloud's error when the lookup keeps failing", () => {
    const { cloud, up } = hubWithPublicEndpoint();
    cloud.failNext("adcp DescribeHubClusterDetails", "Throttling.User", "Request was denied due to user flow control.", 10);
    const down = cloud.run("ackone/hub-kubeconfig", "delete", { ...PUBLIC, ALIBABA_RETRIES: "2" }, up.stdout);
    expect(down.status).not.toBe(0);
    expect(down.stderr).toContain("ErrorCode: Throttling.User");
    expect(down.stderr).not.toContain("already gone");
    expect(cloud.hub("c7hub")).toMatchObject({ public_enabled: true });
  });

  it("fails with the cloud's error when the EIP cannot be read", () => {
    const { cloud, up } = hubWithPublicEndpoint();
    cloud.failNext("vpc DescribeEipAddresses", "ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 10);
    const down = cloud.run("ackone/hub-kubeconfig", "delete", { ...PUBLIC, ALIBABA_RETRIES: "2" }, up.stdout);
    expect(down.status).not.toBe(0);
    expect(down.stderr).toContain("ErrorCode: ServiceUnavailable");
    expect(Object.keys(cloud.eips())).toHaveLength(1);
  });
});
