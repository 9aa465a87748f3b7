import fc from "fast-check";
import { classify, describeSpace, publicAddressCount } from "../../../config/addressSpace";
import { Cidr, parseCidr } from "../../../lib/cidr";

const cidr = (text: string): Cidr => parseCidr(text)!;

describe("classify", () => {
  it.each([
    ["172.16.232.0/24", "private", "172.16.0.0/12 private use (RFC 1918)"],
    ["100.64.0.0/16", "private", "100.64.0.0/10 shared address space (RFC 6598)"],
    ["198.18.0.0/15", "reserved", "198.18.0.0/15 benchmarking (RFC 2544)"],
    ["224.1.0.0/16", "unusable", "224.0.0.0/4 multicast (RFC 5771)"],
    ["127.0.0.0/16", "unusable", "127.0.0.0/8 loopback (RFC 1122)"],
    ["224.0.0.0/3", "unusable", "224.0.0.0/4 multicast (RFC 5771)"],
    ["0.0.0.0/0", "public", undefined],
    ["128.0.0.0/2", "public", undefined],
    ["172.0.0.0/8", "public", undefined],
  ])("%s is %s", (range, kind, name) => {
    const found = classify(cidr(range));
    expect(found.kind).toBe(kind);
    expect(found.space && describeSpace(found.space)).toBe(name);
  });
});

describe("publicAddressCount", () => {
  it("counts every public address of IPv4 once, and none of the private or reserved space", () => {
    expect(publicAddressCount([cidr("0.0.0.0/0")])).toBe(3702258432);
    expect(publicAddressCount([cidr("0.0.0.0/1"), cidr("128.0.0.0/1"), cidr("0.0.0.0/0")])).toBe(3702258432);
    expect(publicAddressCount([cidr("10.0.0.0/8"), cidr("192.168.0.0/16"), cidr("198.18.0.0/15")])).toBe(0);
    expect(publicAddressCount([cidr("8.0.0.0/7")])).toBe(2 ** 25);
    expect(publicAddressCount([cidr("34.1.2.3/32"), cidr("34.1.2.3/32")])).toBe(1);
  });

  it("never counts more than the ranges hold, and a union never counts less than one of its ranges", () => {
    const anyCidr = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })).map(([address, prefix]) => {
      const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
      return { network: (address & mask) >>> 0, prefix };
    });
    fc.assert(
      fc.property(fc.array(anyCidr, { minLength: 1, maxLength: 5 }), (cidrs) => {
        const union = publicAddressCount(cidrs);
        expect(union).toBeLessThanOrEqual(cidrs.reduce((sum, c) => sum + 2 ** (32 - c.prefix), 0));
        cidrs.forEach((c) => expect(union).toBeGreaterThanOrEqual(publicAddressCount([c])));
      }),
    );
  });
});
