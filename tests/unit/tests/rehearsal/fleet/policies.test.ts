import { Binding } from "../../../../rehearsal/fleet/model";
import {
  bestPolicy,
  claimFor,
  labelSelectorMatches,
  placementClusters,
  PolicyView,
  reconcileBindings,
  selectedKinds,
} from "../../../../rehearsal/fleet/policies";

const ACS = "caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const GKE = "cbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
const MEMBERS = [ACS, GKE];

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web-demo", namespace: "provider-ns", labels: { app: "web-demo" } },
  spec: { replicas: 1 },
};
const service = { apiVersion: "v1", kind: "Service", metadata: { name: "service1", namespace: "provider-ns" }, spec: { ports: [{ port: 80 }] } };

function pp(name: string, selectors: object[], clusters: string[] = [ACS], extra: object = {}, namespace = "provider-ns"): PolicyView {
  return {
    kind: "PropagationPolicy",
    namespace,
    name,
    deleting: false,
    spec: { resourceSelectors: selectors, placement: { clusterAffinity: { clusterNames: clusters } }, ...extra },
  };
}

const appPolicy = pp("web-demo", [
  { apiVersion: "apps/v1", kind: "Deployment", name: "web-demo", namespace: "provider-ns" },
  { apiVersion: "v1", kind: "Service", name: "service1", namespace: "provider-ns" },
]);
const mcs = {
  namespace: "provider-ns",
  name: "service1",
  deleting: false,
  spec: { types: ["CrossCluster"], providerClusters: [{ name: ACS }], consumerClusters: [{ name: GKE }] },
};

describe("which policy claims a template (Karmada's detector)", () => {
  it("GIVEN a name selector and a label selector THEN the name selector's policy wins at equal explicit priority", () => {
    const byLabel = pp("a-by-label", [{ apiVersion: "apps/v1", kind: "Deployment", labelSelector: { matchLabels: { app: "web-demo" } } }]);
    const byName = pp("z-by-name", [{ apiVersion: "apps/v1", kind: "Deployment", name: "web-demo" }]);
    expect(bestPolicy(deployment, [byLabel, byName])?.name).toBe("z-by-name");
  });

  it("GIVEN a higher explicit priority THEN it wins over a more specific selector", () => {
    const all = pp("all", [{ apiVersion: "apps/v1", kind: "Deployment" }], [ACS], { priority: 5 });
    const byName = pp("by-name", [{ apiVersion: "apps/v1", kind: "Deployment", name: "web-demo" }]);
    expect(bestPolicy(deployment, [byName, all])?.name).toBe("all");
  });

  it("GIVEN two equal matches THEN the smaller name wins", () => {
    expect(
      bestPolicy(deployment, [pp("b", [{ apiVersion: "apps/v1", kind: "Deployment" }]), pp("a", [{ apiVersion: "apps/v1", kind: "Deployment" }])])?.name,
    ).toBe("a");
  });

  it("GIVEN a policy of another namespace or one being deleted THEN it selects nothing", () => {
    expect(bestPolicy(deployment, [pp("other", [{ apiVersion: "apps/v1", kind: "Deployment" }], [ACS], {}, "other-ns")])).toBeUndefined();
    expect(bestPolicy(deployment, [{ ...appPolicy, deleting: true }])).toBeUndefined();
  });

  it("matches label selector expressions as metav1.LabelSelector does", () => {
    const labels = { app: "web-demo", tier: "front" };
    expect(labelSelectorMatches(labels, { matchExpressions: [{ key: "tier", operator: "In", values: ["front"] }] })).toBe(true);
    expect(labelSelectorMatches(labels, { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["front"] }] })).toBe(false);
    expect(labelSelectorMatches(labels, { matchExpressions: [{ key: "zone", operator: "DoesNotExist" }] })).toBe(true);
    expect(labelSelectorMatches(labels, { matchLabels: { app: "other" } })).toBe(false);
  });

  it("GIVEN a PropagationPolicy and a ClusterPropagationPolicy THEN the namespace's PropagationPolicy claims first", () => {
    const cpp: PolicyView = {
      kind: "ClusterPropagationPolicy",
      namespace: "",
      name: "cluster-wide",
      deleting: false,
      spec: { resourceSelectors: [{ apiVersion: "apps/v1", kind: "Deployment" }], priority: 100 },
    };
    expect(claimFor(deployment, undefined, [cpp, appPolicy], [])?.claimant).toEqual({ kind: "PropagationPolicy", namespace: "provider-ns", name: "web-demo" });
  });

  it("GIVEN a template already claimed THEN it stays with its policy while that policy still selects it", () => {
    const better = pp("a-better", [{ apiVersion: "apps/v1", kind: "Deployment", name: "web-demo" }], [ACS], { priority: 10 });
    const claim = claimFor(deployment, { kind: "PropagationPolicy", namespace: "provider-ns", name: "web-demo" }, [better, appPolicy], []);
    expect(claim?.claimant.name).toBe("web-demo");
  });

  it("GIVEN a CrossCluster MultiClusterService of the Service's name THEN it takes the Service over from the policy", () => {
    const claim = claimFor(service, { kind: "PropagationPolicy", namespace: "provider-ns", name: "web-demo" }, [appPolicy], [mcs]);
    expect(claim?.claimant).toEqual({ kind: "MultiClusterService", namespace: "provider-ns", name: "service1" });
    expect(claimFor(service, undefined, [appPolicy], [{ ...mcs, spec: { ...mcs.spec, types: ["LoadBalancer"] } }])?.claimant.kind).toBe("PropagationPolicy");
  });
});

