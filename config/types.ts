/** The stack's configuration, as validated data. Every field is documented with its default. */

export type Topology = "nifcloud-gke" | "alibaba-gke" | "local";
export const TOPOLOGIES: readonly Topology[] = ["nifcloud-gke", "alibaba-gke", "local"];

export type Cloud = "gcp" | "nifcloud" | "alibaba" | "local";
export const CLOUDS: readonly Cloud[] = ["gcp", "nifcloud", "alibaba", "local"];

/** One L3 network and the ranges its Kubernetes cluster uses. */
export interface NetworkSpec {
  /** Network name; for GCP also the VPC name. */
  readonly name: string;
  readonly cloud: Cloud;
  /** Node / LAN / VPC range. */
  readonly nodeCidr: string;
  /** Pod range of the cluster on this network, when known. */
  readonly podCidr?: string;
  /** Service range of the cluster on this network, when known. */
  readonly serviceCidr?: string;
  /** Alibaba only: one vSwitch per zone, inside nodeCidr (the VPC). */
  readonly zones?: readonly ZoneSubnet[];
}

export interface ZoneSubnet {
  readonly zoneId: string;
  readonly cidr: string;
}

export type IkeVersion = 1 | 2;
export type Encryption = "aes128" | "aes256" | "3des";
export type Integrity = "sha1" | "sha256" | "sha384" | "sha512" | "md5";

/** IKE / IPsec parameters, applied identically to both ends of a link. */
export interface IpsecPolicy {
  /** @default 2 */
  readonly ikeVersion: IkeVersion;
  /** @default "aes256" */
  readonly encryption: Encryption;
  /** @default "sha256" */
  readonly integrity: Integrity;
  /** Diffie-Hellman group for IKE and PFS. @default 14 */
  readonly dhGroup: number;
  /** @default 28800 */
  readonly ikeLifetimeSeconds: number;
  /** @default 3600 */
  readonly espLifetimeSeconds: number;
}

export interface NifcloudPeerSpec {
  readonly kind: "nifcloud";
  /** @example "jp-east-1" */
  readonly region: string;
  /** @example "east-11" */
  readonly zone: string;
  /** Firewall group attached to the VPN gateway (1-15 alphanumerics). */
  readonly firewallGroup: string;
  /** The private LAN; `create: false` adopts an existing LAN of that name and never deletes it. */
  readonly privateLan: { readonly name: string; readonly create: boolean };
  readonly gatewayName: string;
  /** small | medium | large. @default "small" */
  readonly gatewayType: "small" | "medium" | "large";
  /** The gateway's fixed address on the private LAN. */
  readonly gatewayPrivateIp: string;
  readonly customerGatewayName: string;
  /** Optional endpoint override (tests, private endpoints). */
  readonly endpointUrl?: string;
}

export interface AlibabaPeerSpec {
  readonly kind: "alibaba";
  /** Mbps; one of Alibaba's accepted values. @default 10 */
  readonly bandwidth: number;
  readonly gatewayName: string;
  readonly customerGatewayName: string;
  readonly connectionName: string;
}

export type VpnPeerSpec = NifcloudPeerSpec | AlibabaPeerSpec;

/** A site-to-site VPN between a GCP network and a peer network. */
export interface VpnLinkSpec {
  readonly name: string;
  /** Cloud VPN gateway name. @default `<name>-vpn` */
  readonly gcpGatewayName: string;
  /** Cloud VPN tunnel name. @default `<name>-tn` */
  readonly gcpTunnelName: string;
  readonly gcpNetwork: string;
  readonly peerNetwork: string;
  /** Route-based (selectors 0.0.0.0/0 plus routes) or policy-based (explicit selectors). */
  readonly routing: "route-based" | "policy-based";
  readonly crypto: IpsecPolicy;
  readonly peer: VpnPeerSpec;
}

export interface GkeSpec {
  readonly clusterName: string;
  /** Zone or region. */
  readonly location: string;
  /** @default "e2-standard-4" */
  readonly machineType: string;
  /** @default 3 */
  readonly nodeCount: number;
  /** @default "REGULAR" */
  readonly releaseChannel: "RAPID" | "REGULAR" | "STABLE";
  /** Off in dev so that `pulumi destroy` can remove the cluster. @default true */
  readonly deletionProtection: boolean;
}

/** Alibaba serverless Kubernetes (ASK): pods get vSwitch addresses, services the network's serviceCidr. */
export interface AskSpec {
  readonly clusterName: string;
  /** Public API endpoint (an EIP); off keeps the API server inside the VPC. @default false */
  readonly endpointPublicAccess: boolean;
  /** Off in dev so that `pulumi destroy` can remove the cluster. @default true */
  readonly deletionProtection: boolean;
}

export interface ExistingClusterSpec {
  /** Secret config key holding the kubeconfig (set with `pulumi config set --secret`). */
  readonly kubeconfigKey: string;
  readonly context?: string;
  /** API server URL the other clusters' control planes can reach (over the VPN). */
  readonly apiServer: string;
}

