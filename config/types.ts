/** The stack's configuration, as validated data. Every field is documented with its default. */
import { Secret } from "./secret";

export type Topology = "nifcloud-gke" | "alibaba-gke" | "local";
export const TOPOLOGIES: readonly Topology[] = ["nifcloud-gke", "alibaba-gke", "local"];

export type Cloud = "gcp" | "nifcloud" | "alibaba" | "local";
export const CLOUDS: readonly Cloud[] = ["gcp", "nifcloud", "alibaba", "local"];

/** One L3 network and the ranges its Kubernetes cluster uses (the fields every cloud shares). */
export interface NetworkBase {
  /** Network name; for GCP also the VPC name. */
  readonly name: string;
  readonly cloud: Cloud;
  /** Node / LAN / VPC range. */
  readonly nodeCidr: string;
  /** Pod range of the cluster on this network, when known. @default none */
  readonly podCidr?: string;
  /** Service range of the cluster on this network, when known. @default none */
  readonly serviceCidr?: string;
  /** Alibaba only: one vSwitch per zone, inside nodeCidr (the VPC). @default none */
  readonly zones?: readonly ZoneSubnet[];
  /**
   * The network's public ranges are the user's own address space: validation then accepts them
   * (with a warning) instead of refusing ranges outside RFC 1918 and RFC 6598. @default false
   */
  readonly publicRangesOwned?: boolean;
}

/** A GCP VPC: VPC-native, so its pod and service ranges are always known. */
export interface GcpNetworkSpec extends NetworkBase {
  readonly cloud: "gcp";
  readonly podCidr: string;
  readonly serviceCidr: string;
}

/** An Alibaba VPC: pods take vSwitch addresses, services come from serviceCidr. */
export interface AlibabaNetworkSpec extends NetworkBase {
  readonly cloud: "alibaba";
  readonly serviceCidr: string;
  readonly zones: readonly ZoneSubnet[];
}

/** A NIFCLOUD private LAN (bare metal: pods and services in island mode). */
export interface NifcloudNetworkSpec extends NetworkBase {
  readonly cloud: "nifcloud";
}

/** Loopback or lab networks of local clusters. */
export interface LocalNetworkSpec extends NetworkBase {
  readonly cloud: "local";
}

/** A network, discriminated on `cloud`. */
export type NetworkSpec = GcpNetworkSpec | AlibabaNetworkSpec | NifcloudNetworkSpec | LocalNetworkSpec;

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
  /**
   * Accept an algorithm below the defaults' strength (IKEv1, 3des, sha1, md5, DH groups under
   * 14) on purpose, for a peer that cannot do better; validation then warns instead of failing.
   * @default false
   */
  readonly allowWeak?: boolean;
  /** @default 28800 */
  readonly ikeLifetimeSeconds: number;
  /** @default 3600 */
  readonly espLifetimeSeconds: number;
}

/**
 * Whether the stack creates (and so deletes) a cloud object, or adopts one made elsewhere and
 * never deletes it.
 */
export type Ownership = "own" | "adopt";

/** How the stack finds the private LAN the VPN gateway joins: the bare-metal servers' own LAN. */
export interface NifcloudPrivateLanSpec {
  /** Owned: the LAN the stack creates (1-15 alphanumerics). Adopted: an existing LAN's name (any length the API gave it). @default none */
  readonly name?: string;
  /** An existing LAN's network id (`net-...`), the unambiguous way to adopt. @default none */
  readonly networkId?: string;
}

/** Who owns each NIFCLOUD object of a link. */
export interface NifcloudOwnership {
  /** @default "own" */
  readonly firewallGroup: Ownership;
  /** @default "own" (`privateLan.create: false` in older stack files means "adopt") */
  readonly privateLan: Ownership;
  /** @default "own" */
  readonly vpnGateway: Ownership;
  /** @default "own" */
  readonly customerGateway: Ownership;
}

