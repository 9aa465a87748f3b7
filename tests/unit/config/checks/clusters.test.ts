/** Clusters: their networks, east-west addresses, Istio network names, one cluster declared twice, API servers. */
import { checkApiServerReach, checkClusterNetworks, checkDistinctAccess, checkEastWestAddresses, checkMeshNetworks } from "../../../../config/checks/clusters";
import { draftConfig, existingCluster, gkeCluster, problemsOf } from "../../../helpers/draftConfig";
import { stackProblems } from "../../../helpers/stackConfig";

const P = "multicloud-mesh:";

describe("checkClusterNetworks", () => {
  it("accepts each cluster on a declared network of its platform's cloud", () => {
    expect(problemsOf(checkClusterNetworks, draftConfig())).toEqual([]);
  });
  it("rejects a network that is not declared, listing the declared ones", () => {
    expect(problemsOf(checkClusterNetworks, draftConfig({ clusters: [gkeCluster({ network: "gke-net" }), existingCluster()] }))).toEqual([
      `${P}clusters[0].network = "gke-net": does not name a declared network. Fix: use one of gcp-net, nifclan`,
    ]);
  });
  it("says nothing of an undeclared name while a network entry could not be read", () => {
    const config = draftConfig({ clusters: [gkeCluster({ network: "gke-net" }), existingCluster()] });
    expect(problemsOf(checkClusterNetworks, { ...config, networksComplete: false })).toEqual([]);
  });
  it("rejects a GKE cluster on a network of another cloud", () => {
    expect(problemsOf(checkClusterNetworks, draftConfig({ clusters: [gkeCluster({ network: "nifclan" }), existingCluster()] }))).toEqual([
      `${P}clusters[0].network = "nifclan": is not a GCP network, so a gke cluster cannot live there. Fix: put gke clusters on a network with cloud: gcp`,
    ]);
  });
});

describe("checkEastWestAddresses", () => {
  const withAddress = (eastWestAddress: string) => draftConfig({ clusters: [gkeCluster(), existingCluster({ eastWestAddress })] });
  it("accepts a free host of the cluster's network", () => {
    expect(problemsOf(checkEastWestAddresses, withAddress("172.16.232.122"))).toEqual([]);
  });
  it("rejects an address outside the network", () => {
    expect(problemsOf(checkEastWestAddresses, withAddress("172.16.233.5"))).toEqual([
      `${P}clusters[1].eastWestAddress = "172.16.233.5": is outside 172.16.232.0/24 (nifclan), so the peer cannot route to it over the VPN. Fix: pick a free load-balancer address inside the network's nodeCidr`,
    ]);
  });
  it("rejects the VPN gateway's own address", () => {
    expect(problemsOf(checkEastWestAddresses, withAddress("172.16.232.2"))).toEqual([
      `${P}clusters[1].eastWestAddress = "172.16.232.2": is also vpnLinks[0].peer.gatewayPrivateIp: the VPN gateway already holds that address. Fix: pick another free address on the LAN for the east-west gateway`,
    ]);
  });
});

describe("checkMeshNetworks", () => {
  it("accepts one Istio network name per network, shared by clusters of one network", () => {
    const clusters = [
      gkeCluster(),
      existingCluster({ meshNetwork: "lan" }),
      existingCluster({ name: "anthos-2", meshNetwork: "lan" }, { kubeconfigKey: "k2" }),
    ];
    expect(problemsOf(checkMeshNetworks, draftConfig({ clusters }))).toEqual([]);
  });
  it("rejects one Istio network name on two networks", () => {
    const clusters = [gkeCluster({ meshNetwork: "shared" }), existingCluster({ meshNetwork: "shared" })];
    expect(problemsOf(checkMeshNetworks, draftConfig({ clusters }))).toEqual([
      `${P}clusters[1].meshNetwork = "shared": equals clusters[0].meshNetwork although the clusters sit on different networks. Fix: give each network its own Istio network name, or sidecars route to unreachable pod IPs`,
    ]);
  });
});

