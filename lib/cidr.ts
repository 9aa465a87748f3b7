/** IPv4 address and CIDR arithmetic on unsigned 32-bit integers. Pure; no Pulumi here. */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer (host bits cleared). */
  readonly network: number;
  readonly prefix: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

export function ipToInt(ip: string): number {
  if (!isIpv4(ip)) throw new Error(`'${ip}' is not an IPv4 address`);
  return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses `a.b.c.d/n`; returns undefined when malformed or when host bits are set. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match || !isIpv4(match[1])) return undefined;
  const prefix = Number(match[2]);
  if (prefix > 32) return undefined;
  const address = ipToInt(match[1]);
  const network = (address & mask(prefix)) >>> 0;
  return network === address ? { network, prefix } : undefined;
}

export function formatCidr(cidr: Cidr): string {
  return `${intToIp(cidr.network)}/${cidr.prefix}`;
}

export function size(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function lastAddress(cidr: Cidr): number {
  return cidr.network + size(cidr) - 1;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.prefix <= inner.prefix && outer.network <= inner.network && lastAddress(inner) <= lastAddress(outer);
}

export function containsIp(cidr: Cidr, ip: string): boolean {
  const value = ipToInt(ip);
  return cidr.network <= value && value <= lastAddress(cidr);
}

/** The smallest single CIDR that contains every given CIDR. */
export function coveringCidr(cidrs: readonly Cidr[]): Cidr {
  if (cidrs.length === 0) throw new Error("coveringCidr needs at least one CIDR");
  const low = Math.min(...cidrs.map((c) => c.network));
  const high = Math.max(...cidrs.map(lastAddress));
  let prefix = Math.min(...cidrs.map((c) => c.prefix));
  while (prefix > 0 && (low & mask(prefix)) >>> 0 !== (high & mask(prefix)) >>> 0) prefix--;
  return { network: (low & mask(prefix)) >>> 0, prefix };
}
