import { gcpMeshFirewallRules } from "../../../../components/network/firewallRules";

describe("GCP mesh firewall rules", () => {
  it("admits on GCP only the mesh ports and ICMP from the peer, and no health-check rule (GKE makes its own for 10256)", () => {
    const rules = gcpMeshFirewallRules(["172.16.232.0/24"]);
    expect(rules.map((r) => r.role)).toEqual(["peer-mesh", "peer-icmp"]);
    expect(rules[0]).toMatchObject({ sourceRanges: ["172.16.232.0/24"], allow: [{ protocol: "tcp", ports: ["15443", "15012", "15017", "15021"] }] });
    rules.forEach((r) => expect(r.sourceRanges).not.toContain("0.0.0.0/0"));
    rules.forEach((r) => expect(r.sourceRanges).not.toContain("35.191.0.0/16"));
  });
  it("opens nothing when no peer exists", () => {
    expect(gcpMeshFirewallRules([])).toEqual([]);
  });
});
