import { Cidr, contains, overlaps, parseCidr } from "../../lib/cidr";
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
