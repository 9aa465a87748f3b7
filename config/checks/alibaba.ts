/**
 * The checks only topology alibaba-gke runs (zones in the region, the exporter's access, the hub's
 * vSwitch) and the Alibaba rules they share with its reader (what a zone id is, what ACK no longer does).
 */
import { contains, overlaps, parseCidr } from "../../lib/cidr";
import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { AckOneSpec, AlibabaClusterSpec, NetworkSpec, ZoneSubnet, alibabaClusterSettings } from "../types";

/**
 * ACK stopped honouring a cluster's API-server access list (`access_control_list`) on 2026-07-04,
 * so the stack cannot limit a public endpoint to given sources: it never relies on one.
 */
export const ACK_NO_SOURCE_LIMIT = "ACK no longer limits a cluster's public API endpoint by source (access_control_list retired on 2026-07-04)";

/** A zone id is the region's id plus a zone letter (ap-northeast-1a), not just any id starting with it. */
export function isZoneOf(zoneId: string, region: string): boolean {
  return zoneId.startsWith(region) && /^-?[a-z]$/.test(zoneId.slice(region.length));
}

/** Every vSwitch zone of every network lies in `alibaba.region`. */
export function checkZones(problems: Problems, config: DraftConfig): void {
  const region = config.alibaba?.region;
  if (!region) return;
  config.networks.forEach((n, i) =>
    (n.zones ?? []).forEach((z, j) => {
      if (z.zoneId && !isZoneOf(z.zoneId, region)) {
        problems.add(
          `networks[${i}].zones[${j}].zoneId`,
          z.zoneId,
          `is not a zone of region ${region}`,
          `use ${region} followed by the zone letter, e.g. ${region}a`,
        );
      }
    }),
  );
}

/**
 * Direct access goes to the private endpoint: a public one would be open to the whole internet.
 * With hub access a public endpoint is kept for older stack files, with a warning.
 */
export function checkProviderAccess(problems: Problems, ackOne: AckOneSpec | undefined, exporter: AlibabaClusterSpec | undefined, index: number): void {
  if (!ackOne || !exporter || !alibabaClusterSettings(exporter).endpointPublicAccess) return;
  const block = exporter.platform === "ack-pro" ? "ackPro" : exporter.platform;
  const key = `clusters[${index}].${block}.endpointPublicAccess`;
  if (ackOne.providerAccess.mode === "direct")
    problems.add(
      key,
      true,
      `would have Pulumi call an API endpoint open to the whole internet: ${ACK_NO_SOURCE_LIMIT}`,
      "set it to false and run Pulumi where the private endpoint is reachable (a runner in the VPC or over the VPN), or use ackOne.providerAccess.mode: hub",
    );
  else problems.warn(key, true, `opens the provider cluster's API to the whole internet: ${ACK_NO_SOURCE_LIMIT}; nothing in this stack needs it`);
}

/** The hub's own vSwitch lies in the region and the VPC, apart from the zones' vSwitches. */
export function checkHubVswitch(problems: Problems, hubVswitch: ZoneSubnet | undefined, network: NetworkSpec, region: string | undefined): void {
  if (!hubVswitch) return;
  if (region && hubVswitch.zoneId && !isZoneOf(hubVswitch.zoneId, region))
    problems.add(
      "ackOne.hubVswitch.zoneId",
      hubVswitch.zoneId,
      `is not a zone of region ${region}`,
      `use ${region} followed by the zone letter, e.g. ${region}a`,
    );
  const cidr = parseCidr(hubVswitch.cidr);
  const vpc = parseCidr(network.nodeCidr);
  if (!cidr) return;
  if (vpc && !contains(vpc, cidr))
    problems.add(
      "ackOne.hubVswitch.cidr",
      hubVswitch.cidr,
      `is outside the Alibaba network's nodeCidr ${network.nodeCidr}`,
      "pick a range inside the VPC range",
    );
  (network.zones ?? []).forEach((z) => {
    const zone = parseCidr(z.cidr);
    if (zone && overlaps(zone, cidr))
      problems.add("ackOne.hubVswitch.cidr", hubVswitch.cidr, `overlaps the vSwitch of zone ${z.zoneId} (${z.cidr})`, "give the hub a range of its own");
  });
}
