/**
 * The Istio control plane of one revision as plain objects, for clusters where Pulumi applies
 * the mesh itself (installer: manifests) instead of asmcli: istiod with the plug-in CA mounted,
 * its mesh config, and the reader identity remote secrets authenticate as. Pure.
 */
import { ISTIO_SYSTEM } from "./meshNamespaces";
import { READER_SERVICE_ACCOUNT } from "./remoteSecretManifest";

export interface ControlPlaneOptions {
  /** Mesh revision label (istio.io/rev). */
  readonly revision: string;
  /** Istio release of the images. */
  readonly istioVersion: string;
  /** This cluster's name in the mesh (istiod's CLUSTER_ID). */
  readonly clusterName: string;
  /** Istio network name of the cluster. */
  readonly network: string;
  /** Fleet mesh id label (`proj-<number>`). */
  readonly meshId: string;
}

export const ISTIOD_PORTS = { xds: 15010, xdsTls: 15012, webhook: 15017, monitoring: 15014 } as const;

const istiodName = (revision: string) => `istiod-${revision}`;
const revisionLabels = (revision: string) => ({ app: "istiod", "istio.io/rev": revision });

/** What istio-reader-clusterrole grants: read the service registry, nothing else. */
export const READER_RULES = [
  {
    apiGroups: ["config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io", "telemetry.istio.io"],
    resources: ["*"],
    verbs: ["get", "list", "watch"],
  },
  {
    apiGroups: [""],
    resources: ["endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"],
    verbs: ["get", "list", "watch"],
  },
  { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["apps"], resources: ["replicasets"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["multicluster.x-k8s.io"], resources: ["serviceexports", "serviceimports"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["authentication.k8s.io"], resources: ["tokenreviews"], verbs: ["create"] },
  { apiGroups: ["authorization.k8s.io"], resources: ["subjectaccessreviews"], verbs: ["create"] },
];

/** istiod also writes: webhooks' CA bundles, CSRs, its config maps and status. */
const ISTIOD_RULES = [
  ...READER_RULES,
  {
    apiGroups: ["admissionregistration.k8s.io"],
    resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"],
    verbs: ["get", "list", "watch", "update", "patch"],
  },
  {
    apiGroups: ["certificates.k8s.io"],
    resources: ["certificatesigningrequests", "certificatesigningrequests/approval", "certificatesigningrequests/status"],
    verbs: ["update", "create", "get", "delete", "watch"],
  },
  { apiGroups: [""], resources: ["configmaps"], verbs: ["create", "get", "list", "watch", "update"] },
  { apiGroups: ["networking.istio.io"], resources: ["*/status"], verbs: ["update", "patch"] },
];

export function readerServiceAccount(revision: string) {
  return { metadata: { name: READER_SERVICE_ACCOUNT, namespace: ISTIO_SYSTEM, labels: { app: "istio-reader", "istio.io/rev": revision } } };
}

/** A ClusterRole and its binding to one service account in istio-system. */
export function clusterRoleFor(name: string, serviceAccount: string, rules: typeof READER_RULES) {
  return {
    role: { metadata: { name }, rules },
    binding: {
      metadata: { name },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
      subjects: [{ kind: "ServiceAccount", name: serviceAccount, namespace: ISTIO_SYSTEM }],
    },
  };
}

export function readerClusterRole(revision: string) {
  return clusterRoleFor(`istio-reader-clusterrole-${revision}-${ISTIO_SYSTEM}`, READER_SERVICE_ACCOUNT, READER_RULES);
}

export function istiodClusterRole(revision: string) {
  return clusterRoleFor(`istiod-clusterrole-${revision}-${ISTIO_SYSTEM}`, istiodName(revision), ISTIOD_RULES);
}

export function istiodServiceAccount(revision: string) {
  return { metadata: { name: istiodName(revision), namespace: ISTIO_SYSTEM, labels: revisionLabels(revision) } };
}

/** The revision's mesh config (`istio-<revision>`), read by istiod and by injected proxies. */
export function meshConfigMap(options: ControlPlaneOptions) {
  const mesh = [
    "defaultConfig:",
    `  meshId: ${options.meshId}`,
    "  proxyMetadata: {}",
    "enablePrometheusMerge: true",
    "rootNamespace: istio-system",
    "trustDomain: cluster.local",
  ].join("\n");
  return {
    metadata: { name: `istio-${options.revision}`, namespace: ISTIO_SYSTEM, labels: { "istio.io/rev": options.revision } },
    data: { mesh, meshNetworks: "networks: {}" },
  };
}

export function istiodService(revision: string) {
  return {
    metadata: { name: istiodName(revision), namespace: ISTIO_SYSTEM, labels: revisionLabels(revision) },
    spec: {
      selector: revisionLabels(revision),
      ports: [
        { name: "grpc-xds", port: ISTIOD_PORTS.xds, protocol: "TCP" },
        { name: "https-dns", port: ISTIOD_PORTS.xdsTls, protocol: "TCP" },
        { name: "https-webhook", port: 443, targetPort: ISTIOD_PORTS.webhook, protocol: "TCP" },
        { name: "http-monitoring", port: ISTIOD_PORTS.monitoring, protocol: "TCP" },
      ],
    },
  };
}

/** istiod with the plug-in CA (`cacerts`) mounted where it looks for one. */
export function istiodDeployment(options: ControlPlaneOptions) {
  const labels = revisionLabels(options.revision);
  return {
    metadata: { name: istiodName(options.revision), namespace: ISTIO_SYSTEM, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels, "sidecar.istio.io/inject": "false" } },
        spec: {
          serviceAccountName: istiodName(options.revision),
          containers: [
            {
              name: "discovery",
              image: `docker.io/istio/pilot:${options.istioVersion}`,
              args: ["discovery", `--monitoringAddr=:${ISTIOD_PORTS.monitoring}`, "--domain", "cluster.local", "--keepaliveMaxServerConnectionAge", "30m"],
              ports: [{ containerPort: 8080 }, { containerPort: ISTIOD_PORTS.xds }, { containerPort: ISTIOD_PORTS.webhook }],
              env: [
                { name: "REVISION", value: options.revision },
                { name: "CLUSTER_ID", value: options.clusterName },
                { name: "PILOT_CERT_PROVIDER", value: "istiod" },
                { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
              ],
              volumeMounts: [
                { name: "cacerts", mountPath: "/etc/cacerts", readOnly: true },
                { name: "config-volume", mountPath: "/etc/istio/config" },
              ],
            },
          ],
          volumes: [
            { name: "cacerts", secret: { secretName: "cacerts", optional: true } },
            { name: "config-volume", configMap: { name: `istio-${options.revision}` } },
          ],
        },
      },
    },
  };
}
