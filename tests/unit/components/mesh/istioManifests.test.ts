import { MCS_CRDS, ISTIO_CRDS, crd } from "../../../../components/kubernetes/crds";
import { eastWestGatewayObjects, eastWestOperator } from "../../../../components/mesh/eastWestOperator";
import { READER_RULES, istiodDeployment, readerClusterRole } from "../../../../components/mesh/istioManifests";

describe("the control plane as objects", () => {
  it("gives the reader identity read-only access (remote secrets must not write to the other cluster)", () => {
    const verbs = new Set(READER_RULES.flatMap((r) => r.verbs));
    expect([...verbs].filter((v) => !["get", "list", "watch", "create"].includes(v))).toEqual([]);
    const creates = READER_RULES.filter((r) => r.verbs.includes("create")).flatMap((r) => r.resources);
    expect(creates.sort()).toEqual(["subjectaccessreviews", "tokenreviews"]);
  });

  it("binds the reader role to istio-reader-service-account in istio-system", () => {
    const { binding } = readerClusterRole("local-1-24");
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "istio-reader-service-account", namespace: "istio-system" }]);
    expect(binding.roleRef.name).toBe("istio-reader-clusterrole-local-1-24-istio-system");
  });

  it("mounts the plug-in CA where istiod looks for it, with its cluster id", () => {
    const d = istiodDeployment({ revision: "r1", istioVersion: "1.24.3", clusterName: "east", network: "east-net", meshId: "m" });
    const container = d.spec.template.spec.containers[0];
    expect(container.image).toBe("docker.io/istio/pilot:1.24.3");
    expect(container.volumeMounts).toContainEqual({ name: "cacerts", mountPath: "/etc/cacerts", readOnly: true });
    expect(container.env).toContainEqual({ name: "CLUSTER_ID", value: "east" });
  });

  it("renders the east-west gateway from the same IstioOperator", () => {
    const operator = eastWestOperator({ revision: "r1", network: "west-net", namespace: "istio-gateways", exposure: { kind: "address", address: "10.0.0.9" } });
    const objects = eastWestGatewayObjects(operator);
    expect(objects.service.spec.ports.map((p) => p.port)).toEqual([15021, 15443, 15012, 15017]);
    expect(objects.service.spec.loadBalancerIP).toBe("10.0.0.9");
    expect(objects.deployment.spec.template.metadata.labels).toMatchObject({ "topology.istio.io/network": "west-net", "istio.io/rev": "r1" });
    expect(objects.deployment.spec.template.spec.containers[0].env).toContainEqual({ name: "ISTIO_META_REQUESTED_NETWORK_VIEW", value: "west-net" });
  });
});

describe("CRDs", () => {
  it("name every field this project sets, so the API server prunes none of them", () => {
    const [, importCrd] = MCS_CRDS.map(crd);
    const root = importCrd.spec.versions[0].schema.openAPIV3Schema as { properties: { spec: { properties: Record<string, unknown> } } };
    const spec = root.properties.spec;
    expect(Object.keys(spec.properties)).toEqual(expect.arrayContaining(["type", "ports"]));
    const gateway = crd(ISTIO_CRDS[0]);
    expect(gateway.spec.versions.filter((v) => v.storage).map((v) => v.name)).toEqual(["v1"]);
    expect(gateway.spec.versions.map((v) => v.name)).toContain("v1alpha3");
  });
});
