/**
 * The APIs an ACK One hub serves for the kinds the program applies, with schemas that reject what
 * the real ones reject. ACK One's PropagationPolicy and ClusterPropagationPolicy are Karmada's API
 * in the group policy.one.alibabacloud.com (ACK One docs, "Propagation policies and override
 * policies", alibabacloud.com/help/en/document_detail/2848498.html: "compatible with the Karmada
 * API"); the schemas follow Karmada's CRDs and admission webhooks (karmada-io/karmada
 * f8fdd02df, charts/karmada/_crds/bases/policy/policy.karmada.io_propagationpolicies.yaml,
 * pkg/webhook/propagationpolicy/validating.go, pkg/util/validation/validation.go). Subtrees the
 * fleet does not model keep unknown fields instead of their full schema.
 */
import type { KubeObject } from "./kube";

const string = { type: "string" };
const strings = { type: "array", items: string };
const anyObject = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
const anyArray = { type: "array", items: anyObject };
const port = { type: "integer", format: "int32", minimum: 1, maximum: 65535 };

/** A DNS-1123 label of at most 48 characters: Karmada's cluster name rule (pkg/apis/cluster/validation/validation.go ValidateClusterName). */
const clusterName = { type: "string", maxLength: 48, pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" };

function crd(
  group: string,
  version: string,
  kind: string,
  plural: string,
  scope: "Namespaced" | "Cluster",
  schema: KubeObject,
  shortNames: string[] = [],
  status = false,
) {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}`, labels: { "rehearsal.multicloud-mesh/fleet": "true" } },
    spec: {
      group,
      scope,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List`, shortNames },
      versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema: schema }, ...(status ? { subresources: { status: {} } } : {}) }],
    },
  };
}

/** Karmada's ResourceSelector: apiVersion and kind required (policy.karmada.io_propagationpolicies.yaml). */
const resourceSelectors = {
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    required: ["apiVersion", "kind"],
    properties: { apiVersion: string, kind: string, name: string, namespace: string, labelSelector: anyObject },
  },
};

/** Karmada's PropagationSpec (pkg/apis/policy/v1alpha1/propagation_types.go), shared by both policy kinds. */
const propagationSpec = {
  type: "object",
  required: ["resourceSelectors"],
  properties: {
    resourceSelectors,
    placement: {
      type: "object",
      properties: {
        clusterAffinity: {
          type: "object",
          properties: { clusterNames: strings, exclude: strings, labelSelector: anyObject, fieldSelector: anyObject },
        },
        clusterAffinities: anyArray,
        clusterTolerations: anyArray,
        spreadConstraints: anyArray,
        replicaScheduling: anyObject,
        workloadAffinity: anyObject,
      },
      // pkg/util/validation/validation.go ValidatePlacement.
      "x-kubernetes-validations": [
        { rule: "!(has(self.clusterAffinity) && has(self.clusterAffinities))", message: "clusterAffinities cannot co-exist with clusterAffinity" },
      ],
    },
    conflictResolution: { type: "string", enum: ["Abort", "Overwrite"], default: "Abort" },
    preserveResourcesOnDeletion: { type: "boolean" },
    priority: { type: "integer", format: "int32", default: 0 },
    preemption: { type: "string", enum: ["Always", "Never"], default: "Never" },
    propagateDeps: { type: "boolean" },
    activationPreference: { type: "string", enum: ["Lazy"] },
    association: { type: "boolean" },
    dependentOverrides: strings,
    failover: anyObject,
    schedulePriority: anyObject,
    schedulerName: { type: "string", default: "default-scheduler" },
    suspension: anyObject,
  },
  // pkg/webhook/propagationpolicy/validating.go validateUpdate: the scheduler name never changes.
  "x-kubernetes-validations": [{ rule: "self.schedulerName == oldSelf.schedulerName", message: "the schedulerName should not be updated" }],
};

const policySchema = { type: "object", required: ["spec"], properties: { spec: propagationSpec } };

/**
 * Karmada's MultiClusterService (pkg/apis/networking/v1alpha1/service_types.go: `types` required;
 * networking.karmada.io_multiclusterservices.yaml) with its webhook's rules as CEL
 * (pkg/webhook/multiclusterservice/validating.go: a DNS-1035 name, CrossCluster or LoadBalancer,
 * one type only, types immutable, valid port numbers, cluster names as Karmada accepts them),
 * served in the group the program uses.
 */
const multiClusterServiceSchema = {
  type: "object",
  required: ["spec"],
  properties: {
    spec: {
      type: "object",
      required: ["types"],
      properties: {
        types: {
          type: "array",
          items: { type: "string", enum: ["CrossCluster", "LoadBalancer"] },
          "x-kubernetes-validations": [
            { rule: "self.all(t, t == self[0])", message: "MultiClusterService types should not contain more than one type" },
            { rule: "self == oldSelf", message: "MultiClusterService types are immutable" },
          ],
        },
        ports: { type: "array", items: { type: "object", required: ["port"], properties: { name: string, port } } },
        range: { type: "object", properties: { clusterNames: strings } },
        serviceProvisionClusters: strings,
        serviceConsumptionClusters: strings,
        providerClusters: { type: "array", items: { type: "object", required: ["name"], properties: { name: clusterName } } },
        consumerClusters: { type: "array", items: { type: "object", required: ["name"], properties: { name: clusterName } } },
      },
    },
    status: anyObject,
  },
  "x-kubernetes-validations": [{ rule: "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')", message: "metadata.name must be a DNS-1035 label" }],
};