export interface ClusterSpec {
  /** Mesh cluster name: remote secrets, labels (DNS-1123 label). */
  readonly name: string;
  readonly network: string;
  /** Istio network name; distinct per network. @default GKE: `<project>-<vpc>`, otherwise the network name */
  readonly meshNetwork: string;
  readonly platform: "gke" | "existing" | "ask";
  readonly gke?: GkeSpec;
  readonly ask?: AskSpec;
  readonly existing?: ExistingClusterSpec;
  /** Address the east-west gateway gets (a MetalLB VIP on bare metal), routable over the VPN. */
  readonly eastWestAddress?: string;
}

export type MeshCa = "mesh_ca" | "citadel" | "gcp_cas" | "managed_cas" | "plugin";

export interface MeshSpec {
  /** asmcli (ASM), or manifests applied by Pulumi (offline / plain Istio objects). */
  readonly installer: "asmcli" | "manifests";
  /** @example "asm-1175-9" */
  readonly revision: string;
  /** asmcli minor version to download. @default "1.17" */
  readonly asmcliVersion: string;
  readonly ca: MeshCa;
  /** Namespace of the east-west gateway. @default "istio-gateways" */
  readonly gatewayNamespace: string;
  /** Namespaces labelled with the revision for sidecar injection. */
  readonly workloadNamespaces: readonly string[];
  /** istioctl binary used for the gateway. @default "istioctl" */
  readonly istioctl: string;
  /** Istio release of the images (installer: manifests). @default "1.24.3" */
  readonly istioVersion: string;
}

export interface VerifySpec {
  readonly enabled: boolean;
  /** @default "sample" */
  readonly namespace: string;
  /** Cluster that runs helloworld v1. */
  readonly v1Cluster: string;
  /** Cluster that runs helloworld v2. */
  readonly v2Cluster: string;
  /** Calls made from each side. @default 10 */
  readonly requests: number;
  /** Skip readiness waits (API servers without nodes). @default false */
  readonly skipAwait: boolean;
}

/** How the hub hands the app to member clusters. */
export type Distribution = "kubevela" | "propagation-policy";

/** The multi-cluster-services app of seed 001: a provider exported from one cluster, a consumer importing it in another. */
export interface McsAppSpec {
  /** @default "provider-ns" */
  readonly namespace: string;
  /** The exported Service; consumers call `amcs-<name>`. @default "service1" */
  readonly serviceName: string;
  /** @default "web-demo" */
  readonly deploymentName: string;
  /** @default 80 */
  readonly port: number;
  /** @default 8080 */
  readonly targetPort: number;
  readonly providerImage: string;
  /** ENV_NAME the provider answers with. */
  readonly providerEnvName: string;
  readonly consumerImage: string;
  /** @default "demo-consumer" */
  readonly consumerName: string;
  /** KubeVela `app.oam.dev/publishVersion`. @default "version1" */
  readonly publishVersion: string;
}

export interface AckOneSpec {
  /** The ACK One fleet (hub) cluster's name. */
  readonly hubName: string;
  /** Name GKE is registered under in ACK. */
  readonly registeredClusterName: string;
  /** Seed: KubeVela `Application`; current ACK One: `PropagationPolicy`. @default "kubevela" */
  readonly distribution: Distribution;
  /** The registration agent in GKE reaches ACK over the VPN (true) or the internet. @default true */
  readonly agentPrivateEndpoint: boolean;
  /** The hub kubeconfig names the hub's private (VPC) endpoint. @default false */
  readonly hubPrivateEndpoint: boolean;
  readonly app: McsAppSpec;
  /** Call the exported service from the consumer after `up`. @default true */
  readonly verify: boolean;
  /** Calls made by the verification step. @default 5 */
  readonly requests: number;
}

/** Multi-cluster services between two clusters without a hub (topology local). */
export interface MultiClusterServicesSpec {
  /** Cluster that runs the app and exports its Service. */
  readonly providerCluster: string;
  /** Cluster that imports the Service and runs the consumer. */
  readonly consumerCluster: string;
  readonly app: McsAppSpec;
}

export interface AlibabaSpec {
  /** @example "ap-northeast-1" */
  readonly region: string;
}

export interface GcpSpec {
  readonly project: string;
  readonly region: string;
}

export interface StackConfig {
  readonly topology: Topology;
  readonly gcp?: GcpSpec;
  readonly alibaba?: AlibabaSpec;
  readonly networks: readonly NetworkSpec[];
  readonly vpnLinks: readonly VpnLinkSpec[];
  readonly clusters: readonly ClusterSpec[];
  /** Istio/ASM: required by nifcloud-gke and local, absent from alibaba-gke. */
  readonly mesh?: MeshSpec;
  readonly verify: VerifySpec;
  /** alibaba-gke only. */
  readonly ackOne?: AckOneSpec;
  /** local only. */
  readonly multiClusterServices?: MultiClusterServicesSpec;
}
