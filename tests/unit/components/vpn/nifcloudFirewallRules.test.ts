import { nifcloudFirewallRules } from "../../../../components/vpn/nifcloudFirewallRules";

describe("NIFCLOUD firewall rules", () => {
  const rules = nifcloudFirewallRules("198.51.100.7", ["10.132.0.0/14", "10.128.0.0/20", "10.128.0.0/20"], 443);

  it("admits on NIFCLOUD IPsec from the GCP VPN address only and mesh ports from GCP's ranges", () => {
    const ipsec = rules.filter((r) => ["UDP", "ESP"].includes(r.IpProtocol));
    expect(ipsec.map((r) => [r.IpProtocol, r.FromPort ?? null])).toEqual([
      ["UDP", 500],
      ["UDP", 4500],
      ["ESP", null],
    ]);
    ipsec.forEach((r) => expect(r.ListOfRequestIpRanges).toEqual([{ CidrIp: "198.51.100.7/32" }]));
    const tcp = rules.filter((r) => r.IpProtocol === "TCP").map((r) => [r.FromPort, r.ListOfRequestIpRanges[0].CidrIp]);
    expect(tcp).toEqual([15443, 15012, 15017, 15021, 443].flatMap((port) => [port, port].map((p, i) => [p, ["10.128.0.0/20", "10.132.0.0/14"][i]])));
    rules.forEach((r) => expect(r.IpProtocol).not.toBe("ANY"));
  });

  it("is in the form NIFCLOUD stores: one source per rule, a single port as its start port only", () => {
    rules.forEach((r) => expect(r.ListOfRequestIpRanges).toHaveLength(1));
    expect(rules.filter((r) => "ToPort" in r)).toEqual([]);
  });
});
