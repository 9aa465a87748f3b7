import { orderedPairs, remoteSecret } from "../../../../components/mesh/remoteSecretManifest";

describe("orderedPairs", () => {
  it.each([
    [2, 2],
    [3, 6],
    [4, 12],
  ])("gives %i clusters %i remote secrets, none to itself", (n, expected) => {
    const names = Array.from({ length: n }, (_, i) => `c${i}`);
    const pairs = orderedPairs(names);
    expect(pairs).toHaveLength(expected);
    pairs.forEach(([a, b]) => expect(a).not.toBe(b));
    expect(new Set(pairs.map((p) => p.join(">"))).size).toBe(expected);
  });
});

describe("remoteSecret", () => {
  it("matches what istioctl create-remote-secret produces", () => {
    const secret = remoteSecret({ clusterName: "anthos", server: "https://172.16.232.10:443", caData: "Q0E=", token: "tok" });
    expect(secret.metadata).toEqual({
      name: "istio-remote-secret-anthos",
      namespace: "istio-system",
      labels: { "istio/multiCluster": "true" },
      annotations: { "networking.istio.io/cluster": "anthos" },
    });
    const kubeconfig = JSON.parse(secret.stringData.anthos);
    expect(kubeconfig.clusters[0]).toEqual({ name: "anthos", cluster: { server: "https://172.16.232.10:443", "certificate-authority-data": "Q0E=" } });
    expect(kubeconfig.users[0].user).toEqual({ token: "tok" });
    expect(kubeconfig["current-context"]).toBe("anthos");
  });
});
