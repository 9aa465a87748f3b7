/** Components on their own under mocks: a pluggable VPN peer, remote secrets for three clusters. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { fakeCloudState } from "../helpers/fakeClouds";
import { Recorded, isSecretValue, plain, recordResources, settle } from "../helpers/mocks";

let recorded: Recorded[];
const policy = {
  ikeVersion: 2 as const,
  encryption: "aes256" as const,
  integrity: "sha256" as const,
  dhGroup: 14,
  ikeLifetimeSeconds: 28800,
  espLifetimeSeconds: 3600,
};

beforeAll(async () => {
  ({ recorded } = await recordResources("multicloud-mesh", "components", fakeCloudState));
  const { VpnPair } = await import("../../components/vpn/vpnPair");
  const { RemoteSecrets } = await import("../../components/mesh/remoteSecrets");
  const { MeshNamespaces } = await import("../../components/mesh/meshNamespaces");

  const seen: Record<string, unknown> = {};
  new VpnPair("link", {
    gatewayName: "gw",
    tunnelName: "tn",
    region: "us-central1",
    network: "vpc-id",
    crypto: policy,
    routing: "policy-based",
    gcpRanges: ["10.128.0.0/20", "10.132.0.0/14"],
    peerRanges: ["192.168.0.0/16"],
    peer: (request) => {
      seen.request = request.name;
      request.gcpVpnAddress.apply((ip) => {
        seen.gcpIp = ip;
      });
      return { publicIp: pulumi.output("198.51.100.99"), ready: [] };
    },
  });

  const clusters = ["a", "b", "c"].map((name) => ({
    name,
    meshNetwork: `net-${name}`,
    provider: new k8s.Provider(`${name}-k8s`, { kubeconfig: "{}" }),
    kubeconfig: pulumi.secret("{}"),
    apiServer: `https://${name}.example:6443`,
    asmTarget: { kind: "multicloud" as const },
    exposure: { kind: "default" as const },
  }));
  new RemoteSecrets("rs", { clusters, readerReady: {} });
  new MeshNamespaces(
    "ns",
    {
      meshNetwork: "net-a",
      revision: "rev-1",
      gatewayNamespace: "gw",
      workloadNamespaces: ["gw", "apps"],
    },
    { providers: [clusters[0].provider] },
  );
  await settle(recorded);
});

describe("VpnPair with any peer", () => {
  it("gives the peer the GCP address and points the tunnel at the peer's address", () => {
    const tunnel = recorded.find((r) => r.type === "gcp:compute/vPNTunnel:VPNTunnel")!;
    expect(plain(tunnel.inputs)).toMatchObject({
      peerIp: "198.51.100.99",
      localTrafficSelectors: ["10.128.0.0/20", "10.132.0.0/14"],
      remoteTrafficSelectors: ["192.168.0.0/16"],
    });
    expect(isSecretValue(tunnel.inputs.sharedSecret)).toBe(true);
  });
  it("routes each peer range into the tunnel, policy-based too", () => {
    const routes = recorded.filter((r) => r.type === "gcp:compute/route:Route");
    expect(routes.map((r) => r.inputs.destRange)).toEqual(["192.168.0.0/16"]);
  });
});

describe("RemoteSecrets for three clusters", () => {
  it("creates one reader token per cluster and N x (N-1) = 6 remote secrets", () => {
    const tokens = recorded.filter((r) => r.type === "kubernetes:core/v1:Secret" && r.inputs.type === "kubernetes.io/service-account-token");
    expect(tokens.map((t) => t.name).sort()).toEqual(["rs-a-reader-token", "rs-b-reader-token", "rs-c-reader-token"]);
    const secrets = recorded
      .filter((r) => r.type === "kubernetes:core/v1:Secret" && r.inputs.type === "Opaque")
      .map((r) => r.name)
      .sort();
    expect(secrets).toEqual(["rs-a-in-b", "rs-a-in-c", "rs-b-in-a", "rs-b-in-c", "rs-c-in-a", "rs-c-in-b"]);
  });
  it("puts each source's API server and token in the secret, as a secret", () => {
    const secret = recorded.find((r) => r.name === "rs-c-in-a")!;
    expect(isSecretValue(secret.inputs.stringData)).toBe(true);
    const kubeconfig = JSON.parse(plain(secret.inputs.stringData).c);
    expect(kubeconfig.clusters[0].cluster.server).toBe("https://c.example:6443");
    expect(kubeconfig.users[0].user.token).toBe("token-of-rs-c-reader-token");
  });
});

describe("MeshNamespaces", () => {
  it("does not create the gateway namespace twice when it is also a workload namespace", () => {
    const names = recorded
      .filter((r) => r.type === "kubernetes:core/v1:Namespace")
      .map((r) => r.inputs.metadata.name)
      .sort();
    expect(names).toEqual(["apps", "gw", "istio-system"]);
  });
});
