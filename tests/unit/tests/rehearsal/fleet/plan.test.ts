import { Binding } from "../../../../rehearsal/fleet/model";
import { desiredByMember, PlanInput } from "../../../../rehearsal/fleet/plan";

const ACS = "caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const GKE = "cbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web-demo", namespace: "provider-ns" }, spec: {} };
const binding: Binding = {
  template: { apiVersion: "apps/v1", kind: "Deployment", namespace: "provider-ns", name: "web-demo" },
  claimedBy: { kind: "PropagationPolicy", namespace: "provider-ns", name: "web-demo" },
  clusters: [ACS],
  conflictResolution: "Abort",
  preserveResourcesOnDeletion: true,
  content: deployment,
};
const base: PlanInput = {
  members: [ACS, GKE],
  bindings: { d: binding },
  namespaces: [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "provider-ns" } },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system" } },
  ],
  namespaceSync: true,
  services: [],
  memberServices: new Map(),
  apps: {},
};

describe("what each member should hold", () => {
  it("puts a bound template on its clusters only, with the binding's deletion and conflict behaviour", () => {
    const plan = desiredByMember(base);
    expect(plan.get(ACS)!.get("apps/v1/Deployment/provider-ns/web-demo")).toMatchObject({
      source: "PropagationPolicy provider-ns/web-demo",
      overwrite: false,
      preserveOnDeletion: true,
    });
    expect(plan.get(GKE)!.has("apps/v1/Deployment/provider-ns/web-demo")).toBe(false);
  });

  it("syncs the hub's own namespaces to every member, unless namespace sync is off", () => {
    const plan = desiredByMember(base);
    for (const m of [ACS, GKE]) expect([...plan.get(m)!.keys()].filter((k) => k.startsWith("v1/Namespace"))).toEqual(["v1/Namespace//provider-ns"]);
    expect(desiredByMember({ ...base, namespaceSync: false }).get(GKE)!.size).toBe(0);
  });

  it("GIVEN a binding to a cluster that is not joined THEN nothing is planned there", () => {
    expect(desiredByMember({ ...base, members: [GKE], namespaceSync: false }).get(GKE)!.size).toBe(0);
  });

  it("puts a KubeVela Application's objects on its topology clusters", () => {
    const plan = desiredByMember({
      ...base,
      bindings: {},
      namespaceSync: false,
      apps: { "provider-ns/web-demo": { version: "version1", clusters: [GKE], objects: [deployment] } },
    });
    expect(plan.get(GKE)!.get("apps/v1/Deployment/provider-ns/web-demo")?.source).toBe("Application provider-ns/web-demo");
    expect(plan.get(ACS)!.size).toBe(0);
  });
});