/** multicluster.x-k8s.io as Karmada ships it (charts/karmada/_crds/bases/multicluster/*): ServiceImport needs ports and type. */
const serviceExportSchema = { type: "object", properties: { status: anyObject } };
const serviceImportSchema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      required: ["ports", "type"],
      properties: {
        type: { type: "string", enum: ["ClusterSetIP", "Headless"] },
        ports: {
          type: "array",
          "x-kubernetes-list-type": "atomic",
          items: {
            type: "object",
            required: ["port"],
            properties: { appProtocol: string, name: string, port: { type: "integer", format: "int32" }, protocol: string },
          },
        },
        ips: strings,
        sessionAffinity: string,
        sessionAffinityConfig: anyObject,
      },
    },
    status: anyObject,
  },
};

/** KubeVela's Application (kubevela/kubevela v1.11.0-alpha.4 charts/vela-core/crds/core.oam.dev_applications.yaml): components need name and type. */
const applicationSchema = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      required: ["components"],
      properties: {
        components: {
          type: "array",
          items: {
            type: "object",
            required: ["name", "type"],
            properties: {
              name: string,
              type: string,
              properties: anyObject,
              traits: anyArray,
              dependsOn: strings,
              inputs: anyArray,
              outputs: anyArray,
              scopes: anyObject,
              externalRevision: string,
            },
          },
        },
        policies: { type: "array", items: { type: "object", required: ["type"], properties: { name: string, type: string, properties: anyObject } } },
        workflow: anyObject,
      },
    },
    status: anyObject,
  },
};

export const POLICY_GROUP = "policy.one.alibabacloud.com";
export const POLICY_API = `${POLICY_GROUP}/v1alpha1`;
export const MCS_NETWORKING_API = "networking.one.alibabacloud.com/v1alpha1";
export const MCS_API = "multicluster.x-k8s.io/v1alpha1";
export const KUBEVELA_API = "core.oam.dev/v1beta1";

/** The MCS API kinds: served by the hub and, as ACK One's multi-cluster Services need, by every member. */
export function mcsApiCrds(): KubeObject[] {
  return [
    crd("multicluster.x-k8s.io", "v1alpha1", "ServiceExport", "serviceexports", "Namespaced", serviceExportSchema, ["svcex"], true),
    crd("multicluster.x-k8s.io", "v1alpha1", "ServiceImport", "serviceimports", "Namespaced", serviceImportSchema, ["svcim"], true),
  ];
}

/** Every CRD the hub serves. */
export function hubCrds(): KubeObject[] {
  return [
    crd(POLICY_GROUP, "v1alpha1", "PropagationPolicy", "propagationpolicies", "Namespaced", policySchema, ["pp"]),
    crd(POLICY_GROUP, "v1alpha1", "ClusterPropagationPolicy", "clusterpropagationpolicies", "Cluster", policySchema, ["cpp"]),
    crd("networking.one.alibabacloud.com", "v1alpha1", "MultiClusterService", "multiclusterservices", "Namespaced", multiClusterServiceSchema, ["mcs"], true),
    crd("core.oam.dev", "v1beta1", "Application", "applications", "Namespaced", applicationSchema, ["app", "velaapp"], true),
    ...mcsApiCrds(),
  ];
}

/**
 * Karmada's PropagationPolicy webhook rule that a CRD cannot state (it needs the object's
 * namespace): every resource selector stays in the policy's namespace
 * (pkg/util/validation/validation.go validateResourceSelectors; the mutating webhook fills an
 * empty one with the policy's namespace first).
 */
export function hubAdmissionPolicies(): KubeObject[] {
  const name = "fleet-propagationpolicy-selectors";
  return [
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name, labels: { "rehearsal.multicloud-mesh/fleet": "true" } },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: {
          resourceRules: [{ apiGroups: [POLICY_GROUP], apiVersions: ["v1alpha1"], operations: ["CREATE", "UPDATE"], resources: ["propagationpolicies"] }],
        },
        validations: [
          {
            expression: "object.spec.resourceSelectors.all(s, !has(s.__namespace__) || s.__namespace__ == '' || s.__namespace__ == object.metadata.namespace)",
            message: "namespace of resource selector must be the same as the namespace of the policy",
            reason: "Invalid",
          },
        ],
      },
    },
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name, labels: { "rehearsal.multicloud-mesh/fleet": "true" } },
      spec: { policyName: name, validationActions: ["Deny"] },
    },
  ];
}
