import { droppedByApiServer, normalizeSchema } from "../../../../components/kubernetes/normalizeSchema";

describe("normalizeSchema", () => {
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
