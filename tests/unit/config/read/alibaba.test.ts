/** The `alibaba` and `ackOne` sections, read directly: defaults for a new account, and each refused value. */
import { Problems, Reader } from "../../../../config/problems";
import { readAckOne, readAlibaba, readProviderAccess } from "../../../../config/read/alibaba";

const reading = <T>(read: (r: Reader) => T, key: string, value: Record<string, unknown>) => {
  const problems = new Problems();
  const spec = read(new Reader(problems, key, value));
  return { spec, problems: problems.list, warnings: problems.warnings };
};
const APP = { providerImage: "example/provider:1.0", consumerImage: "example/consumer:1.0" };

describe("readAlibaba", () => {
  it("reads a region id", () => {
    expect(reading(readAlibaba, "alibaba", { region: "ap-northeast-1" })).toMatchObject({ spec: { region: "ap-northeast-1" }, problems: [] });
  });
  it("rejects a zone id where the region belongs, naming the form", () => {
    expect(reading(readAlibaba, "alibaba", { region: "ap-northeast-1a" }).problems).toEqual([
      expect.stringMatching(/^multicloud-mesh:alibaba\.region = "ap-northeast-1a": .*Fix: use an Alibaba Cloud region id such as ap-northeast-1$/),
    ]);
  });
});

describe("readAckOne", () => {
  const minimal = { hubName: "ackone-hub", registeredClusterName: "gke-member", app: APP };
  it("defaults what a new account needs: hub access, private endpoints, propagation policies, MultiClusterService", () => {
    expect(reading(readAckOne, "ackOne", minimal)).toMatchObject({
      spec: {
        distribution: "propagation-policy",
        services: "multi-cluster-service",
        providerAccess: { mode: "hub" },
        agentPrivateEndpoint: true,
        hubPrivateEndpoint: true,
        verify: true,
        requests: 5,
      },
      problems: [],
      warnings: [],
    });
    expect(reading(readAckOne, "ackOne", minimal).spec).not.toHaveProperty("hubVswitch");
  });
  it("warns that a public hub endpoint is open to the whole internet", () => {
    expect(reading(readAckOne, "ackOne", { ...minimal, hubPrivateEndpoint: false }).warnings).toEqual([
      expect.stringMatching(/^multicloud-mesh:ackOne\.hubPrivateEndpoint = false: turns on the ACK One hub's public API endpoint .*open to the whole internet/),
    ]);
  });
  it("reads the hub's own vSwitch when asked for one", () => {
    const hubVswitch = { zoneId: "ap-northeast-1a", cidr: "192.168.3.0/24" };
    expect(reading(readAckOne, "ackOne", { ...minimal, hubVswitch }).spec.hubVswitch).toEqual(hubVswitch);
  });
  it.each([
    ["a hub name starting with a digit", { hubName: "1hub" }, /ackOne\.hubName = "1hub": .*Fix: use 2-128 characters starting with a letter/],
    [
      "a registered name with a dot",
      { registeredClusterName: "gke.member" },
      /ackOne\.registeredClusterName = "gke\.member": .*Fix: use 1-63 letters, digits, hyphens or underscores/,
    ],
    ["an unknown distribution", { distribution: "helm" }, /ackOne\.distribution = "helm"/],
    ["too many requests", { requests: 101 }, /ackOne\.requests = 101/],
    [
      "a vSwitch zone that is no zone id",
      { hubVswitch: { zoneId: "tokyo", cidr: "192.168.3.0/24" } },
      /ackOne\.hubVswitch\.zoneId = "tokyo": .*Fix: use an Alibaba zone id/,
    ],
  ])("refuses %s, naming the key", (_what, over, message) => {
    expect(reading(readAckOne, "ackOne", { ...minimal, ...over }).problems.join("\n")).toMatch(message);
  });
});

describe("readProviderAccess", () => {
  const read = (value: Record<string, unknown>) => reading(readProviderAccess, "ackOne.providerAccess", value);
  it("is hub access when the section is absent", () => {
    expect(readProviderAccess(undefined)).toEqual({ mode: "hub" });
  });
  it("reads direct access with the kubeconfig's lifetime", () => {
    expect(read({ mode: "direct", temporaryDurationMinutes: 60 })).toMatchObject({ spec: { mode: "direct", temporaryDurationMinutes: 60 }, problems: [] });
  });
  it("refuses a lifetime ACK does not issue (15 to 4320 minutes)", () => {
    expect(read({ mode: "direct", temporaryDurationMinutes: 5 }).problems.join("\n")).toMatch(
      /temporaryDurationMinutes = 5: must be a whole number from 15 to 4320/,
    );
  });
  it("refuses source ranges: ACK no longer applies them", () => {
    expect(read({ mode: "direct", publicSourceRanges: ["203.0.113.0/24"] }).problems).toEqual([
      expect.stringMatching(/^multicloud-mesh:ackOne\.providerAccess\.publicSourceRanges = \["203\.0\.113\.0\/24"\]: cannot be applied: ACK no longer limits/),
    ]);
  });
});