export interface NifcloudPeerSpec {
  readonly kind: "nifcloud";
  /** @example "jp-east-1" */
  readonly region: string;
  /** @example "east-11" */
  readonly zone: string;
  /** Firewall group attached to the VPN gateway (1-15 alphanumerics). */
  readonly firewallGroup: string;
  /** The bare-metal servers' own firewall group, named when a prerequisite check fails. @default firewallGroup */
  readonly serverFirewallGroup: string;
  /** The private LAN of the bare-metal servers, by name or network id. */
  readonly privateLan: NifcloudPrivateLanSpec;
  /**
   * Per object, whether the stack creates and deletes it ("own") or uses one made elsewhere,
   * never deletes it and removes only the rules it added ("adopt").
   */
  readonly ownership: NifcloudOwnership;
  readonly gatewayName: string;
  /** small | medium | large. @default "small" */
  readonly gatewayType: "small" | "medium" | "large";
  /** The gateway's fixed address on the private LAN. */
  readonly gatewayPrivateIp: string;
  readonly customerGatewayName: string;
  /** Endpoint override (tests, private endpoints); https only. @default the region's public endpoint */
  readonly endpointUrl?: string;
  /** Seconds between two reads of an object's state while waiting. @default 20 */
  readonly pollSeconds: number;
  /** Description written on objects the stack creates, by which it recognises them (<= 40 characters). @default "<project>/<stack>", e.g. "multicloud-mesh/dev" */
  readonly ownerMark?: string;
}

/** How GCP terminates the Alibaba gateway's two tunnels. */
export type AlibabaTunnelMode = "ha-bgp" | "classic-static";

export interface AlibabaPeerSpec {
  readonly kind: "alibaba";
  /** Mbit/s; one of PUBLIC_VPN_GATEWAY_BANDWIDTHS (10, 100, 200, 500, 1000). @default 10 */
  readonly bandwidth: number;
  /**
   * `ha-bgp`: GCP HA VPN, Cloud Router, one BGP session per Alibaba tunnel (99.99% SLA).
   * `classic-static`: Classic VPN, one tunnel per Alibaba tunnel, static routes via both.
   * @default "ha-bgp"
   */
  readonly mode: AlibabaTunnelMode;
  readonly gatewayName: string;
  readonly customerGatewayName: string;
  readonly connectionName: string;
}

export type VpnPeerSpec = NifcloudPeerSpec | AlibabaPeerSpec;

/** The network a peer kind sits on. */
export interface PeerNetworkOf {
  nifcloud: NifcloudNetworkSpec;
  alibaba: AlibabaNetworkSpec;
}

/** A site-to-site VPN between a GCP network and a peer network, typed by its peer. */
export interface VpnLinkSpec<P extends VpnPeerSpec = VpnPeerSpec> {
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
  readonly peer: P;
  /** The two networks named above, resolved. */
  readonly networks: { readonly gcp: GcpNetworkSpec; readonly peer: PeerNetworkOf[P["kind"]] };
}

export type NifcloudLinkSpec = VpnLinkSpec<NifcloudPeerSpec>;
export type AlibabaLinkSpec = VpnLinkSpec<AlibabaPeerSpec>;

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
  /**
   * GKE version the control plane starts at (`minMasterVersion`): a minor (`1.35`) or a full
   * version. Checked against the GKE range of the mesh's release line.
   * @default the newest GKE minor the mesh's release line supports (config/meshRelease.ts)
   */
  readonly version?: string;
  /** Off in dev so that `pulumi destroy` can remove the cluster. @default true */
  readonly deletionProtection: boolean;
  /**
   * Who reaches the control plane's public endpoint. Empty: the public endpoint is off and the API
   * server answers only on its private endpoint, in the cluster's subnet, which the VPC and the
   * VPN peers reach (so `up` runs where the VPC is reachable). Listed: the public endpoint is on,
   * for these public ranges only (no other Google Cloud address either).
   * @default []
   * @example [{ name: "ci-runner", cidr: "203.0.113.7/32" }]
   */
  readonly authorizedNetworks: readonly AuthorizedNetwork[];
  /**
   * The nodes' Google service account. `dedicated`: one the stack creates for the cluster, with
   * the least roles GKE nodes need. `compute-default`: Compute Engine's default account with the
   * `cloud-platform` scope, which stacks created before kept (their node pool stays as it is).
   * @default "dedicated"
   */
  readonly nodeServiceAccount: NodeServiceAccount;
}

