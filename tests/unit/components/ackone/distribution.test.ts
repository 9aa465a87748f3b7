import { appDistributions, distributionObject, namespacePropagation } from "../../../../components/ackone/distribution";
import { ACK_SECRETS, rawConfig, validatedAs } from "../../../helpers/stackConfig";

// Seed 001's app, as the committed ack-dev stack declares it.
const app = validatedAs("alibaba-gke", rawConfig("ack-dev", ACK_SECRETS)).ackOne.app;

describe("seed 001's distributions", () => {
  const [appDist, exportDist, importDist] = appDistributions(app, "c-ask", "c-gke");

  it("renders the seed's KubeVela Applications", () => {
    expect(distributionObject("kubevela", exportDist)).toEqual({
      apiVersion: "core.oam.dev/v1beta1",
      kind: "Application",
      metadata: {
        name: "amcs-export-service1",
        namespace: "provider-ns",
        labels: { amcs: "export", "amcs-service": "service1", app: "web-demo", department: "demo" },
        annotations: { "app.oam.dev/publishVersion": "version1" },
      },
      spec: {
        components: [{ name: "export-service", type: "ref-objects", properties: { objects: [{ resource: "serviceexport", name: "service1" }] } }],
        policies: [{ type: "topology", name: "export-clusters", properties: { clusters: ["c-ask"] } }],
      },
    });
    expect((distributionObject("kubevela", importDist) as any).spec.policies[0].properties.clusters).toEqual(["c-gke"]);
  });

  it("renders the same intent as PropagationPolicies", () => {
    const policy = distributionObject("propagation-policy", appDist);
    expect(policy).toEqual({
      apiVersion: "policy.one.alibabacloud.com/v1alpha1",
      kind: "PropagationPolicy",
      metadata: { name: "web-demo", namespace: "provider-ns", labels: undefined },
      spec: {
        resourceSelectors: [
          { apiVersion: "apps/v1", kind: "Deployment", name: "web-demo", namespace: "provider-ns" },
          { apiVersion: "v1", kind: "Service", name: "service1", namespace: "provider-ns" },
        ],
        placement: { clusterAffinity: { clusterNames: ["c-ask"] } },
      },
    });
    expect((distributionObject("propagation-policy", importDist) as any).spec.resourceSelectors).toEqual([
      { apiVersion: "multicluster.x-k8s.io/v1alpha1", kind: "ServiceImport", name: "service1", namespace: "provider-ns" },
    ]);
  });

  it("sends the app and the export to the provider and the import to the consumer", () => {
    expect([appDist, exportDist, importDist].map((d) => d.clusters)).toEqual([["c-ask"], ["c-ask"], ["c-gke"]]);
  });
});

describe("namespace propagation", () => {
  it("selects the Namespace with a ClusterPropagationPolicy (cluster-scoped) and places it on the given clusters only", () => {
    expect(namespacePropagation("provider-ns", ["c-acs"])).toEqual({
      apiVersion: "policy.one.alibabacloud.com/v1alpha1",
      kind: "ClusterPropagationPolicy",
      metadata: { name: "namespace-provider-ns" },
      spec: {
        resourceSelectors: [{ apiVersion: "v1", kind: "Namespace", name: "provider-ns" }],
        placement: { clusterAffinity: { clusterNames: ["c-acs"] } },
      },
    });
  });
});
