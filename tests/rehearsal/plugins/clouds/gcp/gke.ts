import { Kind, Stored, collection } from "../shared/cloud";
import { CloudError } from "../shared/operation";
import { Props, reveal, str } from "../shared/values";
import { worldCluster } from "../shared/world";
import { gcpKind } from "./kinds";
import { nodePoolAccount } from "./iam";
import { asId, scope } from "./names";

const location = (config: Readonly<Record<string, string | undefined>>, inputs: Props) => str(inputs.location) ?? config.zone ?? config.region ?? "";

/**
 * A GKE cluster whose API server is the run's local `gke` control plane: `endpoint` (host:port,
 * as GKE returns the bare address the kubeconfig prefixes with https://),
 * `privateClusterConfig.privateEndpoint` (the private endpoint every Private Service Connect
 * cluster has, whether or not its public endpoint is on) and `masterAuth.clusterCaCertificate`
 * (base64 PEM) point at it: one local API server answers on both endpoints.
 */
export const cluster: Kind = {
  ...gcpKind({
    type: "gcp:container/cluster:Cluster",
    collection: "clusters",
    what: "Cluster",
    word: "cluster",
    // resource_container_cluster.go containerClusterFullName.
    id: (ctx, inputs) => `projects/${scope(ctx.config, inputs).project}/locations/${location(ctx.config, inputs)}/clusters/${str(inputs.name)}`,
    refs: (_ctx, inputs) => [asId(str(inputs.network) ?? ""), asId(str(inputs.subnetwork) ?? "")],
    computed: (_ctx, inputs, id) => {
      const api = worldCluster("gke");
      return {
        endpoint: new URL(api.server).host,
        // resource_container_cluster.go flattenPrivateClusterConfig: the inputs, with the private
        // endpoint GKE reports (ControlPlaneEndpointsConfig.IpEndpointsConfig.PrivateEndpoint).
        privateClusterConfig: { ...(inputs.privateClusterConfig ?? {}), privateEndpoint: new URL(api.server).host },
        masterAuth: { clusterCaCertificate: api.caData, clientCertificate: "", clientKey: "" },
        selfLink: `https://container.googleapis.com/v1/${id}`,
        location: str(inputs.location),
        labelFingerprint: "a9dc16a7",
        masterVersion: "1.33.5-gke.1080000",
      };
    },
    embeds: ["gcp:container/nodePool:NodePool"],
  }),
  // The provider itself refuses, before any API call (resource_container_cluster.go resourceContainerClusterDelete);
  // deletionProtection defaults to true.
  inUse(state, id) {
    const stored = collection<Stored>(state, "clusters")[id];
    if (stored && reveal(stored.inputs.deletionProtection) !== false)
      return new CloudError(
        "deletionProtection",
        "Cannot destroy cluster because deletion_protection is set to true. Set it to false to proceed with cluster deletion.",
      );
    return undefined;
  },
};

export const nodePool = gcpKind({
  type: "gcp:container/nodePool:NodePool",
  collection: "nodePools",
  what: "NodePool",
  word: "node_pool",
  // resource_container_node_pool.go: projects/{{project}}/locations/{{location}}/clusters/{{cluster}}/nodePools/{{name}}.
  id: (ctx, inputs) => {
    const clusterId = asId(str(inputs.cluster) ?? "");
    const full = clusterId.startsWith("projects/")
      ? clusterId
      : `projects/${scope(ctx.config, inputs).project}/locations/${location(ctx.config, inputs)}/clusters/${clusterId}`;
    return `${full}/nodePools/${str(inputs.name)}`;
  },
  // The nodes' service account must exist (GKE refuses a pool naming an unknown one).
  refs: (_ctx, inputs) => [asId(str(inputs.cluster) ?? ""), nodePoolAccount(inputs)],
  computed: () => ({ version: "1.33.5-gke.1080000" }),
});

export const membership = gcpKind({
  type: "gcp:gkehub/membership:Membership",
  collection: "memberships",
  what: "Membership",
  word: "membership",
  name: (inputs) => str(inputs.membershipId),
  id: (ctx, inputs) => `projects/${scope(ctx.config, inputs).project}/locations/${str(inputs.location) ?? "global"}/memberships/${str(inputs.membershipId)}`,
  refs: (_ctx, inputs) => [asId(str((reveal(inputs.endpoint) as { gkeCluster?: { resourceLink?: string } } | undefined)?.gkeCluster?.resourceLink) ?? "")],
  computed: (_ctx, _inputs, id) => ({ name: id }),
});

/**
 * A fleet feature (`servicemesh`): one per name and location in a project; a second create is
 * `alreadyExists` (terraform-provider-google-beta services/gkehub2/resource_gke_hub_feature.go).
 */
export const feature = gcpKind({
  type: "gcp:gkehub/feature:Feature",
  collection: "features",
  what: "Feature",
  word: "feature",
  id: (ctx, inputs) => `projects/${scope(ctx.config, inputs).project}/locations/${str(inputs.location) ?? "global"}/features/${str(inputs.name)}`,
  computed: (_ctx, _inputs, id) => ({ name: id.split("/").pop() }),
});

/**
 * A Service Usage API: enabling an enabled one is no error, and with disableOnDestroy false a
 * delete only forgets it (resource_google_project_service.go), so what was enabled before stays.
 */
export const projectService: Kind = {
  type: "gcp:projects/service:Service",
  collection: "services",
  name: (inputs) => str(inputs.service),
  id: (ctx, inputs) => `${scope(ctx.config, inputs).project}/${str(inputs.service)}`,
  refs: () => [],
  computed: () => ({}),
  shape: () => ({ enabled: true }),
  onCreate(state, id) {
    const enabled = collection<Props>(state, "enabledServices");
    enabled[id] ??= { enabledBy: "stack" };
  },
  onDelete(state, id, stored) {
    if (reveal(stored.inputs.disableOnDestroy) !== false) {
      const enabled = collection<Props>(state, "enabledServices");
      if (enabled[id]?.enabledBy === "stack") delete enabled[id];
    }
  },
};
