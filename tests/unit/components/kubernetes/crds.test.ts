import { ISTIO_CRDS, MCS_CRDS, crd } from "../../../../components/kubernetes/crds";
import { droppedByApiServer, normalizeSchema } from "../../../../components/kubernetes/normalizeSchema";

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

  it("drops empty keywords at any depth and keeps everything else, fields named like keywords too", () => {
    const schema = {
      type: "object",
      required: [],
      properties: {
        a: { type: "object", properties: {}, enum: [] },
        b: { type: "array", items: { type: "object", properties: { c: { type: "string" } }, required: ["c"] } },
        properties: { type: "object", properties: {} },
        required: {},
      },
      additionalProperties: true,
    };
    expect(droppedByApiServer(schema)).toEqual(["required", "properties.a.properties", "properties.a.enum", "properties.properties.properties"]);
    expect(normalizeSchema(schema)).toEqual({
      type: "object",
      properties: {
        a: { type: "object" },
        b: { type: "array", items: { type: "object", properties: { c: { type: "string" } }, required: ["c"] } },
        properties: { type: "object" },
        required: {},
      },
      additionalProperties: true,
    });
  });
});
