import { longestChain, stepDurations } from "../../../rehearsal/criticalPath";

describe("the critical path of up", () => {
  const resources = [
    { urn: "gw" },
    { urn: "lan" },
    // the connection needs the gateway's id (data) and was also told to wait for the LAN
    { urn: "conn", dependencies: ["gw", "lan"], propertyDependencies: { environment: ["gw"] } },
  ];
  const took = new Map([
    ["gw", 3000],
    ["lan", 5000],
    ["conn", 1000],
  ]);

  it("follows every declared dependency for what the engine had to wait for", () => {
    expect(longestChain(resources, took, false)).toEqual({ ms: 6000, chain: ["lan", "conn"] });
  });

  it("follows only data dependencies for the floor", () => {
    // the connection need not wait for the LAN: the floor is the LAN alone
    expect(longestChain(resources, took, true)).toEqual({ ms: 5000, chain: ["lan"] });
  });

  it("weighs the stack and components at nothing: their step spans their children's", () => {
    const withStack = [...resources, { urn: "stack", custom: false }, { urn: "link", custom: false, dependencies: ["conn"] }];
    const spans = new Map([...took, ["stack", 9000], ["link", 7000]]);
    expect(longestChain(withStack, spans, false)).toEqual({ ms: 6000, chain: ["lan", "conn"] });
  });

  it("times each step from its events as they arrived", () => {
    const events = [
      { at: 100, event: { resourcePreEvent: { metadata: { urn: "gw" } } } },
      { at: 3100, event: { resOutputsEvent: { metadata: { urn: "gw" } } } },
    ];
    expect(stepDurations(events).get("gw")).toBe(3000);
  });
});
