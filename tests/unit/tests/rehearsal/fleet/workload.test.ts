import { contained, decideApply, decideDelete, forMember, MANAGED_LABEL, released, retained } from "../../../../rehearsal/fleet/workload";

const hubService = {
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "service1",
    namespace: "provider-ns",
    uid: "u1",
    resourceVersion: "7",
    creationTimestamp: "t",
    managedFields: [{}],
    annotations: { "pulumi.com/skipAwait": "true" },
  },
  spec: { clusterIP: "10.99.0.5", clusterIPs: ["10.99.0.5"], selector: { app: "web-demo" }, ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }] },
  status: { loadBalancer: {} },
};

describe("what a member receives of a hub object (Karmada's prune)", () => {
  const member = forMember(hubService);

  it("drops what the hub's API server made, keeps the template's labels and annotations, and marks it managed", () => {
    expect(member.metadata).toEqual({
      name: "service1",
      namespace: "provider-ns",
      labels: { [MANAGED_LABEL]: "true" },
      annotations: { "pulumi.com/skipAwait": "true" },
    });
    expect(member.status).toBeUndefined();
    expect(member.spec.clusterIP).toBeUndefined();
    expect(member.spec.clusterIPs).toBeUndefined();
    expect(member.spec.selector).toEqual({ app: "web-demo" });
  });

  it("keeps a headless Service headless and drops a Deployment's revision annotation", () => {
    expect(forMember({ ...hubService, spec: { clusterIP: "None" } }).spec.clusterIP).toBe("None");
    const d = forMember({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", annotations: { "deployment.kubernetes.io/revision": "3" } },
      spec: {},
    });
    expect(d.metadata.annotations).toBeUndefined();
  });
});

describe("how the fleet writes a member object (Karmada's objectwatcher)", () => {
  const desired = forMember(hubService);
  const observed = {
    ...desired,
    metadata: { ...desired.metadata, resourceVersion: "42", labels: { ...desired.metadata.labels, "member-controller": "x" }, finalizers: ["f"] },
    spec: { ...desired.spec, clusterIP: "10.100.0.9", clusterIPs: ["10.100.0.9"], ipFamilies: ["IPv4"] },
  };

  it("creates what is absent", () => {
    expect(decideApply(desired, undefined, false, "c1")).toEqual({ action: "create", object: desired });
  });

  it("GIVEN an object the fleet did not create THEN it refuses unless the policy says Overwrite", () => {
    const foreign = { ...observed, metadata: { name: "service1", namespace: "provider-ns", resourceVersion: "1" } };
    const refusal = decideApply(desired, foreign, false, "c1 (gke)");
    expect(refusal.action).toBe("conflict");
    expect(refusal.action === "conflict" && refusal.message).toContain("already exists in the cluster c1 (gke)");
    expect(decideApply(desired, foreign, true, "c1").action).toBe("update");
  });

  it("GIVEN the member holds the desired object plus its own fields THEN nothing is written", () => {
    expect(decideApply(desired, observed, false, "c1")).toEqual({ action: "none" });
  });

  it("GIVEN a changed template THEN the update keeps the member's address, labels, finalizers and resourceVersion", () => {
    const changed = { ...desired, spec: { ...desired.spec, ports: [{ port: 81, targetPort: 8080, protocol: "TCP" }] } };
    const d = decideApply(changed, observed, false, "c1");
    expect(d.action).toBe("update");
    if (d.action !== "update") return;
    expect(d.object.spec.clusterIP).toBe("10.100.0.9");
    expect(d.object.metadata.resourceVersion).toBe("42");
    expect(d.object.metadata.finalizers).toEqual(["f"]);
    expect(d.object.metadata.labels).toEqual({ [MANAGED_LABEL]: "true", "member-controller": "x" });
  });

  it("deletes only what it manages, and releases by taking its label off", () => {
    expect(decideDelete(undefined)).toBe("absent");
    expect(decideDelete(observed)).toBe("delete");
    expect(decideDelete({ metadata: { name: "x" } })).toBe("unmanaged");
    expect(released(observed).metadata.labels).toEqual({ "member-controller": "x" });
  });

  it("compares arrays item by item and objects field by field", () => {
    expect(contained({ a: [1, { b: 2 }] }, { a: [1, { b: 2, c: 3 }], d: 4 })).toBe(true);
    expect(contained({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(contained({ a: {} }, { a: undefined })).toBe(false);
    expect(retained({ metadata: { name: "x" } }, { metadata: { name: "x" } }).metadata.annotations).toBeUndefined();
  });
});
