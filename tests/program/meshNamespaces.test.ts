/** MeshNamespaces on its own under mocks. */
import * as k8s from "@pulumi/kubernetes";
import { fakeCloudState } from "../helpers/fakeClouds";
import { Recorded, recordResources, settle } from "../helpers/mocks";

let recorded: Recorded[];

beforeAll(async () => {
  ({ recorded } = await recordResources("multicloud-mesh", "components", fakeCloudState));
  const { MeshNamespaces } = await import("../../components/mesh/meshNamespaces");

  const provider = new k8s.Provider("a-k8s", { kubeconfig: "{}" });
  new MeshNamespaces(
    "ns",
    {
      meshNetwork: "net-a",
      revision: "rev-1",
      gatewayNamespace: "gw",
      workloadNamespaces: ["gw", "apps"],
    },
    { providers: [provider] },
  );
  await settle(recorded);
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
