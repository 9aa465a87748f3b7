/**
 * A firewall-group run that fails after it added rules to an adopted group leaves nothing behind,
 * through the real `nifcloud` CLI and the API stand-in made to fail the call after the rules went
 * in: the failed run revokes what it added, the retry records every rule it owns, and destroy
 * leaves the group exactly as it was.
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
