/** Names: each once per list, two clusters for the verification, every network used. */
import { checkNetworksUsed, checkUniqueNames, checkVerifyClusters } from "../../../../config/checks/names";
import { draftConfig, existingCluster, gcpNetwork, gkeCluster, link, nifcloudNetwork, problemsOf, verify } from "../../../helpers/draftConfig";
import { stackProblems } from "../../../helpers/stackConfig";

const P = "multicloud-mesh:";

describe("checkUniqueNames", () => {
  it("accepts one name per entry", () => {
    expect(problemsOf(checkUniqueNames, draftConfig())).toEqual([]);
  });
  it("rejects a name used twice in a list, at its second entry", () => {
    const config = draftConfig({
      networks: [gcpNetwork(), nifcloudNetwork({ name: "gcp-net" })],
      vpnLinks: [link(), link()],
      clusters: [gkeCluster(), existingCluster({ name: "gke" })],
    });
    expect(problemsOf(checkUniqueNames, config)).toEqual([
      `${P}networks[1].name = "gcp-net": is used twice. Fix: give every entry of networks its own name`,
      `${P}vpnLinks[1].name = "nifc-anthos": is used twice. Fix: give every entry of vpnLinks its own name`,
      `${P}clusters[1].name = "gke": is used twice. Fix: give every entry of clusters its own name`,
    ]);
  });
});

describe("checkVerifyClusters", () => {
  it("accepts two clusters, and one cluster while verification is off", () => {
    expect(problemsOf(checkVerifyClusters, draftConfig())).toEqual([]);
    expect(problemsOf(checkVerifyClusters, draftConfig({ verify: verify({ enabled: false, v2Cluster: "anthos" }) }))).toEqual([]);
  });
  it("rejects one cluster for both versions", () => {
    expect(problemsOf(checkVerifyClusters, draftConfig({ verify: verify({ v2Cluster: "anthos" }) }))).toEqual([
      `${P}verify.v2Cluster = "anthos": is the same cluster as verify.v1Cluster. Fix: run v1 and v2 in different clusters so that both sides answer`,
    ]);
  });
});

describe("checkNetworksUsed", () => {
  /** The raw lists as the stack file gives them: what names the networks. */
  const raw = (clusters: unknown[], vpnLinks: unknown[]) => ({ values: { clusters, vpnLinks }, secretKeys: new Set<string>() });
  const config = draftConfig({ networks: [gcpNetwork(), nifcloudNetwork(), gcpNetwork({ name: "spare" })] });
  it("accepts networks named by a cluster or a link, entries that failed to read included", () => {
    expect(
      problemsOf((p, c) => checkNetworksUsed(p, c, raw([{ network: "gcp-net" }, { network: "spare", platform: "?" }], [{ peerNetwork: "nifclan" }])), config),
    ).toEqual([]);
  });
  it("rejects a network nothing names", () => {
    expect(problemsOf((p, c) => checkNetworksUsed(p, c, raw([{ network: "gcp-net" }], [{ gcpNetwork: "gcp-net", peerNetwork: "nifclan" }])), config)).toEqual([
      `${P}networks[2].name = "spare": is used by no cluster and no link, so the stack builds nothing for it and checks nothing against it. Fix: remove it, or name it in clusters[].network or in a link's gcpNetwork or peerNetwork`,
    ]);
  });
});

describe("in a committed stack", () => {
  it("rejects two networks of one name", () => {
    expect(stackProblems("local", (v) => (v.networks[1].name = "east-net"))).toContainEqual(
      expect.stringMatching(/networks\[1\]\.name = "east-net": is used twice/),
    );
  });

  it("rejects verification within one cluster", () => {
    expect(stackProblems("local", (v) => (v.verify.v2Cluster = "east"))).toEqual([
      expect.stringMatching(/verify\.v2Cluster = "east": is the same cluster as verify\.v1Cluster/),
    ]);
  });
});
