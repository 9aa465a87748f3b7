/** What only the alibaba-gke topology (seed 001: ACK One multi-cluster services) reads, checks and narrows. */
import { ALIBABA_NAME } from "../lib/naming";
import { DraftConfig } from "./draft";
import { readMcsApp } from "./mcsApp";
import { Problems, Reader } from "./problems";
import { RawConfig, requireSecret } from "./rawConfig";
import { resolveAlibabaLink } from "./resolve";
import { Secret } from "./secret";
import { AckOneSpec, AlibabaGkeConfig, AlibabaSpec, AskClusterSpec, GkeClusterSpec } from "./types";

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
    distribution: r.oneOf("distribution", ["kubevela", "propagation-policy"] as const, "kubevela"),
    agentPrivateEndpoint: r.boolean("agentPrivateEndpoint", true),
    hubPrivateEndpoint: r.boolean("hubPrivateEndpoint", false),
    app: readMcsApp(r),
    verify: r.boolean("verify", true),
    requests: r.integer("requests", { min: 1, max: 100, default: 5 }),
  };
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
  else if (first.routing !== "policy-based")
    problems.add(
      "vpnLinks[0].routing",
      first.routing,
      "must be policy-based: the Alibaba connection lists its protected data flows, so both ends need explicit selectors",
      "set routing: policy-based",
    );
  const gkes = config.clusters.filter((c): c is GkeClusterSpec => c.platform === "gke");
  const asks = config.clusters.filter((c): c is AskClusterSpec => c.platform === "ask");
  config.clusters.forEach((c) => {
    if (c.platform === "existing")
      problems.add(
        `clusters[${config.clusterNames.indexOf(c.name)}].platform`,
        c.platform,
        "cannot be used in topology alibaba-gke",
        "use one gke and one ask cluster",
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
  if (allRead && asks.length !== 1)
    problems.add(
      "clusters",
      config.clusterNames,
      `needs exactly one cluster with platform: ask (found ${asks.length})`,
      "declare the ASK provider cluster once",
    );
  const [accessKeyId, accessKeySecret] = ALIBABA_CREDENTIAL_KEYS.map((key) =>
    requireSecret(problems, raw, key, "an Alibaba Cloud API credential", `pulumi config set --secret ${key}`),
  );
  const [gke] = gkes;
  const [ask] = asks;
  if (!gcp || !alibaba || !ackOne || !link || !gke || !ask || accessKeyId === undefined || accessKeySecret === undefined) return undefined;
  return {
    topology: "alibaba-gke",
    gcp,
    alibaba,
    networks: config.networks,
    vpnLinks: [link],
    clusters: [gke, ask],
    gke,
    ask,
    ackOne,
    verify: config.verify,
    alibabaCredentials: { accessKeyId: new Secret(accessKeyId), accessKeySecret: new Secret(accessKeySecret) },
  };
}
