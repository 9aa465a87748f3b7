import { Cidr, formatCidr, ipToInt, isIpv4, lastAddress, parseCidr } from "../../lib/cidr";

/**
 * Why `ip` cannot be a host of `cidrText`, or undefined when it can: no IPv4 address, outside the
 * range, or its network or broadcast address (a `.255` inside a /23 is a valid host). Undefined
 * when the range itself is malformed (reported where it is read).
 */
export function hostProblem(ip: string, cidrText: string): string | undefined {
  const cidr: Cidr | undefined = parseCidr(cidrText);
  if (!cidr) return undefined;
  if (!isIpv4(ip)) return "is not an IPv4 address (four numbers from 0 to 255)";
  const value = ipToInt(ip);
  if (value < cidr.network || value > lastAddress(cidr)) return `is outside ${formatCidr(cidr)}`;
  if (cidr.prefix <= 30 && value === cidr.network) return `is the network address of ${formatCidr(cidr)}`;
  if (cidr.prefix <= 30 && value === lastAddress(cidr)) return `is the broadcast address of ${formatCidr(cidr)}`;
  return undefined;
}
