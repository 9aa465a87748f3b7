import { DEFAULT_DISTRIBUTION, hubDistributionPlan } from "../../../../components/ackone/hubDistribution";
import { SAMPLE_MCS_APP } from "../../../helpers/mcsAppFixture";

const app = SAMPLE_MCS_APP;
const kinds = (objects: readonly { object: Record<string, unknown> }[]) => objects.map((o) => o.object.kind);

describe("the hub's plan", () => {
  it("by default hands the app out with a PropagationPolicy and offers the Service with a MultiClusterService", () => {
    expect(DEFAULT_DISTRIBUTION).toBe("propagation-policy");
    const plan = hubDistributionPlan(app, "c-acs", "c-gke");
    expect(plan.templates).toEqual([]);
    expect(kinds(plan.objects)).toEqual(["PropagationPolicy", "MultiClusterService"]);
    expect(plan.objects.map((o) => o.role)).toEqual(["distribute-app", "multi-cluster-service"]);
    const [policy, mcs] = plan.objects.map((o) => o.object as any);
    expect(policy.apiVersion).toBe("policy.one.alibabacloud.com/v1alpha1");
    expect(policy.spec.placement.clusterAffinity.clusterNames).toEqual(["c-acs"]);
    expect(mcs.metadata).toMatchObject({ name: "service1", namespace: "provider-ns" });
    expect(mcs.spec).toEqual({ types: ["CrossCluster"], providerClusters: [{ name: "c-acs" }], consumerClusters: [{ name: "c-gke" }] });
    expect(plan.consumerUrl).toBe("http://service1.provider-ns.svc.cluster.local");
  });
  it("has the hub dry-run only the MultiClusterService first, the one object no vendor YAML confirms", () => {
    const plan = hubDistributionPlan(app, "c-acs", "c-gke");
    expect(plan.objects.filter((o) => o.dryRunFirst).map((o) => o.object.kind)).toEqual(["MultiClusterService"]);
    expect(hubDistributionPlan(app, "c-acs", "c-gke", { services: "service-export-import" }).objects.filter((o) => o.dryRunFirst)).toEqual([]);
  });
  it("names what the distribution puts into the members, for the destroy to wait on", () => {
    expect(hubDistributionPlan(app, "c-acs", "c-gke").memberObjects).toEqual(["apps/v1/deployments/web-demo", "v1/services/service1"]);
    expect(hubDistributionPlan(app, "c-acs", "c-gke", { services: "service-export-import", distribution: "kubevela" }).memberObjects).toEqual([
      "apps/v1/deployments/web-demo",
      "v1/services/service1",
      "multicluster.x-k8s.io/v1alpha1/serviceexports/service1",
      "multicluster.x-k8s.io/v1alpha1/serviceimports/service1",
      "v1/services/amcs-service1",
    ]);
  });
  it("keeps ServiceExport / ServiceImport on request, with the amcs- name", () => {
    const plan = hubDistributionPlan(app, "c-acs", "c-gke", { services: "service-export-import" });
    expect(kinds(plan.templates)).toEqual(["ServiceExport", "ServiceImport"]);
    expect(kinds(plan.objects)).toEqual(["PropagationPolicy", "PropagationPolicy", "PropagationPolicy"]);
    expect(plan.objects.map((o) => (o.object as any).spec.placement.clusterAffinity.clusterNames)).toEqual([["c-acs"], ["c-acs"], ["c-gke"]]);
    expect(plan.consumerUrl).toBe("http://amcs-service1.provider-ns.svc.cluster.local");
  });
  it("uses KubeVela Applications only when asked", () => {
    const plan = hubDistributionPlan(app, "c-acs", "c-gke", { distribution: "kubevela" });
    expect(kinds(plan.objects)).toEqual(["Application", "MultiClusterService"]);
    expect((plan.objects[0].object as any).spec.policies[0].properties.clusters).toEqual(["c-acs"]);
  });
});
