import { MULTI_CLUSTER_SERVICE_API, multiClusterService, nativeServiceUrl } from "../../../../components/ackone/multiClusterService";
import { SAMPLE_MCS_APP } from "../../../helpers/mcsAppFixture";

const app = SAMPLE_MCS_APP;

describe("MultiClusterService", () => {
  it("names provider and consumer clusters by id on the fleet", () => {
    expect(multiClusterService({ name: "service1", namespace: "provider-ns", providerClusters: ["c-acs"], consumerClusters: ["c-gke", "c-other"] })).toEqual({
      apiVersion: MULTI_CLUSTER_SERVICE_API,
      kind: "MultiClusterService",
      metadata: { name: "service1", namespace: "provider-ns", labels: undefined },
      spec: { types: ["CrossCluster"], consumerClusters: [{ name: "c-gke" }, { name: "c-other" }], providerClusters: [{ name: "c-acs" }] },
    });
  });
  it("says how the Service is exposed, which Karmada's MultiClusterService requires (spec.types)", () => {
    expect(multiClusterService({ name: "s", namespace: "n", providerClusters: ["a"], consumerClusters: ["b"] }).spec.types).toEqual(["CrossCluster"]);
  });
  it("is called by the Service's own name, with the port when it is not 80", () => {
    expect(nativeServiceUrl(app)).toBe("http://service1.provider-ns.svc.cluster.local");
    expect(nativeServiceUrl({ ...app, port: 8080 })).toBe("http://service1.provider-ns.svc.cluster.local:8080");
  });
});
