import { nifcloudFirewallRules } from "../../../../components/vpn/nifcloudFirewallRules";

describe("NIFCLOUD firewall rules", () => {
  it("admits on NIFCLOUD IPsec from the GCP VPN address only and mesh ports from GCP's ranges", () => {
    const rules = nifcloudFirewallRules("198.51.100.7", ["10.128.0.0/20", "10.132.0.0/14"], 443);
    const ipsec = rules.filter((r) => ["UDP", "ESP"].includes(r.IpProtocol));
    expect(ipsec.map((r) => [r.IpProtocol, r.FromPort ?? null])).toEqual([
      ["UDP", 500],
      ["UDP", 4500],
      ["ESP", null],
    ]);
    ipsec.forEach((r) => expect(r.ListOfRequestIpRanges).toEqual([{ CidrIp: "198.51.100.7/32" }]));
    const tcpPorts = rules.filter((r) => r.IpProtocol === "TCP").map((r) => r.FromPort);
    expect(tcpPorts).toEqual([15443, 15012, 15017, 15021, 443]);
    rules.forEach((r) => expect(r.IpProtocol).not.toBe("ANY"));
  });
});
