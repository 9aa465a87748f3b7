/**
 * Whether a set of source ranges opens a rule to the internet: not only 0.0.0.0/0, but any union
 * that covers a public share of IPv4 (two halves, a /7 of public space, ...).
 */
import { PUBLIC_SHARE_LIMIT, publicAddressCount } from "../../config/addressSpace";
import { parseCidr } from "../../lib/cidr";

/** IPv6 sources wider than a /32 (the smallest allocation a registry makes to a provider) are open too. */
const WIDEST_IPV6_PREFIX = 32;

/** Why the sources open a rule to the internet, or undefined when they do not. */
export function publicShare(sources: readonly string[]): string | undefined {
  const ipv6 = sources.filter((s) => s.includes(":"));
  const wideV6 = ipv6.filter((s) => Number(s.split("/")[1] ?? 128) <= WIDEST_IPV6_PREFIX);
  if (wideV6.length > 0) return `${wideV6.join(", ")} (IPv6, wider than a /${WIDEST_IPV6_PREFIX})`;
  // A bare address is a /32; a range that does not parse is left to the cloud's own validation.
  const v4 = sources
    .filter((s) => !s.includes(":"))
    .map((s) => parseCidr(s.includes("/") ? s : `${s}/32`))
    .filter((c) => c !== undefined);
  const count = publicAddressCount(v4);
  return count > PUBLIC_SHARE_LIMIT ? `${count} public IPv4 addresses (${sources.join(", ")}), more than the ${PUBLIC_SHARE_LIMIT} of a /16` : undefined;
}
