import fc from "fast-check";
import { contains, containsIp, coveringCidr, formatCidr, intToIp, ipToInt, overlaps, parseCidr } from "../../../lib/cidr";

const blockArb = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })).map(([address, prefix]) => {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { network: (address & mask) >>> 0, prefix };
});

describe("parseCidr", () => {
  it.each(["172.16.232.0/24", "10.0.0.0/8", "0.0.0.0/0", "203.0.113.7/32"])("accepts %s and formats it back", (text) => {
    expect(formatCidr(parseCidr(text)!)).toBe(text);
  });
  it.each(["172.16.232.1/24", "256.0.0.0/8", "10.0.0.0/33", "10.0.0/8", "10.0.0.0", "a.b.c.d/8", "010.0.0.0/8", "10.0.0.0/-1"])("rejects %s", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
  it("round-trips every valid block", () => {
    fc.assert(
      fc.property(blockArb, (c) => {
        expect(parseCidr(formatCidr(c))).toEqual(c);
      }),
    );
  });
});

describe("ip conversion", () => {
  it("round-trips every address", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        expect(ipToInt(intToIp(n))).toBe(n);
      }),
    );
  });
});

describe("overlaps", () => {
  it("is symmetric", () => {
    fc.assert(
      fc.property(blockArb, blockArb, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
      }),
    );
  });
  it("holds exactly when one block contains the other (CIDR blocks nest or are disjoint)", () => {
    fc.assert(
      fc.property(blockArb, blockArb, (a, b) => {
        expect(overlaps(a, b)).toBe(contains(a, b) || contains(b, a));
      }),
    );
  });
  it("agrees with a shared address", () => {
    fc.assert(
      fc.property(blockArb, blockArb, (a, b) => {
        const shared = containsIp(a, intToIp(b.network)) || containsIp(b, intToIp(a.network));
        expect(overlaps(a, b)).toBe(shared);
      }),
    );
  });
  it("knows the seed's ranges apart", () => {
    expect(overlaps(parseCidr("172.16.232.0/24")!, parseCidr("10.128.0.0/20")!)).toBe(false);
    expect(overlaps(parseCidr("10.128.0.0/12")!, parseCidr("10.136.0.0/20")!)).toBe(true);
  });
});

describe("coveringCidr", () => {
  it("contains every input and is the smallest such block", () => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 5 }), (blocks) => {
        const cover = coveringCidr(blocks);
        blocks.forEach((b) => expect(contains(cover, b)).toBe(true));
        if (cover.prefix < 32) {
          const halves = [0, 1].map((h) => ({ network: cover.network + h * 2 ** (31 - cover.prefix), prefix: cover.prefix + 1 }));
          expect(halves.some((half) => blocks.every((b) => contains(half, b)))).toBe(false);
        }
      }),
    );
  });
  it("covers the dev GCP ranges with 10.128.0.0/12", () => {
    expect(formatCidr(coveringCidr(["10.128.0.0/20", "10.132.0.0/14", "10.136.0.0/20"].map((t) => parseCidr(t)!)))).toBe("10.128.0.0/12");
  });
});
