import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { RawConfig, rawEntries, rawKey } from "../rawConfig";

/** Networks, links and clusters are referred to by name: each name once per list. */
export function checkUniqueNames(problems: Problems, config: DraftConfig): void {
  const unique = (kind: string, names: readonly string[]) =>
    names.forEach((name, i) => {
      if (name && names.indexOf(name) !== i) problems.add(`${kind}[${i}].name`, name, "is used twice", `give every entry of ${kind} its own name`);
    });
  unique(
    "networks",
    config.networks.map((n) => n.name),
  );
  unique(
    "vpnLinks",
    config.vpnLinks.map((l) => l.name),
  );
  unique("clusters", config.clusterNames);
}

/** Verification compares answers from two clusters, so it needs two different ones. */
export function checkVerifyClusters(problems: Problems, config: DraftConfig): void {
  const { verify } = config;
  if (verify.enabled && verify.v1Cluster !== "" && verify.v1Cluster === verify.v2Cluster) {
    problems.add(
      "verify.v2Cluster",
      verify.v2Cluster,
      "is the same cluster as verify.v1Cluster",
      "run v1 and v2 in different clusters so that both sides answer",
    );
  }
}

/** The string values of `fields` in each entry of a raw list (entries that failed to read included). */
function namesReferenced(list: unknown, fields: readonly string[]): string[] {
  return rawEntries(list).flatMap((item) => fields.map((f) => rawKey(item, f)).filter((v): v is string => typeof v === "string"));
}

/**
 * Every network is used by a cluster or a link: the stack builds networks only for what uses them,
 * so an unused one would be silently ignored (and a typo in a reference to it go unnoticed).
 */
export function checkNetworksUsed(problems: Problems, config: DraftConfig, raw: RawConfig): void {
  const used = new Set([...namesReferenced(raw.values.clusters, ["network"]), ...namesReferenced(raw.values.vpnLinks, ["gcpNetwork", "peerNetwork"])]);
  config.networks.forEach((n) => {
    if (!n.name || used.has(n.name)) return;
    problems.add(
      `networks[${config.networkNames.indexOf(n.name)}].name`,
      n.name,
      "is used by no cluster and no link, so the stack builds nothing for it and checks nothing against it",
      "remove it, or name it in clusters[].network or in a link's gcpNetwork or peerNetwork",
    );
  });
}
