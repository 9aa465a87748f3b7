/**
 * CustomResourceDefinitions for APIs whose controllers live elsewhere (Istio's Gateway, the
 * multi-cluster services API), with structural schemas covering the fields this project sets:
 * the API server prunes anything a schema does not name. Pure.
 */

import { normalizeSchema } from "./normalizeSchema";

type Schema = Record<string, unknown>;

export interface CrdSpec {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  /** Served versions; the first is the storage version. */
  readonly versions: readonly string[];
  readonly specSchema: Schema;
}

const str: Schema = { type: "string" };
const int: Schema = { type: "integer" };
const obj = (properties: Record<string, Schema>): Schema => ({ type: "object", properties });
const list = (items: Schema): Schema => ({ type: "array", items });
const stringMap: Schema = { type: "object", additionalProperties: str };

/** The CRD object, in the form the API server stores it (see normalizeSchema.ts). */
export function crd(spec: CrdSpec) {
  return {
    metadata: { name: `${spec.plural}.${spec.group}` },
    spec: {
      group: spec.group,
      scope: "Namespaced",
      // The API server's default, stated so that a read equals the inputs.
      conversion: { strategy: "None" },
      names: { kind: spec.kind, plural: spec.plural, singular: spec.kind.toLowerCase(), listKind: `${spec.kind}List` },
      versions: spec.versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        subresources: { status: {} },
        schema: { openAPIV3Schema: normalizeSchema(obj({ spec: spec.specSchema, status: { type: "object", additionalProperties: true } })) },
      })),
    },
  };
}

const servicePort = obj({ name: str, port: int, protocol: str, appProtocol: str });

/** The Kubernetes multi-cluster services API (sigs.k8s.io/mcs-api). */
export const MCS_CRDS: readonly CrdSpec[] = [
  { group: "multicluster.x-k8s.io", kind: "ServiceExport", plural: "serviceexports", versions: ["v1alpha1"], specSchema: obj({}) },
  {
    group: "multicluster.x-k8s.io",
    kind: "ServiceImport",
    plural: "serviceimports",
    versions: ["v1alpha1"],
    specSchema: obj({ type: str, ips: list(str), ports: list(servicePort), sessionAffinity: str }),
  },
];

/** Istio's Gateway, as far as the cross-network gateway uses it. */
export const ISTIO_CRDS: readonly CrdSpec[] = [
  {
    group: "networking.istio.io",
    kind: "Gateway",
    plural: "gateways",
    versions: ["v1", "v1alpha3", "v1beta1"],
    specSchema: obj({
      selector: stringMap,
      servers: list(obj({ port: obj({ number: int, name: str, protocol: str, targetPort: int }), tls: obj({ mode: str }), hosts: list(str), name: str })),
    }),
  },
];
