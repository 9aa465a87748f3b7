/** What only the alibaba-gke topology (ACK One multi-cluster services) reads, checks and narrows. */
import { contains, overlaps, parseCidr } from "../lib/cidr";
import { ALIBABA_NAME } from "../lib/naming";
import { DraftConfig } from "./draft";
import { readMcsApp } from "./mcsApp";
import { Problems, Reader } from "./problems";
import { RawConfig, requireSecret } from "./rawConfig";
import { resolveAlibabaLink } from "./resolve";
import { Secret } from "./secret";
import { readCidr } from "./read/network";
import {
  ALIBABA_PLATFORMS,
  AckOneSpec,
  AlibabaClusterSpec,
  AlibabaGkeConfig,
  AlibabaSpec,
  GkeClusterSpec,
  NetworkSpec,
  ProviderAccessSpec,
  ZoneSubnet,
} from "./types";

export const ALIBABA_CREDENTIAL_KEYS = ["alibabaAccessKeyId", "alibabaAccessKeySecret"] as const;

const REGION = /^[a-z]{2}-[a-z]+(-\d+)?$/;

export function readAlibaba(r: Reader): AlibabaSpec {
  return { region: r.string("region", { pattern: REGION, fix: "use an Alibaba Cloud region id such as ap-northeast-1" }) };
}

export function readAckOne(r: Reader): AckOneSpec {
  const name = { pattern: ALIBABA_NAME, fix: "use 2-128 characters starting with a letter, e.g. ackone-hub" };
  return {
    hubName: r.string("hubName", name),
    registeredClusterName: r.string("registeredClusterName", {
      pattern: /^[A-Za-z0-9][-A-Za-z0-9_]{0,62}$/,
      fix: "use 1-63 letters, digits, hyphens or underscores",
    }),
    distribution: r.oneOf("distribution", ["propagation-policy", "kubevela"] as const, "propagation-policy"),
    services: r.oneOf("services", ["multi-cluster-service", "service-export-import"] as const, "multi-cluster-service"),
    providerAccess: readProviderAccess(r.optionalChild("providerAccess")),
    agentPrivateEndpoint: r.boolean("agentPrivateEndpoint", true),
    hubPrivateEndpoint: readHubPrivateEndpoint(r),
    ...readHubVswitch(r.optionalChild("hubVswitch")),
    app: readMcsApp(r),
    verify: r.boolean("verify", true),
    requests: r.integer("requests", { min: 1, max: 100, default: 5 }),
  };
}

/** The hub's own vSwitch, when the stack file asks for one (`{zoneId, cidr}`). */
function readHubVswitch(r: Reader | undefined): { hubVswitch?: ZoneSubnet } {
  if (!r) return {};
  return {
    hubVswitch: {
      zoneId: r.string("zoneId", { pattern: /^[a-z]{2}-[a-z]+(-\d+)?-[a-z0-9]+$/, fix: "use an Alibaba zone id such as ap-northeast-1a" }),
      cidr: readCidr(r, "cidr", true) ?? "",
    },
  };
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

/** The hub's API stays in the VPC unless the stack file turns its public endpoint on, warned. */
function readHubPrivateEndpoint(r: Reader): boolean {
  const hubPrivate = r.boolean("hubPrivateEndpoint", true);
  if (!hubPrivate)
    r.problems.warn(
      r.key("hubPrivateEndpoint"),
      false,
      "turns on the ACK One hub's public API endpoint (an EIP), open to the whole internet; set it to true and run `up` where the hub's VPC is reachable (over the VPN or from a host in the VPC) to keep it private",
    );
  return hubPrivate;
}

/**
 * ACK stopped honouring a cluster's API-server access list (`access_control_list`) on 2026-07-04,
 * so the stack cannot limit a public endpoint to given sources: it never relies on one.
 */
const NO_SOURCE_LIMIT = "ACK no longer limits a cluster's public API endpoint by source (access_control_list retired on 2026-07-04)";

/** How Pulumi reaches the provider cluster: through the hub unless the user says it is reachable. */
export function readProviderAccess(r: Reader | undefined): ProviderAccessSpec {
  if (!r) return { mode: "hub" };
  const mode = r.oneOf("mode", ["hub", "direct"] as const, "hub");
  // cs/DescribeClusterUserKubeconfig.json: TemporaryDurationMinutes, 15 to 4320.
  const minutes = r.get("temporaryDurationMinutes") === undefined ? undefined : r.integer("temporaryDurationMinutes", { min: 15, max: 4320 });
  const ranges = r.get("publicSourceRanges");
  if (ranges !== undefined)
    r.problems.add(
      r.key("publicSourceRanges"),
      ranges,
      `cannot be applied: ${NO_SOURCE_LIMIT}`,
      "remove it; keep the provider cluster's endpoint private and use mode: hub, or mode: direct from inside the VPC",
    );
  return minutes === undefined ? { mode } : { mode, temporaryDurationMinutes: minutes };
}

/** The settings block of an Alibaba cluster, whichever platform it names. */
export function alibabaClusterSettings(c: AlibabaClusterSpec): {
  clusterName: string;
  endpointPublicAccess: boolean;
  deletionProtection: boolean;
  version?: string;
} {
  if (c.platform === "ask") return c.ask;
  return c.platform === "acs" ? c.acs : c.ackPro;
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
      `would have Pulumi call an API endpoint open to the whole internet: ${NO_SOURCE_LIMIT}`,
      "set it to false and run Pulumi where the private endpoint is reachable (a runner in the VPC or over the VPN), or use ackOne.providerAccess.mode: hub",
    );
  else problems.warn(key, true, `opens the provider cluster's API to the whole internet: ${NO_SOURCE_LIMIT}; nothing in this stack needs it`);
}

