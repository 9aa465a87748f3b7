/** No two networks of the stack may overlap: traffic between them is routed, not NATed. */
import { overlaps, parseCidr } from "../../lib/cidr";
import { Resource, scriptOf } from "./resource";

interface Range {
  network: string;
  cidr: string;
}

/** Every range a resource claims, with the network it belongs to. */
export function rangesOf(r: Resource): Range[] {
  const p = r.props;
  switch (r.type) {
    case "gcp:compute/subnetwork:Subnetwork": {
      const network = `gcp:${p.name}`;
      return [p.ipCidrRange, ...(p.secondaryIpRanges ?? []).map((s: any) => s.ipCidrRange)].filter(Boolean).map((cidr) => ({ network, cidr }));
    }
    case "alicloud:vpc/network:Network":
      return p.cidrBlock ? [{ network: `alibaba:${p.vpcName}`, cidr: p.cidrBlock }] : [];
    case "alicloud:cs/serverlessKubernetes:ServerlessKubernetes":
      return p.serviceCidr ? [{ network: `alibaba-services:${p.name}`, cidr: p.serviceCidr }] : [];
    default: {
      const command = scriptOf(r);
      return command?.script === "nifcloud/private-lan.sh" && command.env.LAN_CIDR
        ? [{ network: `nifcloud:${command.env.LAN_NAME}`, cidr: command.env.LAN_CIDR }]
        : [];
    }
  }
}

export function overlappingCidrs(resources: readonly Resource[]): string[] {
  const ranges = resources.flatMap(rangesOf);
  const problems: string[] = [];
  ranges.forEach((a, i) =>
    ranges.slice(i + 1).forEach((b) => {
      if (a.network === b.network) return;
      const x = parseCidr(a.cidr);
      const y = parseCidr(b.cidr);
      if (x && y && overlaps(x, y)) problems.push(`${b.cidr} (${b.network}) overlaps ${a.cidr} (${a.network}); choose disjoint ranges`);
    }),
  );
  return problems;
}
