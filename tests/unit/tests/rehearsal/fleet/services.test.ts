import { dispatchedSlices, importedObjects, madeByFleet, MemberServices } from "../../../../rehearsal/fleet/services";

const ACS = "caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const GKE = "cbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";

const slice = (name: string, service: string, managedBy = "endpointslice-controller.k8s.io") => ({
  apiVersion: "discovery.k8s.io/v1",
  kind: "EndpointSlice",
  metadata: { name, namespace: "provider-ns", labels: { "kubernetes.io/service-name": service, "endpointslice.kubernetes.io/managed-by": managedBy } },
  addressType: "IPv4",
  endpoints: [{ addresses: ["10.204.0.1"], conditions: { ready: true } }],
  ports: [{ name: "", port: 8080, protocol: "TCP" }],
});
const mcs = {
  namespace: "provider-ns",
  name: "service1",
  deleting: false,
  spec: { types: ["CrossCluster"], providerClusters: [{ name: ACS }], consumerClusters: [{ name: GKE }] },
};

describe("MultiClusterService EndpointSlices (Karmada's collect and dispatch controllers)", () => {
  const slices = new Map([
    [
      ACS,
      [slice("service1-abcde", "service1"), slice("other-x", "other"), slice(`${GKE}-service1-z`, "service1", "endpointslice-dispatch-controller.karmada.io")],
    ],
    [GKE, [slice("service1-local", "service1")]],
  ]);

  it("copies the provider's own slices of the Service into each consumer, named after the provider", () => {
    const out = dispatchedSlices(mcs, slices, [ACS, GKE]);
    expect([...out.keys()]).toEqual([GKE]);
    const [copy] = out.get(GKE)!;
    expect(copy.metadata).toEqual({
      name: `${ACS}-service1-abcde`,
      namespace: "provider-ns",
      labels: { "kubernetes.io/service-name": "service1", "endpointslice.kubernetes.io/managed-by": "endpointslice-dispatch-controller.karmada.io" },
      annotations: { "endpointslice.karmada.io/provision-cluster": ACS },
    });
    expect(copy.endpoints).toEqual([{ addresses: ["10.204.0.1"], conditions: { ready: true } }]);
  });

  it("dispatches nothing for a MultiClusterService without CrossCluster, being deleted, or whose provider is not a member", () => {
    expect(dispatchedSlices({ ...mcs, spec: { ...mcs.spec, types: ["LoadBalancer"] } }, slices, [ACS, GKE]).size).toBe(0);
    expect(dispatchedSlices({ ...mcs, deleting: true }, slices, [ACS, GKE]).size).toBe(0);
    expect(dispatchedSlices(mcs, slices, [GKE]).size).toBe(0);
  });

  it("never collects a slice the fleet made", () => {
    expect(madeByFleet(slice("x", "service1", "endpointslice-dispatch-controller.karmada.io"))).toBe(true);
    expect(madeByFleet(slice("x", "service1"))).toBe(false);
  });
});

describe("ServiceExport / ServiceImport (ACK One's amcs- Service)", () => {
  const exp = { apiVersion: "multicluster.x-k8s.io/v1alpha1", kind: "ServiceExport", metadata: { name: "service1", namespace: "provider-ns" } };
  const imp = {
    apiVersion: "multicluster.x-k8s.io/v1alpha1",
    kind: "ServiceImport",
    metadata: { name: "service1", namespace: "provider-ns" },
    spec: { type: "ClusterSetIP", ports: [{ port: 80, protocol: "TCP" }] },
  };
  const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "service1", namespace: "provider-ns" } };
  const provider: MemberServices = { exports: [exp], imports: [], services: [svc], slices: [slice("service1-abcde", "service1")] };
  const consumer: MemberServices = { exports: [], imports: [imp], services: [], slices: [] };

  it("GIVEN an export beside its Service and an import elsewhere THEN the importer gets amcs-<name> without selector and the exporter's slices", () => {
    const out = importedObjects(
      new Map([
        [ACS, provider],
        [GKE, consumer],
      ]),
    );
    const [service, copy] = out.get(GKE)!;
    expect(service).toEqual({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "amcs-service1", namespace: "provider-ns" },
      spec: { type: "ClusterIP", ports: [{ port: 80, protocol: "TCP" }] },
    });
    expect(copy.metadata.name).toBe(`imported-${ACS}-service1-abcde`);
    expect(copy.metadata.labels["kubernetes.io/service-name"]).toBe("amcs-service1");
  });

  it("GIVEN no export, or an export without its Service THEN the import yields nothing", () => {
    expect(importedObjects(new Map([[GKE, consumer]])).size).toBe(0);
    expect(
      importedObjects(
        new Map([
          [ACS, { ...provider, services: [] }],
          [GKE, consumer],
        ]),
      ).size,
    ).toBe(0);
  });
});
