/**
 * A GKE control plane is not reachable from the whole internet: a cluster with a public endpoint
 * needs master authorized networks that admit no public share (container/cluster.d.ts:
 * `masterAuthorizedNetworksConfig`, `privateClusterConfig.enablePrivateEndpoint`,
 * `controlPlaneEndpointsConfig.ipEndpointsConfig.enabled`).
 */
import { publicShare } from "./publicShare";
import { Resource } from "./resource";

export function publicControlPlane(r: Resource): string[] {
  if (r.type !== "gcp:container/cluster:Cluster") return [];
  const p = r.props;
  // No IP endpoint at all (DNS endpoint only, IAM-checked), or only the private one.
  if (p.controlPlaneEndpointsConfig?.ipEndpointsConfig?.enabled === false || p.privateClusterConfig?.enablePrivateEndpoint === true) return [];
  const networks = p.masterAuthorizedNetworksConfig;
  if (!networks)
    return [
      `${r.name} has a public control-plane endpoint and no master authorized networks, so every address may reach its API server; set masterAuthorizedNetworksConfig to the ranges that run Pulumi and the mesh peers, or use the private endpoint`,
    ];
  if (networks.gcpPublicCidrsAccessEnabled === true)
    return [`${r.name} admits every Google Cloud public address to its control plane; set gcpPublicCidrsAccessEnabled: false`];
  const blocks: string[] = (networks.cidrBlocks ?? []).map((b: { cidrBlock: string }) => b.cidrBlock);
  const why = publicShare(blocks);
  return why ? [`${r.name} admits ${why} to its control plane; list only the ranges that run Pulumi and the mesh peers`] : [];
}