describe("checkDistinctAccess", () => {
  const twice = (existing: Partial<ReturnType<typeof existingCluster>["existing"]>) =>
    draftConfig({
      clusters: [
        existingCluster({ name: "east" }, { kubeconfigKey: "eastKubeconfig", apiServer: "https://10.0.0.1:6443" }),
        existingCluster({ name: "west" }, existing),
      ],
    });
  it("accepts clusters with their own kubeconfig and API server", () => {
    expect(problemsOf(checkDistinctAccess, twice({ kubeconfigKey: "westKubeconfig", apiServer: "https://10.0.0.2:6443" }))).toEqual([]);
  });
  it("rejects one kubeconfig for two clusters", () => {
    expect(problemsOf(checkDistinctAccess, twice({ kubeconfigKey: "eastKubeconfig", apiServer: "https://10.0.0.2:6443" }))).toEqual([
      `${P}clusters[1].existing.kubeconfigKey = "eastKubeconfig": is also clusters[0].existing.kubeconfigKey: two mesh members would be one cluster. Fix: give each cluster its own kubeconfig and API server`,
    ]);
  });
  it("rejects one API server for two clusters, written with a trailing slash or the default port", () => {
    const first = draftConfig({
      clusters: [
        existingCluster({ name: "east" }, { apiServer: "https://10.0.0.1" }),
        existingCluster({ name: "west" }, { kubeconfigKey: "w", apiServer: "https://10.0.0.1:443/" }),
      ],
    });
    expect(problemsOf(checkDistinctAccess, first)).toEqual([
      `${P}clusters[1].existing.apiServer = "https://10.0.0.1": is also clusters[0].existing.apiServer: two mesh members would be one cluster. Fix: give each cluster its own kubeconfig and API server`,
    ]);
  });
});

describe("checkApiServerReach", () => {
  const serving = (apiServer: string) => draftConfig({ clusters: [gkeCluster(), existingCluster({}, { apiServer })] });
  it("accepts an API server inside the range the VPN carries, and a host name it cannot place", () => {
    expect(problemsOf(checkApiServerReach, serving("https://172.16.232.10:443"))).toEqual([]);
    expect(problemsOf(checkApiServerReach, serving("https://anthos.example.internal:443"))).toEqual([]);
  });
  it("rejects an address outside the peer network's routed ranges", () => {
    expect(problemsOf(checkApiServerReach, serving("https://10.0.0.5:443"))).toEqual([
      `${P}clusters[1].existing.apiServer = "https://10.0.0.5:443": is outside 172.16.232.0/24, the range of network nifclan that the VPN carries, so GKE's control plane cannot reach it. Fix: use the API server's address on that network`,
    ]);
  });
});

it("rejects an east-west address equal to the VPN gateway's", () => {
  expect(stackProblems("dev", (v) => (v.clusters[1].eastWestAddress = "172.16.232.2"))).toEqual([
    expect.stringMatching(/clusters\[1\]\.eastWestAddress = "172\.16\.232\.2": is also vpnLinks\[0\]\.peer\.gatewayPrivateIp.*Fix: pick another free address/),
  ]);
});

describe("two clusters that are one", () => {
  it("share a kubeconfig", () => {
    expect(stackProblems("local", (v) => (v.clusters[1].existing.kubeconfigKey = "eastKubeconfig"))).toEqual([
      expect.stringMatching(/clusters\[1\]\.existing\.kubeconfigKey = "eastKubeconfig": is also clusters\[0\]\.existing\.kubeconfigKey/),
    ]);
  });
  it("share an API server", () => {
    expect(stackProblems("local", (v) => (v.clusters[1].existing.apiServer = "https://127.0.0.1:16443/"))).toEqual([
      expect.stringMatching(/clusters\[1\]\.existing\.apiServer = "https:\/\/127\.0\.0\.1:16443": is also clusters\[0\]\.existing\.apiServer/),
    ]);
  });
});

describe("an API server URL", () => {
  it.each(["https://172.16.232.10:99999", "https://172.16.232.10:0", "https://172.16.232.10:", "http://172.16.232.10:443"])(
    "%s is rejected, not a crash",
    (url) => {
      expect(stackProblems("dev", (v) => (v.clusters[1].existing.apiServer = url))).toEqual([
        expect.stringMatching(/clusters\[1\]\.existing\.apiServer = ".*": .*Fix: use the https:\/\/ URL/),
      ]);
    },
  );
  it("without a port is accepted", () => {
    expect(stackProblems("dev", (v) => (v.clusters[1].existing.apiServer = "https://172.16.232.10"))).toEqual([]);
  });
});
