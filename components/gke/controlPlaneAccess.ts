/** Who reaches a GKE cluster's control plane, and what its nodes may do in the project. Pure. */
import { AuthorizedNetwork } from "../../config/types";

/** The cluster inputs that decide who reaches the control plane (@pulumi/gcp container/cluster.d.ts). */
export interface ControlPlaneAccess {
  readonly privateClusterConfig: { readonly enablePrivateEndpoint: boolean };
  readonly masterAuthorizedNetworksConfig: {
    readonly cidrBlocks: readonly { readonly displayName: string; readonly cidrBlock: string }[];
    readonly gcpPublicCidrsAccessEnabled: false;
  };
}

/**
 * No named range: the public endpoint is off, and clients use the private endpoint. Named ranges:
 * the public endpoint is on for those ranges only. Authorized networks are on either way, and
 * admit no Google Cloud public address beyond the list (`gcpPublicCidrsAccessEnabled: false`).
 *
 * Nothing here sets `masterIpv4CidrBlock` or `privateEndpointSubnetwork`, the two ForceNew fields
 * of `private_cluster_config` (terraform-provider-google-beta release-7.46.0
 * services/container/resource_container_cluster.go): `enable_private_endpoint`,
 * `master_global_access_config` and `master_authorized_networks_config` are updated in place
 * (resourceContainerClusterUpdate, DesiredControlPlaneEndpointsConfig), so an existing cluster is
 * never replaced. Without `masterIpv4CidrBlock` the cluster is a Private Service Connect one
 * (isEnablePrivateEndpointPSCCluster): its private endpoint is an address in the cluster's own
 * network ("The PSC endpoint is located entirely within the cluster network", GKE "About Private
 * Service Connect"), which every VPN peer already routes to, so no peering route has to be
 * exported and no control-plane range advertised. GKE has made every new public cluster a PSC
 * one since 2022-03-15 (version 1.23 and later; Google Cloud blog "New control plane connectivity
 * and isolation options for your GKE clusters"), so a cluster this stack made before has a
 * private endpoint too. Global access stays off: the VPN tunnels end in the cluster's region
 * (config/checks/gke.ts checkGkeLocations), and a client over a tunnel in that region reaches the
 * private endpoint without it (GKE "Advanced private cluster configurations").
 */
export function controlPlaneAccess(authorizedNetworks: readonly AuthorizedNetwork[]): ControlPlaneAccess {
  return {
    privateClusterConfig: { enablePrivateEndpoint: authorizedNetworks.length === 0 },
    masterAuthorizedNetworksConfig: {
      cidrBlocks: authorizedNetworks.map((n) => ({ displayName: n.name, cidrBlock: n.cidr })),
      gcpPublicCidrsAccessEnabled: false,
    },
  };
}

/**
 * The project roles of a dedicated node service account: what GKE's nodes need to write logs and
 * metrics and to pull images from Artifact Registry, and nothing else
 * (terraform-google-modules/terraform-google-kubernetes-engine sa.tf at 5bb1cd78, its least
 * privilege node account: logging.logWriter, monitoring.metricWriter, monitoring.viewer,
 * stackdriver.resourceMetadata.writer, and artifactregistry.reader for registry access).
 */
export const NODE_ROLES = [
  "roles/logging.logWriter",
  "roles/monitoring.metricWriter",
  "roles/monitoring.viewer",
  "roles/stackdriver.resourceMetadata.writer",
  "roles/artifactregistry.reader",
] as const;

/**
 * The access scope of the nodes: all of Google Cloud, limited by the service account's roles, the
 * way that module sets it for its own least privilege account (variables.tf node_pools_oauth_scopes).
 * With Compute Engine's default account the same scope grants whatever roles that account holds.
 */
export const NODE_OAUTH_SCOPES = ["https://www.googleapis.com/auth/cloud-platform"] as const;
