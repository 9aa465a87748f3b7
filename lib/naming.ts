/** Name rules of the clouds and of Kubernetes, checked before anything is created. */

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
