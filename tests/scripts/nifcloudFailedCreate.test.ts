/**
 * A firewall-group run that fails after it added rules to an adopted group leaves nothing behind,
 * through the real `nifcloud` CLI and the API stand-in made to fail the call after the rules went
 * in: the failed run revokes what it added, the retry records every rule it owns, and destroy
 * leaves the group exactly as it was. A run SIGKILLed after its rules went in (a cancel, a
 * customTimeouts expiry: no trap runs) is undone by its watchdog.
 */
import { FakeNifcloud, hasCommand } from "../helpers/fakeNifcloud";

const api = new FakeNifcloud();
const SSH = { IpProtocol: "TCP", FromPort: 22, InOut: "IN", IpRanges: [{ CidrIp: "192.0.2.10/32" }] };
const rule = (port: number) => ({
  IpProtocol: "UDP",
  FromPort: port,
  InOut: "IN",
  Description: "IPsec",
  ListOfRequestIpRanges: [{ CidrIp: "198.51.100.7/32" }],
});
const fw = { FW_NAME: "FWSERVERS", FW_OWNERSHIP: "adopt", FW_ZONE: "east-11", FW_RULES: JSON.stringify([rule(500), rule(4500)]) };
const group = async () => (await api.state()).securityGroups.find((g) => g.GroupName === "FWSERVERS")!;
let before: Record<string, any>;

beforeAll(async () => {
  expect(hasCommand("nifcloud")).toBe(true);
  await api.start();
  await api.seed({
    groups: [{ GroupName: "FWSERVERS", GroupDescription: "bare-metal servers", AvailabilityZone: "east-11", IpPermissions: [SSH] }],
    instances: [{ InstanceId: "anthosnode1", SecurityGroup: "FWSERVERS" }],
  });
  before = await group();
});
afterAll(() => api.stop());

it("a create that fails after adding rules revokes them before it exits", async () => {
  await api.fail({ action: "DescribeSecurityGroups", after: "AuthorizeSecurityGroupIngress", code: "Server.Unavailable", status: 400 });
  const failed = api.run("firewall-group", "create", fw);
  expect(failed.status).not.toBe(0);
  expect(failed.stderr).toContain("Server.Unavailable");
  expect(api.actions()).toContain("AuthorizeSecurityGroupIngress");
  expect(await group()).toEqual(before);
});

it("the retry records every rule it adds, and destroy leaves the group as it was", async () => {
  const retried = api.run("firewall-group", "create", fw);
  expect(retried.status).toBe(0);
  expect(retried.json.AddedRules).toHaveLength(2);
  expect(api.run("firewall-group", "delete", fw, retried).status).toBe(0);
  expect(await group()).toEqual(before);
});

it("a create SIGKILLed after adding rules (a cancel, a customTimeouts expiry) has them revoked by its watchdog", async () => {
  const since = api.requests().length;
  // A poll a second apart keeps the run waiting for the group to apply once the rules went in.
  const run = api.launch("firewall-group", "create", { ...fw, NIFCLOUD_POLL_SECONDS: "1" });
  await until("the rules to go in", () => api.actions().slice(since).includes("AuthorizeSecurityGroupIngress"));
  expect((await group()).IpPermissions).toHaveLength(3);
  run.kill("SIGKILL");
  await until("the group to be as it was", async () => JSON.stringify(await group()) === JSON.stringify(before), 30000);
  expect(api.actions().slice(since)).toContain("RevokeSecurityGroupIngress");
  // The retry then adds and records every rule; destroy leaves the group as it was.
  const retried = api.run("firewall-group", "create", fw);
  expect(retried.json.AddedRules).toHaveLength(2);
  expect(api.run("firewall-group", "delete", fw, retried).status).toBe(0);
  expect(await group()).toEqual(before);
}, 60000);

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