export const NODE_SERVICE_ACCOUNTS = ["dedicated", "compute-default"] as const;
export type NodeServiceAccount = (typeof NODE_SERVICE_ACCOUNTS)[number];

/** A named public range allowed to reach a GKE control plane's public endpoint (GKE master authorized networks). */
export interface AuthorizedNetwork {
  /** Display name GKE shows for the range. */
  readonly name: string;
  /** A public IPv4 range. */
  readonly cidr: string;
}

/** Alibaba serverless Kubernetes (ASK): pods get vSwitch addresses, services the network's serviceCidr. */
export interface AskSpec {
  /** Which Alibaba offering runs the cluster (the AskCluster component builds only ASK). @default "ask" */
  readonly platform: "ask";
  readonly clusterName: string;
  /** Public API endpoint (an EIP); off keeps the API server inside the VPC. @default false */
  readonly endpointPublicAccess: boolean;
  /** Off in dev so that `pulumi destroy` can remove the cluster. @default true */
  readonly deletionProtection: boolean;
}

export interface ExistingAccessSpec {
  /** Secret config key holding the kubeconfig (set with `pulumi config set --secret`). */
  readonly kubeconfigKey: string;
  /** The kubeconfig itself, read from that key. */
  readonly kubeconfig: Secret;
  /** Context of the kubeconfig to use. @default the kubeconfig's current context */
  readonly context?: string;
  /** API server URL the other clusters' control planes can reach (over the VPN). */
  readonly apiServer: string;
  /**
   * Mesh namespaces that already exist on the cluster and that the stack adopts: it only sets
   * its labels on them (and removes only those on destroy), never creates or deletes them.
   * @default []
   */
  readonly adoptNamespaces: readonly string[];
}

interface ClusterBase {
  /** Mesh cluster name: remote secrets, labels (DNS-1123 label). */
  readonly name: string;
  readonly network: string;
  /** Istio network name; distinct per network. @default GKE: `<project>-<vpc>`, otherwise the network name */
  readonly meshNetwork: string;
  /** Address the east-west gateway gets (a MetalLB VIP on bare metal), routable over the VPN. @default the platform's load balancer */
  readonly eastWestAddress?: string;
}

export interface GkeClusterSpec extends ClusterBase {
  readonly platform: "gke";
  readonly gke: GkeSpec;
}

export interface ExistingClusterSpec extends ClusterBase {
  readonly platform: "existing";
  readonly existing: ExistingAccessSpec;
}

export interface AskClusterSpec extends ClusterBase {
  readonly platform: "ask";
  readonly ask: AskSpec;
}

/**
 * The settings of an Alibaba provider cluster that a new account can create: `acs` (ACS,
 * `cs.ManagedKubernetes` with profile Acs) or `ack-pro` (ACK managed Pro with virtual nodes).
 * ASK cannot be created by accounts that never had one since 2025-02-17
 * (alibabacloud.com/help/en/doc-detail/86366).
 */
export interface AlibabaManagedSpec {
  readonly clusterName: string;
  /** Public API endpoint (an EIP); off keeps the API server inside the VPC. @default false */
  readonly endpointPublicAccess: boolean;
  /** Off in dev so that `pulumi destroy` can remove the cluster. @default true */
  readonly deletionProtection: boolean;
  /** Kubernetes version. @default the newest at creation */
  readonly version?: string;
}

export interface AcsClusterSpec extends ClusterBase {
  readonly platform: "acs";
  readonly acs: AlibabaManagedSpec;
}

