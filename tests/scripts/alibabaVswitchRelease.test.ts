/**
 * The hub's own vSwitch is deleted only once what the hub left in it is released: on delete,
 * scripts/alibaba/vswitch-release.sh re-reads the vSwitch (DescribeVSwitchAttributes, its
 * CloudResources) until it holds nothing, through the aliyun stand-in.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const ENV = { VSWITCH_IDS: "vsw-hub" };

function cloudWithHubVswitch() {
  const cloud = new FakeAliyun();
  cloud.addNetwork("vpc-1", "vsw-hub", "sg-1");
  return cloud;
}

describe("hub vSwitch release guard", () => {
  it("creates nothing and calls nothing", () => {
    const cloud = cloudWithHubVswitch();
    const result = cloud.run("alibaba/vswitch-release", "create", ENV);
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ VSwitchIds: "vsw-hub" });
    expect(cloud.calls()).toEqual([]);
  });

  it("on delete, waits, re-reading the vSwitch, until what the hub left is released", () => {
    const cloud = cloudWithHubVswitch();
    cloud.vswitchHolds("vsw-hub", { NetworkInterface: 2, SLB: 1 }, 3);
    const result = cloud.run("alibaba/vswitch-release", "delete", ENV);
    expect(result.stderr).not.toContain("ERROR");
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("vSwitch vsw-hub still holds NetworkInterface 2, SLB 1");
    const reads = cloud.calls().filter((c) => c.api === "vpc DescribeVSwitchAttributes");
    expect(reads.length).toBe(4);
    expect(reads.every((c) => c.flags.VSwitchId === "vsw-hub")).toBe(true);
  });

  it("fails on timeout, naming what the vSwitch still holds", () => {
    const cloud = cloudWithHubVswitch();
    cloud.vswitchHolds("vsw-hub", { NetworkInterface: 1 });
    const result = cloud.run("alibaba/vswitch-release", "delete", { ...ENV, VSWITCH_RELEASE_TIMEOUT: "1" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("the hub's vSwitch still holds cloud resources: vsw-hub: NetworkInterface 1");
  });

  it("is done when the vSwitch is already gone", () => {
    const cloud = new FakeAliyun();
    const result = cloud.run("alibaba/vswitch-release", "delete", ENV);
    expect(result.status).toBe(0);
  });

  it("fails with the cloud's error, never taking a refused read for a released vSwitch", () => {
    const cloud = cloudWithHubVswitch();
    cloud.failNext("vpc DescribeVSwitchAttributes", "Forbidden.RAM", "User not authorized to operate on the specified resource.");
    const result = cloud.run("alibaba/vswitch-release", "delete", ENV);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Forbidden.RAM");
  });
});
