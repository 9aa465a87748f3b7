/** GKE clusters: a location in the stack's region, node and pod ranges large enough for their nodes. */
import { checkGkeCapacity, checkGkeLocations } from "../../../../config/checks/gke";
import { draftConfig, existingCluster, gcpNetwork, gkeCluster, nifcloudNetwork, problemsOf } from "../../../helpers/draftConfig";

const P = "multicloud-mesh:";

describe("checkGkeLocations", () => {
  const at = (location: string) => draftConfig({ clusters: [gkeCluster({}, { location }), existingCluster()] });
  it.each(["us-central1", "us-central1-c"])("accepts %s in region us-central1", (location) => {
    expect(problemsOf(checkGkeLocations, at(location))).toEqual([]);
  });
  it.each(["europe-west1-b", "us-central10-a"])("rejects %s, outside region us-central1", (location) => {
    expect(problemsOf(checkGkeLocations, at(location))).toEqual([
      `${P}clusters[0].gke.location = "${location}": is not in gcp.region us-central1, where the stack's subnet and VPN are. Fix: use us-central1 or one of its zones, e.g. us-central1-c`,
    ]);
  });
  it("checks nothing without a gcp section (reported on its own)", () => {
    expect(problemsOf(checkGkeLocations, { ...at("europe-west1-b"), gcp: undefined })).toEqual([]);
  });
});

describe("checkGkeCapacity", () => {
  const sized = (network: Partial<ReturnType<typeof gcpNetwork>>, gke: Partial<ReturnType<typeof gkeCluster>["gke"]> = {}) =>
    draftConfig({ networks: [gcpNetwork(network), nifcloudNetwork()], clusters: [gkeCluster({}, gke), existingCluster()] });
  it("accepts a /29 for three zonal nodes and the surge node", () => {
    expect(problemsOf(checkGkeCapacity, sized({ nodeCidr: "10.128.0.0/29" }))).toEqual([]);
  });
  it("rejects a node range below GKE's smallest subnet, with the smallest that fits", () => {
    expect(problemsOf(checkGkeCapacity, sized({ nodeCidr: "10.128.0.0/30" }))).toEqual([
      `${P}networks[0].nodeCidr = "10.128.0.0/30": holds 0 GKE nodes (a subnet of /N holds 2^(32-N) - 4: Google Cloud keeps four addresses of each), but cluster gke needs 4 (nodeCount 3 in 1 zone, and 1 for a surge upgrade). Fix: use a /29 or larger (a /29 holds 4 nodes, the smallest subnet GKE can use)`,
    ]);
  });
  it("counts a regional cluster's nodes in three zones", () => {
    expect(problemsOf(checkGkeCapacity, sized({ nodeCidr: "10.128.0.0/29" }, { location: "us-central1" }))).toEqual([
      `${P}networks[0].nodeCidr = "10.128.0.0/29": holds 4 GKE nodes (a subnet of /N holds 2^(32-N) - 4: Google Cloud keeps four addresses of each), but cluster gke needs 10 (nodeCount 3 in 3 zones, and 1 for a surge upgrade). Fix: use a /28 or larger`,
    ]);
  });
  it("rejects a pod range with too few /24s for the nodes", () => {
    expect(problemsOf(checkGkeCapacity, sized({ podCidr: "10.132.0.0/22" }, { location: "us-central1" }))).toEqual([
      `${P}networks[0].podCidr = "10.132.0.0/22": holds 4 nodes' pod ranges (GKE gives each node a /24 for its up to 110 pods), but cluster gke needs 10. Fix: use a /20 or larger`,
    ]);
  });
});
