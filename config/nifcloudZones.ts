/**
 * NIFCLOUD's zones per region. The computing API takes any zone string; the lists of the regions
 * below are the enumerations of the nifcloud CLI's own service models (nifcloud-cli 1.17.0,
 * nifcloud/data/devops/v1 and devops-runner/v1 service-2.json, `AvailabilityZoneOf...`). For the
 * other regions no model lists zones: a zone there is checked by the naming rule those lists
 * follow (region jp-east-2 has zones east-2<n>), an assumption.
 */

/** Zones each region has, as the CLI models enumerate them. */
export const NIFCLOUD_ZONES: Readonly<Record<string, readonly string[]>> = {
  "jp-east-1": ["east-11", "east-12", "east-13", "east-14"],
  "jp-east-3": ["east-31"],
  "jp-west-1": ["west-11", "west-12", "west-13"],
  "jp-west-2": ["jp-west-21"],
};

/** The region a zone belongs to by the naming rule: east-11 -> jp-east-1, jp-west-21 -> jp-west-2. */
export function regionOfZone(zone: string): string | undefined {
  const listed = Object.entries(NIFCLOUD_ZONES).find(([, zones]) => zones.includes(zone));
  if (listed) return listed[0];
  const m = /^(?:jp-)?(east|west)-(\d)\d$/.exec(zone) ?? /^(us-east)-(\d)\d$/.exec(zone);
  if (!m) return undefined;
  return m[1] === "us-east" ? `us-east-${m[2]}` : `jp-${m[1]}-${m[2]}`;
}

/** Why `zone` cannot be used in `region`, with the fix; undefined when it can. */
export function nifcloudZoneProblem(region: string, zone: string): { why: string; fix: string } | undefined {
  const listed = NIFCLOUD_ZONES[region];
  const owner = regionOfZone(zone);
  if (listed ? listed.includes(zone) : owner === region) return undefined;
  const why = owner && owner !== region ? `is a zone of ${owner}, not of peer.region ${region}` : `is not a zone of peer.region ${region}`;
  return { why, fix: listed ? `use one of ${listed.join(", ")}` : `use a zone of ${region}` };
}
