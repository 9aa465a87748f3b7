/**
 * Draft configurations built in code, for calling one validation check directly: each builder
 * gives a valid piece shaped like the committed `dev` stack, and a test changes only what it is
 * about. No stack file, no validation run: a check sees exactly the draft it is given.
 */
import { DraftConfig, DraftLink } from "../../config/draft";
import { Problems } from "../../config/problems";
import { Secret } from "../../config/secret";
import {
  AckOneSpec,
  AcsClusterSpec,
  AlibabaNetworkSpec,
  AlibabaPeerSpec,
  ExistingClusterSpec,
  GcpNetworkSpec,
  GkeClusterSpec,
  MeshSpec,
  NetworkSpec,
  NifcloudNetworkSpec,
  NifcloudPeerSpec,
  VerifySpec,
} from "../../config/types";
import { DEFAULT_IPSEC } from "./ipsec";
import { SAMPLE_MCS_APP } from "./mcsAppFixture";

export const gcpNetwork = (over: Partial<GcpNetworkSpec> = {}): GcpNetworkSpec => ({
  name: "gcp-net",
  cloud: "gcp",
  nodeCidr: "10.128.0.0/20",
  podCidr: "10.132.0.0/14",
  serviceCidr: "10.136.0.0/20",
  ...over,
});

export const nifcloudNetwork = (over: Partial<NifcloudNetworkSpec> = {}): NifcloudNetworkSpec => ({
  name: "nifclan",
  cloud: "nifcloud",
  nodeCidr: "172.16.232.0/24",
  podCidr: "192.168.0.0/16",
  serviceCidr: "10.96.0.0/20",
  ...over,
});

export const alibabaNetwork = (over: Partial<AlibabaNetworkSpec> = {}): AlibabaNetworkSpec => ({
  name: "ack-vpc",
  cloud: "alibaba",
  nodeCidr: "192.168.0.0/16",
  serviceCidr: "172.21.0.0/20",
  zones: [
    { zoneId: "ap-northeast-1a", cidr: "192.168.1.0/24" },
    { zoneId: "ap-northeast-1b", cidr: "192.168.2.0/24" },
  ],
  ...over,
});

export const nifcloudPeer = (over: Partial<NifcloudPeerSpec> = {}): NifcloudPeerSpec => ({
  kind: "nifcloud",
  region: "jp-east-1",
  zone: "east-11",
  firewallGroup: "FWNIFC",
  serverFirewallGroup: "FWNIFC",
  privateLan: { networkId: "net-0a1b2c3d" },
  ownership: { firewallGroup: "adopt", privateLan: "adopt", vpnGateway: "own", customerGateway: "own" },
  gatewayName: "NifcAnthosVpn",
  gatewayType: "small",
  gatewayPrivateIp: "172.16.232.2",
  customerGatewayName: "VPNCGW",
  pollSeconds: 20,
  ...over,
});

export const alibabaPeer = (over: Partial<AlibabaPeerSpec> = {}): AlibabaPeerSpec => ({
  kind: "alibaba",
  bandwidth: 10,
  mode: "ha-bgp",
  gatewayName: "ack-gke-gw",
  customerGatewayName: "ack-gke-gcp",
  connectionName: "ack-gke-conn",
  ...over,
});

/** A link from `gcp-net` to `nifclan` (or to the network of the peer given). */
export const link = (over: Partial<DraftLink> = {}): DraftLink => ({
  name: "nifc-anthos",
  gcpGatewayName: "nifc-anthos-vpn",
  gcpTunnelName: "nif-anthos-tn",
  gcpNetwork: "gcp-net",
  peerNetwork: over.peer?.kind === "alibaba" ? "ack-vpc" : "nifclan",
  routing: "route-based",
  crypto: DEFAULT_IPSEC,
  peer: nifcloudPeer(),
  ...over,
});

