/** Kubeconfig documents, built as data (JSON is valid YAML). Pure. */

export interface ExecKubeconfigArgs {
  /** Name given to the resource in the cloud (or in the kubeconfig). */
  readonly name: string;
  /** API server URL. */
  readonly server: string;
  /** Base64 PEM, as GKE's masterAuth returns it. */
  readonly caData: string;
}

/** A kubeconfig for GKE that authenticates with gke-gcloud-auth-plugin (no token in state). */
export function gkeKubeconfig(args: ExecKubeconfigArgs): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: args.name, cluster: { server: args.server, "certificate-authority-data": args.caData } }],
    contexts: [{ name: args.name, context: { cluster: args.name, user: args.name } }],
    "current-context": args.name,
    users: [
      {
        name: args.name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "gke-gcloud-auth-plugin",
            installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
            provideClusterInfo: true,
          },
        },
      },
    ],
  });
}

export interface TokenKubeconfigArgs {
  /** Name given to the resource in the cloud (or in the kubeconfig). */
  readonly name: string;
  /** API server URL. */
  readonly server: string;
  /** Base64 cluster CA certificate. */
  readonly caData: string;
  /** Bearer token (secret). */
  readonly token: string;
}

/** A bearer-token kubeconfig: what an Istio remote secret carries (istiod cannot run exec plugins). */
export function tokenKubeconfig(args: TokenKubeconfigArgs): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: args.name, cluster: { server: args.server, "certificate-authority-data": args.caData } }],
    contexts: [{ name: args.name, context: { cluster: args.name, user: args.name } }],
    "current-context": args.name,
    preferences: {},
    users: [{ name: args.name, user: { token: args.token } }],
  });
}
