/** Clusters: east-west addresses, one cluster declared twice, API server URLs. */
import { stackProblems } from "../../../helpers/stackConfig";

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
