/**
 * IPv4 address space by use, from IANA's IPv4 Special-Purpose Address Registry (RFC 6890 and the
 * RFCs each entry names; iana.org/assignments/iana-ipv4-special-registry). Everything the registry
 * does not list is public: some organisation on the internet holds it. Pure: validation and the
 * policy pack both read it.
 */
import { Cidr, contains, formatCidr, lastAddress, overlaps, parseCidr } from "../lib/cidr";

/**
 * `private`: for networks of one's own (RFC 1918, and RFC 6598's shared space, which carriers and
 * clouds use as private ranges). `reserved`: never routed on the internet, so nobody outside can
 * hold it, but set aside for another use (documentation, benchmarking, future use). `unusable`: no
 * network's hosts can have it (this-network, loopback, link-local, multicast, broadcast).
 * `public`: held by someone on the internet.
 */
export type SpaceKind = "private" | "reserved" | "unusable" | "public";

export interface Space {
  readonly cidr: Cidr;
  readonly kind: Exclude<SpaceKind, "public">;
  /** The registry's name for the block and the RFC that sets it aside. */
  readonly name: string;
}

const space = (text: string, kind: Space["kind"], name: string): Space => ({ cidr: parseCidr(text)!, kind, name });

export const SPECIAL_SPACES: readonly Space[] = [
  space("0.0.0.0/8", "unusable", "this network (RFC 791)"),
  space("10.0.0.0/8", "private", "private use (RFC 1918)"),
  space("100.64.0.0/10", "private", "shared address space (RFC 6598)"),
  space("127.0.0.0/8", "unusable", "loopback (RFC 1122)"),
  space("169.254.0.0/16", "unusable", "link-local (RFC 3927)"),
  space("172.16.0.0/12", "private", "private use (RFC 1918)"),
  space("192.0.0.0/24", "reserved", "IETF protocol assignments (RFC 6890)"),
  space("192.0.2.0/24", "reserved", "documentation TEST-NET-1 (RFC 5737)"),
  space("192.88.99.0/24", "reserved", "former 6to4 relay anycast (RFC 7526)"),
  space("192.168.0.0/16", "private", "private use (RFC 1918)"),
  space("198.18.0.0/15", "reserved", "benchmarking (RFC 2544)"),
  space("198.51.100.0/24", "reserved", "documentation TEST-NET-2 (RFC 5737)"),
  space("203.0.113.0/24", "reserved", "documentation TEST-NET-3 (RFC 5737)"),
  space("224.0.0.0/4", "unusable", "multicast (RFC 5771)"),
  space("255.255.255.255/32", "unusable", "limited broadcast (RFC 919)"),
  space("240.0.0.0/4", "reserved", "reserved for future use (RFC 1112)"),
];

/**
 * What a range is: the kind of the special space that holds all of it; public when any of it is
 * public; otherwise (it spans special spaces only) unusable when any of it is, else reserved.
 */
export function classify(cidr: Cidr): { kind: SpaceKind; space?: Space } {
  const holder = SPECIAL_SPACES.find((s) => contains(s.cidr, cidr));
  if (holder) return { kind: holder.kind, space: holder };
  if (publicAddressCount([cidr]) > 0) return { kind: "public" };
  const unusable = SPECIAL_SPACES.find((s) => s.kind === "unusable" && overlaps(s.cidr, cidr));
  return unusable ? { kind: "unusable", space: unusable } : { kind: "reserved", space: SPECIAL_SPACES.find((s) => overlaps(s.cidr, cidr)) };
}

/** A range's kind and, for a special one, its name: "10.0.0.0/8 private use (RFC 1918)". */
export function describeSpace(space: Space): string {
  return `${formatCidr(space.cidr)} ${space.name}`;
}

/**
 * The most public IPv4 addresses one rule, or one network's range, may hold: a /16. A /16 is the
 * largest block regional registries commonly assign to one organisation, so more public addresses
 * than that are, at least in part, others'. The stacks open rules to private ranges and single /32
 * VPN peers, far below it; a user's own public /24 or /16 passes.
 */
export const PUBLIC_SHARE_LIMIT = 2 ** 16;

type Interval = readonly [first: number, last: number];

/** Sorted, non-overlapping, non-adjacent intervals covering the same addresses. */
function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

const intervalOf = (c: Cidr): Interval => [c.network, lastAddress(c)];
const NOT_PUBLIC = merge(SPECIAL_SPACES.map((s) => intervalOf(s.cidr)));

/** How many public addresses the union of the ranges holds (each address counted once). */
export function publicAddressCount(cidrs: readonly Cidr[]): number {
  let count = 0;
  for (const [first, last] of merge(cidrs.map(intervalOf))) {
    count += last - first + 1;
    for (const [a, b] of NOT_PUBLIC) {
      const low = Math.max(first, a);
      const high = Math.min(last, b);
      if (low <= high) count -= high - low + 1;
    }
  }
  return count;
}
