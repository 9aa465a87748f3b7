/**
 * What the API server does to a CRD on the way in, done before Pulumi sees the object, so that
 * the inputs equal what a read returns and no preview shows a change that can never apply.
 * Pure.
 *
 * - JSONSchemaProps marks `properties`, `required`, `enum`, `allOf`/`anyOf`/`oneOf`,
 *   `patternProperties`, `definitions` and `x-kubernetes-list-map-keys` `omitempty`: an empty one
 *   is dropped on storage (k8s.io/apiextensions-apiserver pkg/apis/apiextensions/v1/types_jsonschema.go).
 * - `spec.conversion` is defaulted to `{ strategy: None }` (SetDefaults_CustomResourceDefinitionSpec).
 */

type Json = unknown;

/** Schema keywords whose empty value the API server drops. */
export const OMITTED_WHEN_EMPTY = [
  "properties",
  "required",
  "enum",
  "allOf",
  "anyOf",
  "oneOf",
  "patternProperties",
  "definitions",
  "x-kubernetes-list-map-keys",
] as const;

const isEmpty = (v: Json) => (Array.isArray(v) ? v.length === 0 : typeof v === "object" && v !== null && Object.keys(v).length === 0);

/** Keywords whose value maps field names to schemas: their keys are names, not keywords. */
const NAME_MAPS = ["properties", "patternProperties", "definitions"];

const dropped = (key: string, value: Json, names: boolean) => !names && (OMITTED_WHEN_EMPTY as readonly string[]).includes(key) && isEmpty(value);

/** A copy of an OpenAPI v3 schema without the empty keywords the API server drops, at any depth. */
export function normalizeSchema<T extends Json>(schema: T, names = false): T {
  if (Array.isArray(schema)) return (schema as Json[]).map((s) => normalizeSchema(s)) as T;
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (dropped(key, value, names)) continue;
    out[key] = normalizeSchema(value, !names && NAME_MAPS.includes(key));
  }
  return out as T;
}

/** Paths (dot-separated) in a schema where the API server would drop an empty keyword. */
export function droppedByApiServer(schema: Json, at = "", names = false): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => droppedByApiServer(s, `${at}[${i}]`));
  if (typeof schema !== "object" || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) => {
    const here = at ? `${at}.${key}` : key;
    return [...(dropped(key, value, names) ? [here] : []), ...droppedByApiServer(value, here, !names && NAME_MAPS.includes(key))];
  });
}
