import { Cidr, contains, overlaps, parseCidr } from "../../lib/cidr";
import { PUBLIC_SHARE_LIMIT, classify, describeSpace, publicAddressCount } from "../addressSpace";
import { Problems } from "../problems";
import { NetworkSpec } from "../types";

interface NamedRange {
  readonly key: string;
  readonly text: string;
  readonly cidr: Cidr;
}

function zoneProblems(problems: Problems, n: NetworkSpec, i: number): void {
  const vpc = parseCidr(n.nodeCidr);
  const zones = (n.zones ?? []).map((z, j) => ({ key: `networks[${i}].zones[${j}].cidr`, text: z.cidr, cidr: parseCidr(z.cidr) }));
  // The stack names each vSwitch after its zone: two entries of one zone would be one resource twice.
  (n.zones ?? []).forEach((z, j) => {
    const first = (n.zones ?? []).findIndex((other) => other.zoneId === z.zoneId);
    if (z.zoneId && first < j)
      problems.add(
        `networks[${i}].zones[${j}].zoneId`,
        z.zoneId,
        `is also networks[${i}].zones[${first}].zoneId: the stack makes one vSwitch per zone, named after the zone`,
        "give each zone one entry",
      );
  });
  zones.forEach((z, j) => {
    if (vpc && z.cidr && !contains(vpc, z.cidr))
      problems.add(z.key, z.text, `is outside the network's nodeCidr ${n.nodeCidr}`, "pick a vSwitch range inside the VPC range");
    zones.slice(0, j).forEach((earlier) => {
      if (z.cidr && earlier.cidr && overlaps(z.cidr, earlier.cidr))
        problems.add(z.key, z.text, `overlaps ${earlier.key} ${earlier.text}`, "give each zone its own range");
    });
  });
}

/** Every node, pod and service range of every network must be disjoint from the others; zones sit inside their VPC. */
export function checkRanges(problems: Problems, networks: readonly NetworkSpec[]): void {
  const ranges: NamedRange[] = [];
  networks.forEach((n, i) => {
    (["nodeCidr", "podCidr", "serviceCidr"] as const).forEach((field) => {
      const text = n[field];
      const cidr = text ? parseCidr(text) : undefined;
      if (text && cidr) ranges.push({ key: `networks[${i}].${field}`, text, cidr });
    });
    zoneProblems(problems, n, i);
  });
  ranges.forEach((a, i) =>
    ranges.slice(i + 1).forEach((b) => {
      if (overlaps(a.cidr, b.cidr))
        problems.add(b.key, b.text, `overlaps ${a.key} ${a.text}`, "choose disjoint ranges: traffic between the networks is routed, not NATed");
    }),
  );
}

const PRIVATE_FIX = "use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)";

/** Every range a network declares, with its key. */
function declaredRanges(n: NetworkSpec, i: number): NamedRange[] {
  const fields = (["nodeCidr", "podCidr", "serviceCidr"] as const).map((field) => ({ key: `networks[${i}].${field}`, text: n[field] }));
  const zones = (n.zones ?? []).map((z, j) => ({ key: `networks[${i}].zones[${j}].cidr`, text: z.cidr }));
  return [...fields, ...zones].flatMap(({ key, text }) => {
    const cidr = text ? parseCidr(text) : undefined;
    return text && cidr ? [{ key, text, cidr }] : [];
  });
}

/**
 * Every range is of a space a network can have and that is the user's own: private space (RFC 1918,
 * RFC 6598); public space only when the network says it owns it; never a space no host can have.
 * Routed ranges become firewall sources across the VPN, so a public range opens the mesh ports to
 * whoever holds it. Space reserved from the internet (benchmarking, documentation, future use)
 * opens nothing to others and is accepted with a warning.
 */
export function checkRangeSpaces(problems: Problems, networks: readonly NetworkSpec[]): void {
  networks.forEach((n, i) =>
    declaredRanges(n, i).forEach(({ key, text, cidr }) => {
      const { kind, space } = classify(cidr);
      if (kind === "unusable" && space) problems.add(key, text, `lies in ${describeSpace(space)}, which no network's hosts can have`, PRIVATE_FIX);
      else if (kind === "reserved" && space)
        problems.warn(
          key,
          text,
          `lies in ${describeSpace(space)}: never routed on the internet, so it opens nothing to others, but it is set aside for that use`,
        );
      else if (kind === "public") {
        const count = publicAddressCount([cidr]);
        if (!n.publicRangesOwned)
          problems.add(
            key,
            text,
            `holds ${count} public IPv4 addresses, which others hold: the stack would open the mesh ports and the API server to them`,
            `${PRIVATE_FIX}, or set networks[${i}].publicRangesOwned: true if it is address space you own`,
          );
        else if (count > PUBLIC_SHARE_LIMIT)
          problems.add(
            key,
            text,
            `holds ${count} public IPv4 addresses, more than the ${PUBLIC_SHARE_LIMIT} of a /16, the most one organisation commonly holds (the policy pack refuses rules open to more)`,
            `list the public ranges you own, each at most a /16, or ${PRIVATE_FIX}`,
          );
        else problems.warn(key, text, `is public address space, accepted as your own (networks[${i}].publicRangesOwned)`);
      }
    }),
  );
}
