/**
 * First run on a new account: scripts/alibaba/preflight.sh checks the service roles ACK and ACK One
 * need before anything is created, and names each missing one with how to grant it.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const ACK_ROLES = ["AliyunCSDefaultRole", "AliyunCSManagedKubernetesRole", "AliyunCSServerlessKubernetesRole", "AliyunCSManagedNetworkRole"];

describe("Alibaba preflight", () => {
  it("fails on a new account, naming each missing role and how to grant it", () => {
    const cloud = new FakeAliyun();
    const result = cloud.run("alibaba/preflight", "create", {});
    expect(result.status).not.toBe(0);
    for (const role of ACK_ROLES) expect(result.stderr).toContain(`${role}: The role does not exist: ${role}`);
    expect(result.stderr).toContain("AliyunServiceRoleForAdcp");
    expect(result.stderr).toContain("aliyun ram CreateServiceLinkedRole --ServiceName adcp.aliyuncs.com");
    expect(result.stderr).toContain("aliyun ram AttachPolicyToRole --PolicyType System --PolicyName AliyunCSDefaultRolePolicy --RoleName AliyunCSDefaultRole");
    const check = cloud.calls().find((c) => c.api === "cs CheckServiceRole")!;
    expect(JSON.parse(check.flags.body)).toEqual({ roles: ACK_ROLES.map((name) => ({ name })) });
    expect(cloud.calls().find((c) => c.api === "ram GetRole")!.flags).toEqual({ RoleName: "AliyunServiceRoleForAdcp" });
  });

  it("names only what is missing", () => {
    const cloud = new FakeAliyun();
    cloud.grantRoles(ACK_ROLES);
    const result = cloud.run("alibaba/preflight", "create", {});
    expect(result.status).not.toBe(0);
    expect(result.stderr).not.toContain("AliyunCSDefaultRole:");
    expect(result.stderr).toContain("AliyunServiceRoleForAdcp");
  });

  it("passes when every role is there", () => {
    const cloud = new FakeAliyun();
    cloud.grantRoles(ACK_ROLES);
    cloud.grantRoles(["AliyunServiceRoleForAdcp"], true);
    const result = cloud.run("alibaba/preflight", "create", {});
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ Roles: [...ACK_ROLES, "AliyunServiceRoleForAdcp"].join(" ") });
  });

  it("checks the roles a stack names instead", () => {
    const cloud = new FakeAliyun();
    cloud.grantRoles(["AliyunCSDefaultRole"]);
    cloud.grantRoles(["AliyunServiceRoleForAdcp"], true);
    const result = cloud.run("alibaba/preflight", "create", { PREFLIGHT_ACK_ROLES: "AliyunCSDefaultRole" });
    expect(result.status).toBe(0);
  });

  it("fails with the cloud's error when the check itself fails, and never passes", () => {
    const cloud = new FakeAliyun();
    cloud.grantRoles(ACK_ROLES);
    cloud.grantRoles(["AliyunServiceRoleForAdcp"], true);
    cloud.failNext("ram GetRole", "Throttling.User", "Request was denied due to user flow control.", 10);
    const result = cloud.run("alibaba/preflight", "create", { ALIBABA_RETRIES: "2" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ErrorCode: Throttling.User");
  });

  it("has nothing to delete", () => {
    const cloud = new FakeAliyun();
    expect(cloud.run("alibaba/preflight", "delete", {}).status).toBe(0);
    expect(cloud.calls()).toEqual([]);
  });
});
