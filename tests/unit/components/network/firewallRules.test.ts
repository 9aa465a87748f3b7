import { gcpMeshFirewallRules } from "../../../../components/network/firewallRules";

describe("GCP mesh firewall rules", () => {
  it("admits on GCP only the east-west gateway's cross-network ports and ICMP from the peer, and no health-check rule (GKE makes its own for 10256)", () => {
    const rules = gcpMeshFirewallRules(["172.16.232.0/24"]);
    expect(rules.map((r) => r.role)).toEqual(["peer-mesh", "peer-icmp"]);
    expect(rules[0]).toMatchObject({ sourceRanges: ["172.16.232.0/24"], allow: [{ protocol: "tcp", ports: ["15443", "15021"] }] });
    rules.forEach((r) => expect(r.sourceRanges).not.toContain("0.0.0.0/0"));
    rules.forEach((r) => expect(r.sourceRanges).not.toContain("35.191.0.0/16"));
  });
  it("keeps istiod's ports closed: every cluster of a multi-primary mesh runs its own istiod", () => {
    const ports = gcpMeshFirewallRules(["172.16.232.0/24"]).flatMap((r) => r.allow.flatMap((a) => a.ports ?? []));
    expect(ports).not.toContain("15012");
    expect(ports).not.toContain("15017");
  });
  it("GIVEN the GKE nodes' tags THEN opens the mesh ports on those nodes only, and ICMP on the network", () => {
    const [mesh, icmp] = gcpMeshFirewallRules(["172.16.232.0/24"], true, ["gke-b-nodes", "gke-a-nodes", "gke-a-nodes"]);
    expect(mesh.targetTags).toEqual(["gke-a-nodes", "gke-b-nodes"]);
    expect(icmp.targetTags).toBeUndefined();
  });
  it("opens nothing when no peer exists", () => {
    expect(gcpMeshFirewallRules([])).toEqual([]);
  });
});
