import { nifcloudFirewallRules } from "../../../../components/vpn/nifcloudFirewallRules";

describe("NIFCLOUD firewall rules", () => {
  const routed = ["10.132.0.0/14", "10.128.0.0/20", "10.136.0.0/20", "10.128.0.0/20"];
  const rules = nifcloudFirewallRules("198.51.100.7", { routed, workloads: ["10.132.0.0/14"] }, 6443);

  it("admits on NIFCLOUD IPsec from the GCP VPN address only", () => {
    const ipsec = rules.filter((r) => ["UDP", "ESP"].includes(r.IpProtocol));
    expect(ipsec.map((r) => [r.IpProtocol, r.FromPort ?? null])).toEqual([
      ["UDP", 500],
      ["UDP", 4500],
      ["ESP", null],
    ]);
    ipsec.forEach((r) => expect(r.ListOfRequestIpRanges).toEqual([{ CidrIp: "198.51.100.7/32" }]));
    rules.forEach((r) => expect(r.IpProtocol).not.toBe("ANY"));
  });

  it("admits the east-west gateway's 15443 and 15021 and the API server only from GKE's pods, and no istiod port", () => {
    const tcp = rules.filter((r) => r.IpProtocol === "TCP").map((r) => [r.FromPort, r.ListOfRequestIpRanges[0].CidrIp]);
    expect(tcp).toEqual([
      [15443, "10.132.0.0/14"],
      [15021, "10.132.0.0/14"],
      [6443, "10.132.0.0/14"],
    ]);
  });

  it("admits ICMP from every range GCP routes into the tunnel", () => {
    const icmp = rules.filter((r) => r.IpProtocol === "ICMP").map((r) => r.ListOfRequestIpRanges[0].CidrIp);
    expect(icmp).toEqual(["10.128.0.0/20", "10.132.0.0/14", "10.136.0.0/20"]);
  });

  it("is in the form NIFCLOUD stores: one source per rule, a single port as its start port only", () => {
    rules.forEach((r) => expect(r.ListOfRequestIpRanges).toHaveLength(1));
    expect(rules.filter((r) => "ToPort" in r)).toEqual([]);
  });
});
