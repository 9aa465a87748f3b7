import { bgpSessionAddresses, checkBgpAsns, checkBgpTunnelCidrs } from "../../../lib/bgpSession";

describe("BGP session addresses", () => {
  it("puts Cloud Router on the first host of the /30 and Alibaba on the second", () => {
    expect(bgpSessionAddresses("169.254.10.0/30")).toEqual({ tunnelCidr: "169.254.10.0/30", gcp: "169.254.10.1", alibaba: "169.254.10.2" });
    expect(bgpSessionAddresses("169.254.200.4/30")).toMatchObject({ gcp: "169.254.200.5", alibaba: "169.254.200.6" });
  });
  it("refuses anything but a /30", () => {
    expect(() => bgpSessionAddresses("169.254.10.0/29")).toThrow("not a /30");
  });
});

describe("tunnel CIDR check", () => {
  it("accepts two distinct link-local /30s", () => {
    expect(checkBgpTunnelCidrs("vpn.bgp.tunnelCidrs", ["169.254.10.0/30", "169.254.11.0/30"])).toEqual([]);
  });
  it("names key, value and fix for each problem", () => {
    expect(checkBgpTunnelCidrs("vpn.bgp.tunnelCidrs", ["10.0.0.0/30", "169.254.2.0/30"])).toEqual([
      "vpn.bgp.tunnelCidrs[0]: '10.0.0.0/30' is not a /30 inside 169.254.0.0/16; use e.g. 169.254.10.0/30",
      expect.stringMatching(/^vpn\.bgp\.tunnelCidrs\[1\]: '169\.254\.2\.0\/30' is reserved by Alibaba .*pick another/),
    ]);
    expect(checkBgpTunnelCidrs("k", ["169.254.10.0/30", "169.254.10.0/30"])).toEqual(["k[1]: '169.254.10.0/30' overlaps k[0]; each tunnel needs its own /30"]);
    expect(checkBgpTunnelCidrs("k", ["169.254.10.0/30"])).toEqual(["k: give 2 link-local /30s, one per tunnel (got 1)"]);
    expect(checkBgpTunnelCidrs("k", ["169.254.10.0/29", "169.254.169.252/30"])).toHaveLength(2);
  });
});

describe("Alibaba's reserved tunnel CIDRs", () => {
  // vpc/CreateVpnConnection.json, BgpConfig.TunnelCidr: "cannot be 169.254.0.0/30, ..., 169.254.6.0/30, or 169.254.169.252/30".
  const reserved = ["0", "1", "2", "3", "4", "5", "6"].map((n) => `169.254.${n}.0/30`).concat("169.254.169.252/30");
  it.each(reserved)("refuses %s", (cidr) => {
    expect(checkBgpTunnelCidrs("k", [cidr, "169.254.10.0/30"])).toEqual([expect.stringMatching(/^k\[0\]: '.*' is reserved by Alibaba /)]);
  });
  it("accepts the /30s next to them", () => {
    expect(checkBgpTunnelCidrs("k", ["169.254.7.0/30", "169.254.6.4/30"])).toEqual([]);
  });
});

describe("ASN check", () => {
  it("wants two different private ASNs", () => {
    expect(checkBgpAsns("gcpAsn", 65010, "alibabaAsn", 65020)).toEqual([]);
    expect(checkBgpAsns("gcpAsn", 4200000001, "alibabaAsn", 65020)).toEqual([]);
    expect(checkBgpAsns("gcpAsn", 45104, "alibabaAsn", 65020)).toEqual(["gcpAsn: 45104 is not a private ASN; use one in 64512-65534 or 4200000000-4294967294"]);
    expect(checkBgpAsns("gcpAsn", 65010, "alibabaAsn", 65010)).toEqual(["alibabaAsn: 65010 equals gcpAsn; the two sides need different ASNs"]);
  });
});
