import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MeshCluster } from "./meshCluster";
import { ISTIO_SYSTEM } from "./meshNamespaces";
import { READER_SERVICE_ACCOUNT, READER_TOKEN_SECRET, orderedPairs, remoteSecret, remoteSecretMetadata } from "./remoteSecretManifest";

export interface RemoteSecretsArgs {
  /** Member clusters of the mesh. */
  readonly clusters: readonly MeshCluster[];
  /**
   * Per cluster name: what the secrets in that cluster wait for, its reader token and the secrets
   * written there (its control plane: the token's service account, the secrets' reader).
   */
  readonly after: Readonly<Record<string, pulumi.Resource[]>>;
  /**
   * Per cluster name: the cluster id its istiod runs with (CLUSTER_ID), which names its secret
   * in the other clusters, the secret's cluster annotation and its kubeconfig. @default the cluster's name
   */
  readonly clusterIds?: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * Endpoint discovery both ways: each cluster's reader token (Kubernetes >= 1.24 creates none by
 * itself) becomes a kubeconfig secret in every other cluster, for any number of clusters, named
 * after the cluster id the source cluster's istiod runs with (as `istioctl create-remote-secret
 * --name <cluster id>` would).
 */
export class RemoteSecrets extends pulumi.ComponentResource {
  readonly tokens: Record<string, k8s.core.v1.Secret> = {};
  readonly secrets: k8s.core.v1.Secret[];

  constructor(name: string, args: RemoteSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:RemoteSecrets", name, {}, opts);
    for (const cluster of args.clusters) {
      // The provider waits until the token controller has filled `token` and `ca.crt`.
      this.tokens[cluster.name] = new k8s.core.v1.Secret(
        `${name}-${cluster.name}-reader-token`,
        {
          metadata: {
            name: READER_TOKEN_SECRET,
            namespace: ISTIO_SYSTEM,
            annotations: { "kubernetes.io/service-account.name": READER_SERVICE_ACCOUNT },
          },
          type: "kubernetes.io/service-account-token",
        },
        { parent: this, provider: cluster.provider, dependsOn: args.after[cluster.name] ?? [], additionalSecretOutputs: ["data"] },
      );
    }
    this.secrets = orderedPairs(args.clusters).map(([source, dest]) => {
      const token = this.tokens[source.name];
      const clusterId = pulumi.output(args.clusterIds?.[source.name] ?? source.name);
      const stringData = pulumi.secret(
        pulumi.all([token.data, source.apiServer, clusterId]).apply(
          ([data, server, id]) =>
            remoteSecret({
              clusterName: id,
              server,
              caData: data?.["ca.crt"] ?? "",
              token: Buffer.from(data?.token ?? "", "base64").toString("utf8"),
            }).stringData,
        ),
      );
      // The resource name stays the cluster's (no replacement of the resource); the object takes the id.
      return new k8s.core.v1.Secret(
        `${name}-${source.name}-in-${dest.name}`,
        {
          metadata: clusterId.apply(remoteSecretMetadata),
          type: "Opaque",
          stringData,
        },
        { parent: this, provider: dest.provider, additionalSecretOutputs: ["stringData", "data"], dependsOn: args.after[dest.name] ?? [] },
      );
    });
    this.registerOutputs({});
  }
}
