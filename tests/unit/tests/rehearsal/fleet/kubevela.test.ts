import { applicationPlan, resourceNamed } from "../../../../rehearsal/fleet/kubevela";

const ACS = "caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const app = (annotations: Record<string, string> = { "app.oam.dev/publishVersion": "version1" }, clusters = [ACS]) => ({
  apiVersion: "core.oam.dev/v1beta1",
  kind: "Application",
  metadata: { name: "web-demo", namespace: "provider-ns", generation: 4, annotations },
  spec: {
    components: [{ name: "web-demo", type: "ref-objects", properties: { objects: [{ resource: "deployment", name: "web-demo" }, { resource: "service" }] } }],
    policies: [{ type: "topology", name: "provider-clusters", properties: { clusters } }],
  },
});

describe("the seed's KubeVela Application", () => {
  it("reads ref-objects from the Application's namespace, a nameless one by the component's name", () => {
    expect(applicationPlan(app(), [ACS]).refs).toEqual([
      { resource: "deployment", group: "", namespace: "provider-ns", name: "web-demo" },
      { resource: "service", group: "", namespace: "provider-ns", name: "web-demo" },
    ]);
  });

  it("runs again only when publishVersion changes; without it, on each generation", () => {
    expect(applicationPlan(app(), [ACS]).version).toBe("version1");
    expect(applicationPlan(app({}), [ACS]).version).toBe("generation-4");
  });

  it("GIVEN a topology cluster that is not a member THEN it is reported and left out", () => {
    const plan = applicationPlan(app(undefined, [ACS, "cgone"]), [ACS]);
    expect(plan.clusters).toEqual([ACS]);
    expect(plan.problems.map((p) => p.message)).toEqual(["Application provider-ns/web-demo: cluster(s) cgone are not members of the fleet"]);
  });

  it("finds a resource by singular, plural or kind, within its group when one is named", () => {
    const deployments = { apiVersion: "apps/v1", resource: "deployments", singular: "deployment", kind: "Deployment" };
    expect(resourceNamed({ resource: "deployment", group: "", namespace: "", name: "" }, deployments)).toBe(true);
    expect(resourceNamed({ resource: "deployments", group: "apps", namespace: "", name: "" }, deployments)).toBe(true);
    expect(resourceNamed({ resource: "deployment", group: "extensions", namespace: "", name: "" }, deployments)).toBe(false);
    expect(resourceNamed({ resource: "service", group: "", namespace: "", name: "" }, deployments)).toBe(false);
  });
});
