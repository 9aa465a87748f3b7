import { parseCidr } from "../../lib/cidr";
import { GCP_NAME } from "../../lib/naming";
import { Reader } from "../problems";
import { CLOUDS, NetworkSpec, ZoneSubnet } from "../types";

export const CIDR_FIX = "use a.b.c.d/n with n from 0 to 32 and no host bits set, e.g. 172.16.232.0/24";

export function readCidr(r: Reader, name: string, required: boolean): string | undefined {
  if (!required && r.get(name) === undefined) return undefined;
  const text = r.string(name, { fix: CIDR_FIX });
  if (text && !parseCidr(text)) r.problems.add(r.key(name), text, "is not a valid IPv4 CIDR", CIDR_FIX);
  return text;
}

function readZones(r: Reader): ZoneSubnet[] {
  return r.list("zones", { required: false }).flatMap((item, i): ZoneSubnet[] => {
    const z = Reader.of(r.problems, `${r.key("zones")}[${i}]`, item);
    if (!z) return [];
    return [
      {
        zoneId: z.string("zoneId", { pattern: /^[a-z]{2}-[a-z]+(-\d+)?-[a-z0-9]+$/, fix: "use an Alibaba zone id such as ap-northeast-1a" }),
        cidr: readCidr(z, "cidr", true) ?? "",
      },
    ];
  });
}

/** One network, typed by its cloud: GCP needs pod and service ranges, Alibaba zones and a service range. */
export function readNetwork(r: Reader): NetworkSpec | undefined {
  const cloud = r.oneOf("cloud", CLOUDS);
  if (!CLOUDS.includes(cloud) || cloud !== r.value.cloud) {
    r.skipRest();
    return undefined;
  }
  const name = r.string("name", { pattern: GCP_NAME, fix: "use lower-case letters, digits and hyphens (RFC 1035), e.g. anthos-hybrid" });
  const nodeCidr = readCidr(r, "nodeCidr", true) ?? "";
  const zones = readZones(r);
  const owned = r.boolean("publicRangesOwned", false) ? { publicRangesOwned: true } : {};
  if (cloud === "gcp") {
    const podCidr = readCidr(r, "podCidr", true) ?? "";
    const serviceCidr = readCidr(r, "serviceCidr", true) ?? "";
    if (zones.length > 0) r.problems.add(r.key("zones"), r.value.zones, "is only used on Alibaba networks", "remove zones from the GCP network");
    return { name, cloud, nodeCidr, podCidr, serviceCidr, ...owned };
  }
  if (cloud === "alibaba") {
    if (r.value.podCidr !== undefined)
      r.problems.add(
        r.key("podCidr"),
        r.get("podCidr"),
        "is not used on Alibaba: ASK pods take vSwitch addresses",
        "remove podCidr; the zones' ranges are the pod ranges",
      );
    if (zones.length === 0)
      r.problems.add(
        r.key("zones"),
        r.value.zones,
        "is required: the VPN gateway and the ASK cluster live in vSwitches, one per zone",
        "list at least one {zoneId, cidr}; two zones let the VPN gateway fail over",
      );
    const serviceCidr = readCidr(r, "serviceCidr", true) ?? "";
    return { name, cloud, nodeCidr, serviceCidr, zones, ...owned };
  }
  if (zones.length > 0) r.problems.add(r.key("zones"), r.value.zones, "is only used on Alibaba networks", "remove zones");
  return { name, cloud, nodeCidr, podCidr: readCidr(r, "podCidr", false), serviceCidr: readCidr(r, "serviceCidr", false), ...owned };
}
