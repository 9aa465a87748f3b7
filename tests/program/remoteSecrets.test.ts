/** RemoteSecrets on its own under mocks: remote secrets for three clusters. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { fakeCloudState } from "../helpers/fakeClouds";
import { Recorded, isSecretValue, plain, recordResources, settle } from "../helpers/mocks";

let recorded: Recorded[];

beforeAll(async () => {
  ({ recorded } = await recordResources("multicloud-mesh", "components", fakeCloudState));
  const { RemoteSecrets } = await import("../../components/mesh/remoteSecrets");

  const clusters = ["a", "b", "c"].map((name) => ({
    name,
    meshNetwork: `net-${name}`,
    provider: new k8s.Provider(`${name}-k8s`, { kubeconfig: "{}" }),
    kubeconfig: pulumi.secret("{}"),
    apiServer: `https://${name}.example:6443`,
    asmTarget: { kind: "multicloud" as const },
    exposure: { kind: "default" as const },
  }));
  new RemoteSecrets("rs", { clusters, after: {} });
  await settle(recorded);
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
