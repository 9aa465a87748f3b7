/** The Alibaba checks, called directly: zones of the region, the exporter's API access, the hub's own vSwitch. */
import { checkHubVswitch, checkProviderAccess, checkZones, isZoneOf } from "../../../../config/checks/alibaba";
import { Problems } from "../../../../config/problems";
import { AlibabaClusterSpec, ZoneSubnet } from "../../../../config/types";
import { ackOne, acsCluster, alibabaNetwork, draftConfig, gcpNetwork } from "../../../helpers/draftConfig";
import { stackProblems } from "../../../helpers/stackConfig";

describe("a zone of the region", () => {
  it("is the region's id plus a zone letter", () => {
    expect(isZoneOf("ap-northeast-1a", "ap-northeast-1")).toBe(true);
    expect(isZoneOf("cn-hangzhou-h", "cn-hangzhou")).toBe(true);
  });
  it("is not an id that only starts with the region's", () => {
    expect(isZoneOf("ap-northeast-10a", "ap-northeast-1")).toBe(false);
    expect(stackProblems("ack-dev", (v) => (v.networks[1].zones[1].zoneId = "ap-northeast-10a"))).toEqual([
      expect.stringMatching(/networks\[1\]\.zones\[1\]\.zoneId = "ap-northeast-10a": is not a zone of region ap-northeast-1/),
    ]);
  });
});

describe("checkZones", () => {
  const zoned = (zoneId: string) => {
    const problems = new Problems();
    const network = alibabaNetwork({
      zones: [
        { zoneId: "ap-northeast-1a", cidr: "192.168.1.0/24" },
        { zoneId, cidr: "192.168.2.0/24" },
      ],
    });
    checkZones(problems, draftConfig({ topology: "alibaba-gke", alibaba: { region: "ap-northeast-1" }, networks: [gcpNetwork(), network] }));
    return problems.list;
  };
  it("accepts zones of the region", () => {
    expect(zoned("ap-northeast-1b")).toEqual([]);
  });
  it("rejects a zone of another region, naming the region's form", () => {
    expect(zoned("ap-northeast-10a")).toEqual([
      'multicloud-mesh:networks[1].zones[1].zoneId = "ap-northeast-10a": is not a zone of region ap-northeast-1. Fix: use ap-northeast-1 followed by the zone letter, e.g. ap-northeast-1a',
    ]);
  });
});

describe("checkProviderAccess", () => {
  const access = (mode: "hub" | "direct", provider: AlibabaClusterSpec) => {
    const problems = new Problems();
    checkProviderAccess(problems, ackOne({ providerAccess: { mode } }), provider, 1);
    return { problems: problems.list, warnings: problems.warnings };
  };
  const open = acsCluster({ acs: { clusterName: "ackone-provider-acs", endpointPublicAccess: true, deletionProtection: false } });
  const NO_LIMIT = "ACK no longer limits a cluster's public API endpoint by source (access_control_list retired on 2026-07-04)";
  it("accepts a private endpoint either way", () => {
    expect(access("direct", acsCluster())).toEqual({ problems: [], warnings: [] });
  });
  it("rejects direct access to a public endpoint", () => {
    expect(access("direct", open).problems).toEqual([
      `multicloud-mesh:clusters[1].acs.endpointPublicAccess = true: would have Pulumi call an API endpoint open to the whole internet: ${NO_LIMIT}. Fix: set it to false and run Pulumi where the private endpoint is reachable (a runner in the VPC or over the VPN), or use ackOne.providerAccess.mode: hub`,
    ]);
  });
  it("keeps a public endpoint with hub access, with a warning naming the ackPro block for ACK Pro", () => {
    const ackPro: AlibabaClusterSpec = { name: "pro", network: "ack-vpc", platform: "ack-pro", meshNetwork: "ack-vpc", ackPro: { ...open.acs } };
    expect(access("hub", ackPro)).toEqual({
      problems: [],
      warnings: [
        `multicloud-mesh:clusters[1].ackPro.endpointPublicAccess = true: opens the provider cluster's API to the whole internet: ${NO_LIMIT}; nothing in this stack needs it`,
      ],
    });
  });
});

describe("checkHubVswitch", () => {
  const network = alibabaNetwork({
    nodeCidr: "192.168.0.0/16",
    zones: [
      { zoneId: "ap-northeast-1a", cidr: "192.168.1.0/24" },
      { zoneId: "ap-northeast-1b", cidr: "192.168.2.0/24" },
    ],
  });
  const hub = (hubVswitch: ZoneSubnet | undefined, region: { id?: string } = { id: "ap-northeast-1" }) => {
    const problems = new Problems();
    checkHubVswitch(problems, hubVswitch, network, region.id);
    return problems.list;
  };
  it("accepts no vSwitch: an existing hub keeps its own", () => {
    expect(hub(undefined)).toEqual([]);
  });
  it("accepts a zone of the region and a range of the VPC apart from the zones'", () => {
    expect(hub({ zoneId: "ap-northeast-1c", cidr: "192.168.3.0/24" })).toEqual([]);
  });
  it("rejects a zone of another region", () => {
    expect(hub({ zoneId: "cn-hangzhou-h", cidr: "192.168.3.0/24" })).toEqual([
      'multicloud-mesh:ackOne.hubVswitch.zoneId = "cn-hangzhou-h": is not a zone of region ap-northeast-1. Fix: use ap-northeast-1 followed by the zone letter, e.g. ap-northeast-1a',
    ]);
  });
  it("rejects a range outside the VPC", () => {
    expect(hub({ zoneId: "ap-northeast-1a", cidr: "10.200.0.0/24" })).toEqual([
      'multicloud-mesh:ackOne.hubVswitch.cidr = "10.200.0.0/24": is outside the Alibaba network\'s nodeCidr 192.168.0.0/16. Fix: pick a range inside the VPC range',
    ]);
  });
  it("rejects a range on a zone's vSwitch, naming the zone", () => {
    expect(hub({ zoneId: "ap-northeast-1a", cidr: "192.168.2.128/25" })).toEqual([
      'multicloud-mesh:ackOne.hubVswitch.cidr = "192.168.2.128/25": overlaps the vSwitch of zone ap-northeast-1b (192.168.2.0/24). Fix: give the hub a range of its own',
    ]);
  });
  it("leaves the zone unchecked while the region is unknown (its own problem is reported where it is read)", () => {
    expect(hub({ zoneId: "cn-hangzhou-h", cidr: "192.168.3.0/24" }, {})).toEqual([]);
  });
});
