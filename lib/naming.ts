/** Name rules of the clouds and of Kubernetes, checked before anything is created. */
import { createHash } from "crypto";

/** NIFCLOUD firewall groups, private LANs, gateways: 1-15 ASCII letters and digits. */
export const NIFCLOUD_NAME = /^[0-9A-Za-z]{1,15}$/;

/** GCP resource names (RFC 1035): lower case, starts with a letter, at most 63 characters. */
export const GCP_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Kubernetes namespaces, labels used as names, Istio cluster names (DNS-1123 label). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Label values (Istio network names end up in labels). */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Alibaba Cloud resource names: 2-128 characters, starting with a letter. */
export const ALIBABA_NAME = /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5._:-]{1,127}$/;

/** Joins parts into a GCP-valid name, trimmed to 63 characters. */
export function gcpName(...parts: string[]): string {
  return parts
    .join("-")
    .toLowerCase()
    .replace(/[^-a-z0-9]/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 63)
    .replace(/-+$/, "");
}

/** The Istio network name asmcli gives a GKE cluster: `<project>-<vpc>`. */
export function gkeMeshNetwork(project: string, vpc: string): string {
  return `${project}-${vpc}`;
}

/** The ASM mesh id: `proj-<project number>`. */
export function meshId(projectNumber: string): string {
  return `proj-${projectNumber}`;
}

/** Secret name istioctl gives a remote secret for cluster `name`. */
export function remoteSecretName(clusterName: string): string {
  return `istio-remote-secret-${clusterName}`;
}

/**
 * A Google service account id: 6-30 characters, `[a-z]([-a-z0-9]*[a-z0-9])`
 * (terraform-provider-google-beta resource_google_service_account.go `account_id`,
 * ValidateRFC1035Name(6, 30)).
 */
export const SERVICE_ACCOUNT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;

const NODES_SUFFIX = "-nodes";

/**
 * The id of the service account a GKE cluster's nodes run as: `<cluster>-nodes`; a cluster name
 * too long for the 30 characters is cut and followed by a hash of the whole, so two clusters of
 * one project never share an account. Cluster names start with a letter and end with a letter or
 * digit (config/read/cluster.ts), so the id does too.
 */
export function nodeServiceAccountId(clusterName: string): string {
  const id = `${clusterName}${NODES_SUFFIX}`;
  if (id.length <= 30) return id;
  const hash = createHash("sha256").update(clusterName).digest("hex").slice(0, 6);
  return `${clusterName.slice(0, 30 - NODES_SUFFIX.length - hash.length - 1)}-${hash}${NODES_SUFFIX}`;
}

/** The network tag on a GKE cluster's nodes: the target of the firewall rules meant for them. */
export function gkeNodeTag(clusterName: string): string {
  return gcpName(clusterName, "nodes");
}

/** GKE's node pool names: at most 40 characters. */
const NODE_POOL_NAME_MAX = 40;

/**
 * The node pool's name: `<cluster>-pool` for the pool stacks created before (Compute Engine's
 * default service account), `<cluster>-nodes` for the pool of the dedicated account, so that both
 * can exist while one replaces the other.
 */
export function gkeNodePoolName(clusterName: string, serviceAccount: "dedicated" | "compute-default"): string {
  return serviceAccount === "compute-default"
    ? `${clusterName}-pool`.slice(0, NODE_POOL_NAME_MAX)
    : `${clusterName.slice(0, NODE_POOL_NAME_MAX - NODES_SUFFIX.length)}${NODES_SUFFIX}`;
}
