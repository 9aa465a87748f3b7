import { gcpMeshFirewallRules } from "../../../../components/network/firewallRules";

describe("GCP mesh firewall rules", () => {
  it("admits on GCP only the mesh ports and ICMP from the peer, and health checks on 15021", () => {
    const rules = gcpMeshFirewallRules(["172.16.232.0/24"]);
    expect(rules.map((r) => r.role)).toEqual(["peer-mesh", "peer-icmp", "lb-health"]);
    expect(rules[0]).toMatchObject({ sourceRanges: ["172.16.232.0/24"], allow: [{ protocol: "tcp", ports: ["15443", "15012", "15017", "15021"] }] });
    expect(rules[2]).toMatchObject({ sourceRanges: ["35.191.0.0/16", "130.211.0.0/22"], allow: [{ protocol: "tcp", ports: ["15021"] }] });
    rules.forEach((r) => expect(r.sourceRanges).not.toContain("0.0.0.0/0"));
  });
  it("opens nothing when no peer exists", () => {
    expect(gcpMeshFirewallRules([])).toEqual([]);
  });
});