describe("where a placement schedules", () => {
  it("GIVEN cluster ids THEN only attached members are scheduled and the others are reported", () => {
    const { clusters, problems } = placementClusters({ placement: { clusterAffinity: { clusterNames: [ACS, "cgone"] } } }, MEMBERS, "pp");
    expect(clusters).toEqual([ACS]);
    expect(problems.map((p) => p.message)).toEqual(["pp: cluster(s) cgone are not members of the fleet; nothing is scheduled there"]);
  });

  it("GIVEN no cluster affinity THEN every member; GIVEN exclude THEN those are left out", () => {
    expect(placementClusters({}, MEMBERS, "pp").clusters).toEqual(MEMBERS);
    expect(placementClusters({ placement: { clusterAffinity: { clusterNames: MEMBERS, exclude: [GKE] } } }, MEMBERS, "pp").clusters).toEqual([ACS]);
  });
});

describe("bindings over time (Karmada's ResourceBinding lifecycle)", () => {
  const first = reconcileBindings({}, [deployment, service], [appPolicy], [mcs], MEMBERS).bindings;

  it("binds the app to the provider and the MultiClusterService's Service to provider and consumer, overwriting", () => {
    expect(first["apps/v1/Deployment/provider-ns/web-demo"]).toMatchObject({
      clusters: [ACS],
      conflictResolution: "Abort",
      claimedBy: { kind: "PropagationPolicy" },
    });
    expect(first["v1/Service/provider-ns/service1"]).toMatchObject({
      clusters: [ACS, GKE].sort(),
      conflictResolution: "Overwrite",
      claimedBy: { kind: "MultiClusterService" },
    });
  });

  it("GIVEN the policy deleted and the template kept THEN the binding stays with its clusters and its last content", () => {
    const changed = { ...deployment, spec: { replicas: 3 } };
    const after = reconcileBindings(first, [changed, service], [], [], MEMBERS).bindings;
    const b: Binding = after["apps/v1/Deployment/provider-ns/web-demo"];
    expect(b.claimedBy).toBeUndefined();
    expect(b.clusters).toEqual([ACS]);
    expect(b.content.spec.replicas).toBe(1);
  });

  it("GIVEN the template deleted (or being deleted) THEN its binding is gone", () => {
    expect(Object.keys(reconcileBindings(first, [service], [appPolicy], [mcs], MEMBERS).bindings)).toEqual(["v1/Service/provider-ns/service1"]);
    const terminating = { ...deployment, metadata: { ...deployment.metadata, deletionTimestamp: "2026-12-01T00:00:00Z" } };
    expect(reconcileBindings(first, [terminating, service], [appPolicy], [mcs], MEMBERS).bindings["apps/v1/Deployment/provider-ns/web-demo"]).toBeUndefined();
  });

  it("GIVEN the MultiClusterService deleted while the policy stays THEN the policy claims the Service again, for the provider only", () => {
    const after = reconcileBindings(first, [deployment, service], [appPolicy], [], MEMBERS).bindings;
    expect(after["v1/Service/provider-ns/service1"]).toMatchObject({ clusters: [ACS], claimedBy: { kind: "PropagationPolicy" }, conflictResolution: "Abort" });
  });

  it("GIVEN a member detached THEN an unclaimed binding keeps only the members still attached", () => {
    const orphaned = reconcileBindings(first, [deployment, service], [], [], MEMBERS).bindings;
    expect(reconcileBindings(orphaned, [deployment, service], [], [], [GKE]).bindings["v1/Service/provider-ns/service1"].clusters).toEqual([GKE]);
  });

  it("records the policy's deletion behaviour", () => {
    const keep = pp("keep", [{ apiVersion: "apps/v1", kind: "Deployment", name: "web-demo" }], [ACS], {
      preserveResourcesOnDeletion: true,
      conflictResolution: "Overwrite",
    });
    expect(reconcileBindings({}, [deployment], [keep], [], MEMBERS).bindings["apps/v1/Deployment/provider-ns/web-demo"]).toMatchObject({
      preserveResourcesOnDeletion: true,
      conflictResolution: "Overwrite",
    });
  });
});

it("lists each kind a policy or a MultiClusterService could select once, in the policy's namespace", () => {
  expect(selectedKinds([appPolicy, appPolicy], [mcs])).toEqual([
    { apiVersion: "apps/v1", kind: "Deployment", namespace: "provider-ns", name: "" },
    { apiVersion: "v1", kind: "Service", namespace: "provider-ns", name: "" },
  ]);
});