/** A zone id is the region's id plus a zone letter (ap-northeast-1a), not just any id starting with it. */
export function isZoneOf(zoneId: string, region: string): boolean {
  return zoneId.startsWith(region) && /^-?[a-z]$/.test(zoneId.slice(region.length));
}

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

/** A key as written in the first vpnLinks entry of the stack file (readers fill in defaults). */
function rawLinkKey(raw: RawConfig, key: string): unknown {
  const links = raw.values.vpnLinks;
  const first: unknown = Array.isArray(links) ? links[0] : undefined;
  return first !== null && typeof first === "object" ? Reflect.get(first, key) : undefined;
}

export function narrowAlibabaGke(problems: Problems, config: DraftConfig, raw: RawConfig): AlibabaGkeConfig | undefined {
  const { gcp, alibaba, ackOne } = config;
  if (!gcp) problems.add("gcp", undefined, "is required by topology alibaba-gke", "set gcp.project and gcp.region");
  if (!alibaba) problems.add("alibaba", undefined, "is required by topology alibaba-gke", "set alibaba.region, e.g. ap-northeast-1");
  if (!ackOne) problems.add("ackOne", undefined, "is required by topology alibaba-gke", "declare ackOne as in Pulumi.ack-dev.yaml");
  if (config.mesh)
    problems.add("mesh", "(set)", "is not used by topology alibaba-gke (ACK One multi-cluster services, no Istio)", "remove mesh from the stack file");
  checkZones(problems, config);
  const [first, ...extra] = config.vpnLinks;
  extra.forEach((l) =>
    problems.add(`vpnLinks[${config.vpnLinks.indexOf(l)}]`, l.name, "is a second link: topology alibaba-gke builds exactly one", "keep one vpnLinks entry"),
  );
  const link = first && resolveAlibabaLink(config, first);
  if (!first && raw.values.vpnLinks === undefined)
    problems.add("vpnLinks", undefined, "needs a link with an alibaba peer for topology alibaba-gke", "add a vpnLinks entry with peer.kind: alibaba");
  else if (first.peer.kind !== "alibaba")
    problems.add(
      "vpnLinks[0].peer.kind",
      first.peer.kind,
      "is not a peer of topology alibaba-gke",
      "use peer.kind: alibaba, or topology nifcloud-gke for a NIFCLOUD peer",
    );
  else {
    if (rawLinkKey(raw, "routing") !== undefined)
      problems.add(
        "vpnLinks[0].routing",
        rawLinkKey(raw, "routing"),
        "is not used: the Alibaba link is dual-tunnel, routed by BGP (peer.mode: ha-bgp) or static routes (peer.mode: classic-static)",
        "remove routing and choose peer.mode",
      );
    for (const key of ["gcpGatewayName", "gcpTunnelName"])
      if (rawLinkKey(raw, key) !== undefined)
        problems.add(
          `vpnLinks[0].${key}`,
          rawLinkKey(raw, key),
          "is not used: the dual-tunnel link names its GCP gateway, router and tunnels after the link's name (<name>-ha or <name>-classic, <name>-tn0, <name>-tn1)",
          `remove ${key}`,
        );
  }
  const gkes = config.clusters.filter((c): c is GkeClusterSpec => c.platform === "gke");
  const exporters = config.clusters.filter((c): c is AlibabaClusterSpec => (ALIBABA_PLATFORMS as readonly string[]).includes(c.platform));
  config.clusters.forEach((c) => {
    if (c.platform === "existing")
      problems.add(
        `clusters[${config.clusterNames.indexOf(c.name)}].platform`,
        c.platform,
        "cannot be used in topology alibaba-gke",
        "use one gke cluster and one acs, ack-pro or ask cluster",
      );
  });
  const allRead = config.clusters.length === config.clusterNames.length;
  if (allRead && gkes.length !== 1)
    problems.add(
      "clusters",
      config.clusterNames,
      `needs exactly one cluster with platform: gke (found ${gkes.length})`,
      "declare the GKE consumer cluster once",
    );
  if (allRead && exporters.length !== 1)
    problems.add(
      "clusters",
      config.clusterNames,
      `needs exactly one Alibaba provider cluster with platform: acs, ack-pro or ask (found ${exporters.length})`,
      "declare the provider cluster once; a new account uses platform: acs (ASK cannot be created by accounts that never had one)",
    );
  const [exporter] = exporters;
  checkProviderAccess(problems, ackOne, exporter, exporter ? config.clusters.indexOf(exporter) : 0);
  const [accessKeyId, accessKeySecret] = ALIBABA_CREDENTIAL_KEYS.map((key) =>
    requireSecret(problems, raw, key, "an Alibaba Cloud API credential", `pulumi config set --secret ${key}`),
  );
  if (ackOne && link) checkHubVswitch(problems, ackOne.hubVswitch, link.networks.peer, alibaba?.region);
  const [gke] = gkes;
  if (!gcp || !alibaba || !ackOne || !link || !gke || !exporter || accessKeyId === undefined || accessKeySecret === undefined) return undefined;
  return {
    topology: "alibaba-gke",
    gcp,
    alibaba,
    networks: config.networks,
    vpnLinks: [link],
    clusters: [gke, exporter],
    gke,
    exporter,
    ackOne,
    verify: config.verify,
    alibabaCredentials: { accessKeyId: new Secret(accessKeyId), accessKeySecret: new Secret(accessKeySecret) },
  };
}