export const gkeCluster = (over: Partial<GkeClusterSpec> = {}, gke: Partial<GkeClusterSpec["gke"]> = {}): GkeClusterSpec => ({
  name: "gke",
  network: "gcp-net",
  platform: "gke",
  meshNetwork: "example-mesh-project-gcp-net",
  ...over,
  gke: {
    clusterName: "nifc-anthosgke-cls",
    location: "us-central1-c",
    machineType: "e2-standard-4",
    nodeCount: 3,
    releaseChannel: "REGULAR",
    deletionProtection: false,
    authorizedNetworks: [],
    nodeServiceAccount: "dedicated",
    ...gke,
  },
});

export const existingCluster = (over: Partial<ExistingClusterSpec> = {}, existing: Partial<ExistingClusterSpec["existing"]> = {}): ExistingClusterSpec => ({
  name: "anthos",
  network: "nifclan",
  platform: "existing",
  meshNetwork: "nifclan",
  ...over,
  existing: {
    kubeconfigKey: "anthosKubeconfig",
    kubeconfig: new Secret("apiVersion: v1\nkind: Config\n"),
    apiServer: "https://172.16.232.10:443",
    adoptNamespaces: [],
    ...existing,
  },
});

export const acsCluster = (over: Partial<AcsClusterSpec> = {}): AcsClusterSpec => ({
  name: "acs",
  network: "ack-vpc",
  platform: "acs",
  meshNetwork: "ack-vpc",
  acs: { clusterName: "ackone-provider-acs", endpointPublicAccess: false, deletionProtection: false },
  ...over,
});

export const ackOne = (over: Partial<AckOneSpec> = {}): AckOneSpec => ({
  hubName: "ackone-hub",
  registeredClusterName: "gke-consumer",
  distribution: "propagation-policy",
  services: "multi-cluster-service",
  providerAccess: { mode: "hub" },
  agentPrivateEndpoint: true,
  hubPrivateEndpoint: true,
  app: SAMPLE_MCS_APP,
  verify: true,
  requests: 5,
  ...over,
});

export const mesh = (over: Partial<MeshSpec> = {}): MeshSpec => ({
  installer: "asmcli",
  revision: "asm-1290-1",
  asmcliVersion: "1.29",
  adoptExistingRevision: false,
  fleetFeature: "own",
  ca: "mesh_ca",
  gatewayNamespace: "nifc-gateway",
  workloadNamespaces: ["sample"],
  istioVersion: "1.24.3",
  ...over,
});

export const verify = (over: Partial<VerifySpec> = {}): VerifySpec => ({
  enabled: true,
  namespace: "sample",
  v1Cluster: "anthos",
  v2Cluster: "gke",
  requests: 10,
  skipAwait: false,
  ...over,
});

/**
 * A nifcloud-gke draft: `gcp-net` and `nifclan`, one link between them, a GKE and an existing
 * cluster, an asmcli mesh. The name lists follow `networks` and `clusters` unless given.
 */
export function draftConfig(over: Partial<DraftConfig> = {}): DraftConfig {
  const networks: readonly NetworkSpec[] = over.networks ?? [gcpNetwork(), nifcloudNetwork()];
  const clusters = over.clusters ?? [gkeCluster(), existingCluster()];
  return {
    topology: "nifcloud-gke",
    gcp: { project: "example-mesh-project", region: "us-central1" },
    networks,
    networkNames: networks.map((n) => n.name),
    networksComplete: true,
    vpnLinks: [link()],
    clusters,
    clusterNames: clusters.map((c) => c.name),
    mesh: mesh(),
    verify: verify(),
    ...over,
  };
}

/** What one check reports on `config`: its problems, then its warnings. */
export function checked(check: (problems: Problems, config: DraftConfig) => void, config: DraftConfig): { problems: string[]; warnings: string[] } {
  const problems = new Problems();
  check(problems, config);
  return { problems: problems.list, warnings: problems.warnings };
}

/** The problems one check reports on `config`. */
export const problemsOf = (check: (problems: Problems, config: DraftConfig) => void, config: DraftConfig): string[] => checked(check, config).problems;