export interface AckProClusterSpec extends ClusterBase {
  readonly platform: "ack-pro";
  readonly ackPro: AlibabaManagedSpec;
}

/** The Alibaba cluster that provides the service, whichever offering runs it. */
export type AlibabaClusterSpec = AcsClusterSpec | AckProClusterSpec | AskClusterSpec;
export const ALIBABA_PLATFORMS: readonly AlibabaClusterSpec["platform"][] = ["acs", "ack-pro", "ask"];

/** The settings block of an Alibaba cluster, whichever platform it names. */
export function alibabaClusterSettings(c: AlibabaClusterSpec): AlibabaManagedSpec {
  if (c.platform === "ask") return c.ask;
  return c.platform === "acs" ? c.acs : c.ackPro;
}

/** A mesh cluster, discriminated on `platform`. */
export type ClusterSpec = GkeClusterSpec | ExistingClusterSpec | AlibabaClusterSpec;
export type Platform = ClusterSpec["platform"];
export const PLATFORMS: readonly Platform[] = ["gke", "existing", "acs", "ack-pro", "ask"];

export type MeshCa = "mesh_ca" | "citadel" | "gcp_cas" | "managed_cas" | "plugin";

export interface MeshSpec {
  /** asmcli (ASM), or manifests applied by Pulumi (offline / plain Istio objects). */
  readonly installer: "asmcli" | "manifests";
  /**
   * The one revision name: asmcli's --revision_name, the namespaces' istio.io/rev, the gateway,
   * the canary and the uninstall. For asmcli, `asm-<major><minor><point>-<rev>` of a supported
   * line. Changing it upgrades by revision canary. @default derived from `release` when set
   * @example "asm-1290-1"
   */
  readonly revision: string;
  /** asmcli release line to download (a supported line: 1.29, 1.30, 1.31). @default "1.29" */
  readonly asmcliVersion: string;
  /** ASM release the revision is named after, e.g. "1.29.0-asm.1", when configured. @default none (the revision names it) */
  readonly release?: string;
  /**
   * The asmcli build to download and run, as `asmcli --version` prints it, e.g.
   * "1.29.0-asm.1+config1": asmcli installs exactly its own release.
   * @default `release` + "+config1" (asmcli)
   */
  readonly asmcliRelease?: string;
  /** Take over (and on destroy uninstall) a running control plane of `revision` that this stack did not install. @default false */
  readonly adoptExistingRevision: boolean;
  /** The fleet's `servicemesh` feature: `own` (created and deleted by the stack) or `existing` (already enabled, left alone). @default "own" */
  readonly fleetFeature: "own" | "existing";
  readonly ca: MeshCa;
  /** Namespace of the east-west gateway. @default "istio-gateways" */
  readonly gatewayNamespace: string;
  /** Namespaces labelled with the revision for sidecar injection. */
  readonly workloadNamespaces: readonly string[];
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

/** The multi-cluster-services app: a Deployment whose Service one cluster exports, a consumer in the cluster that imports it. */
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

/** How the consumer reaches the provider's Service across clusters. */
export type ServiceExposure = "multi-cluster-service" | "service-export-import";

/**
 * How Pulumi reaches the provider cluster's API. `hub`: never; every object goes through the
 * hub. `direct`: Pulumi talks to the cluster's private endpoint, which must be reachable from
 * where Pulumi runs (a runner in the VPC, or over the VPN).
 */
export interface ProviderAccessSpec {
  /** @default "hub" */
  readonly mode: "hub" | "direct";
  /**
   * `direct` only: minutes the provider cluster's kubeconfig stays valid (ACK's
   * TemporaryDurationMinutes, 15 to 4320); a fresh one is fetched on every run.
   * @default undefined (120 minutes, set by the stack)
   */
  readonly temporaryDurationMinutes?: number;
}

export interface AckOneSpec {
  /** The ACK One fleet (hub) cluster's name. */
  readonly hubName: string;
  /** Name GKE is registered under in ACK. */
  readonly registeredClusterName: string;
  /** Current ACK One: `PropagationPolicy`; a KubeVela `Application` on request. @default "propagation-policy" */
  readonly distribution: Distribution;
  /** ACK One's recommended `MultiClusterService`, or ServiceExport / ServiceImport. @default "multi-cluster-service" */
  readonly services: ServiceExposure;
  /** How Pulumi reaches the provider cluster's API. @default { mode: "hub" } */
  readonly providerAccess: ProviderAccessSpec;
  /** The registration agent in GKE reaches ACK over the VPN (true) or the internet. @default true */
  readonly agentPrivateEndpoint: boolean;
  /**
   * The hub kubeconfig names the hub's private (VPC) endpoint, so `up` runs where the VPC is
   * reachable; false turns on the hub's public endpoint (adcp UpdateHubClusterFeature
   * PublicApiServerEnabled), open to the internet, with a warning. @default true
   */
  readonly hubPrivateEndpoint: boolean;
  /**
   * A vSwitch of the hub's own, inside the Alibaba VPC and apart from the zones' vSwitches. A hub
   * of the Default profile may leave resources in its vSwitches after its deletion (@pulumi/alicloud
   * ackone/cluster.d.ts, `profile`); in its own vSwitch they block nothing else, and destroy waits
   * until they are released before deleting it (scripts/alibaba/vswitch-release.sh). Opt-in: a
   * hub's vSwitches cannot change in place (terraform-provider-alicloud
   * resource_alicloud_ack_one_cluster.go, `network.vswitches` ForceNew), so setting it on a stack
   * whose hub exists replaces the hub and everything on it.
   * @default undefined (the hub uses the zones' vSwitches)
   * @example { zoneId: "ap-northeast-1a", cidr: "192.168.3.0/24" }
   */
  readonly hubVswitch?: ZoneSubnet;
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

/** What every topology has. */
interface ConfigBase {
  readonly networks: readonly NetworkSpec[];
  readonly verify: VerifySpec;
}

/** GKE and bare metal on NIFCLOUD, one ASM mesh over Cloud VPN. */
export interface NifcloudGkeConfig extends ConfigBase {
  readonly topology: "nifcloud-gke";
  readonly gcp: GcpSpec;
  readonly vpnLinks: readonly NifcloudLinkSpec[];
  readonly clusters: readonly (GkeClusterSpec | ExistingClusterSpec)[];
  readonly mesh: MeshSpec;
  readonly nifcloudCredentials: { readonly accessKeyId: Secret; readonly secretAccessKey: Secret };
}

/** GKE and an Alibaba cluster, ACK One multi-cluster services over one VPN link. */
export interface AlibabaGkeConfig extends ConfigBase {
  readonly topology: "alibaba-gke";
  readonly gcp: GcpSpec;
  readonly alibaba: AlibabaSpec;
  /** Exactly one link. */
  readonly vpnLinks: readonly [AlibabaLinkSpec];
  readonly clusters: readonly (GkeClusterSpec | AlibabaClusterSpec)[];
  /** The importing cluster (GKE), which runs the consumer. */
  readonly gke: GkeClusterSpec;
  /** The exporting cluster (ACS, ACK Pro or ASK), which runs the app whose Service is exported. */
  readonly exporter: AlibabaClusterSpec;
  readonly ackOne: AckOneSpec;
  readonly alibabaCredentials: { readonly accessKeyId: Secret; readonly accessKeySecret: Secret };
}

/** Two or more existing clusters, no cloud. */
export interface LocalConfig extends ConfigBase {
  readonly topology: "local";
  readonly vpnLinks: readonly [];
  readonly clusters: readonly ExistingClusterSpec[];
  readonly mesh: MeshSpec;
  readonly multiClusterServices: MultiClusterServicesSpec;
}

/** The validated configuration, discriminated on `topology`. */
export type StackConfig = NifcloudGkeConfig | AlibabaGkeConfig | LocalConfig;
export type ConfigOf<T extends Topology> = Extract<StackConfig, { topology: T }>;
