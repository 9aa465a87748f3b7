import { ISTIO_CRDS, MCS_CRDS, crd } from "../../../../components/kubernetes/crds";
import { droppedByApiServer } from "../../../../components/kubernetes/normalizeSchema";

const ALL = [...MCS_CRDS, ...ISTIO_CRDS];

describe("CRDs as the API server stores them (no perpetual diff)", () => {
  it.each(ALL.map((s) => [`${s.plural}.${s.group}`, s] as const))("%s carries no empty keyword the API server drops", (_, spec) => {
    const rendered = crd(spec);
    rendered.spec.versions.forEach((v) => expect(droppedByApiServer(v.schema.openAPIV3Schema)).toEqual([]));
  });

  it("ServiceExport's empty spec is a plain object schema, not `properties: {}`", () => {
    const exportCrd = crd(MCS_CRDS.find((s) => s.kind === "ServiceExport")!);
    const spec = (exportCrd.spec.versions[0].schema.openAPIV3Schema as { properties: Record<string, object> }).properties.spec;
    expect(spec).toEqual({ type: "object" });
  });

  it("states the conversion strategy the API server defaults", () => {
    ALL.forEach((s) => expect(crd(s).spec.conversion).toEqual({ strategy: "None" }));
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
