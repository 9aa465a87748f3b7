/**
 * Firewall rules in the form NIFCLOUD stores them (one source per rule, a one-port rule as its
 * start port), through the real `nifcloud` CLI and the API stand-in: an adopted group gets the
 * stack's rules once, an unchanged re-run changes nothing, and destroy leaves the group exactly
 * as it was. Run against both forms a one-port rule may come back in (FromPort and ToPort equal,
 * or FromPort only).
 */
import { nifcloudFirewallRules } from "../../components/vpn/nifcloudFirewallRules";
import { FakeNifcloud, hasCommand, ScriptRun } from "../helpers/fakeNifcloud";

const SSH = { IpProtocol: "TCP", FromPort: 22, InOut: "IN", IpRanges: [{ CidrIp: "192.0.2.10/32" }] };
/** GCP's routed node and pod ranges; GKE's pods connect from the second. */
const SOURCES = { routed: ["10.128.0.0/20", "10.132.0.0/14"], workloads: ["10.132.0.0/14"] };
const rules = (vpnIp: string) => JSON.stringify(nifcloudFirewallRules(vpnIp, SOURCES, 443));
const fw = (vpnIp: string) => ({ FW_NAME: "FWSERVERS", FW_OWNERSHIP: "adopt", FW_ZONE: "east-11", FW_RULES: rules(vpnIp) });

describe.each(["both", "from"])("an adopted group whose one-port rules come back as %s", (form) => {
  const api = new FakeNifcloud({ FAKE_NIFCLOUD_SINGLE_PORT: form });
  const group = async () => (await api.state()).securityGroups.find((g) => g.GroupName === "FWSERVERS")!;
  const changes = (since: number) =>
    api
      .requests()
      .slice(since)
      .filter((r) => /Authorize|Revoke|Delete/.test(r.action));
  let before: Record<string, any>;
  let last: ScriptRun;

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

  it("gets every rule of the stack, one source per rule, single ports as their start port", async () => {
    last = api.run("firewall-group", "create", fw("198.51.100.7"));
    expect(last.stderr).not.toContain("ERROR");
    expect(last.status).toBe(0);
    const sent = api.requests().find((r) => r.action === "AuthorizeSecurityGroupIngress")!.params.IpPermissions as any[];
    expect(sent.every((p) => p.IpRanges.length === 1)).toBe(true);
    expect(sent.filter((p) => "ToPort" in p)).toEqual([]);
    // 3 IPsec rules from the VPN address, 3 TCP ports from the pod range, ICMP from each of the 2 ranges, and SSH.
    expect((await group()).IpPermissions).toHaveLength(3 + 3 + 2 + 1);
  });

  it("changes nothing when run again with the same rules", () => {
    const since = api.requests().length;
    last = api.run("firewall-group", "update", fw("198.51.100.7"), last);
    expect(last.stderr).not.toContain("ERROR");
    expect(last.status).toBe(0);
    expect(changes(since)).toEqual([]);
  });

  it("replaces only the rules of a changed address", async () => {
    const since = api.requests().length;
    last = api.run("firewall-group", "update", fw("198.51.100.8"), last);
    expect(last.status).toBe(0);
    const sent = changes(since);
    expect(sent.map((r) => [r.action, r.params.IpPermissions.length])).toEqual([
      ["RevokeSecurityGroupIngress", 3],
      ["AuthorizeSecurityGroupIngress", 3],
    ]);
    expect((await group()).IpPermissions).toHaveLength(3 + 3 + 2 + 1);
  });

  it("is left on destroy exactly as it was before the stack", async () => {
    const result = api.run("firewall-group", "delete", fw("198.51.100.8"), last);
    expect(result.status).toBe(0);
    expect(await group()).toEqual(before);
  });
});
