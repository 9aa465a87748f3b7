import { DraftConfig } from "../draft";
import { Problems } from "../problems";

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
