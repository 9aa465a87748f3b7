/** What `istioctl create-remote-secret` produces, as data. Pure. */
import { remoteSecretName } from "../../lib/naming";
import { tokenKubeconfig } from "../gke/kubeconfig";

export const READER_SERVICE_ACCOUNT = "istio-reader-service-account";
export const READER_TOKEN_SECRET = `${READER_SERVICE_ACCOUNT}-istio-remote-secret-token`;

export interface RemoteSecretInput {
  /** The cluster the secret gives access to. */
  readonly clusterName: string;
  readonly server: string;
  /** Base64 CA of that cluster's API server. */
  readonly caData: string;
  /** Reader service-account token (decoded). */
  readonly token: string;
}

/** Name, labels and annotation istiod looks for; nothing secret. */
export function remoteSecretMetadata(clusterName: string) {
  return {
    name: remoteSecretName(clusterName),
    namespace: "istio-system",
    labels: { "istio/multiCluster": "true" },
    annotations: { "networking.istio.io/cluster": clusterName },
  };
}

/** The Secret to create in every other cluster's istio-system. */
export function remoteSecret(input: RemoteSecretInput) {
  return {
    metadata: remoteSecretMetadata(input.clusterName),
    type: "Opaque",
    stringData: {
      [input.clusterName]: tokenKubeconfig({ name: input.clusterName, server: input.server, caData: input.caData, token: input.token }),
    },
  };
}

/** Every ordered pair (source, destination) of distinct clusters: N x (N-1) secrets. */
export function orderedPairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((source) => items.filter((dest) => dest !== source).map((dest): [T, T] => [source, dest]));
}
