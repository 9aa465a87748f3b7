/**
 * Validates the raw stack configuration into a typed StackConfig, reporting every problem with
 * the key, the bad value and the fix. Pure: no Pulumi calls, so it runs before any resource.
 */
import { contains, containsIp, formatCidr, overlaps, parseCidr } from "../lib/cidr";
import { ALIBABA_NAME, DNS_LABEL, GCP_NAME, LABEL_VALUE, NIFCLOUD_NAME, gkeMeshNetwork } from "../lib/naming";
import { ENCRYPTIONS, INTEGRITIES, LIFETIME_RANGE, supportedDhGroups } from "./crypto";
import { allRanges, routedRanges, singleCoveringBlock } from "./ranges";
import { Problems, Reader } from "./problems";
import { RawConfig, requireSecret } from "./rawConfig";
import { checkAlibaba, readAckOne, readAlibaba } from "./validateAlibaba";
import { checkLocal, readMultiClusterServices } from "./validateLocal";

export type { RawConfig } from "./rawConfig";
import {
  AlibabaPeerSpec,
  CLOUDS,
  ClusterSpec,
  GcpSpec,
  IpsecPolicy,
  MeshSpec,
  NetworkSpec,
  NifcloudPeerSpec,
  StackConfig,
  TOPOLOGIES,
  VerifySpec,
  VpnLinkSpec,
  VpnPeerSpec,
  ZoneSubnet,
} from "./types";

const CIDR_FIX = "use a.b.c.d/n with n from 0 to 32 and no host bits set, e.g. 172.16.232.0/24";
const NIFCLOUD_FIX = "use 1-15 ASCII letters and digits, e.g. NifcAnthosVpn";
const ALIBABA_BANDWIDTHS = [5, 10, 20, 50, 100, 200, 500, 1000];

export function validateConfig(raw: RawConfig): StackConfig {
  const problems = new Problems();
  const root = new Reader(problems, "", { ...raw.values });
  const topology = root.oneOf("topology", TOPOLOGIES);
  const gcp = raw.values.gcp === undefined ? undefined : readGcp(Reader.of(problems, "gcp", raw.values.gcp));
  const networks = readList(problems, raw.values.networks, "networks", readNetwork);
  const vpnLinks = raw.values.vpnLinks === undefined ? [] : readList(problems, raw.values.vpnLinks, "vpnLinks", readLink);
  const clusters = readList(problems, raw.values.clusters, "clusters", (r) => readCluster(r, gcp, networks));
  const usesMesh = topology !== "alibaba-gke" || raw.values.mesh !== undefined;
  const mesh = usesMesh ? readMesh(Reader.of(problems, "mesh", raw.values.mesh ?? {})) : undefined;
  const verify = readVerify(Reader.of(problems, "verify", raw.values.verify ?? { enabled: false }), clusters);
  const alibaba = raw.values.alibaba === undefined ? undefined : readAlibaba(Reader.of(problems, "alibaba", raw.values.alibaba));
  const ackOne = raw.values.ackOne === undefined ? undefined : readAckOne(Reader.of(problems, "ackOne", raw.values.ackOne));
  const multiClusterServices =
    raw.values.multiClusterServices === undefined
      ? undefined
      : readMultiClusterServices(Reader.of(problems, "multiClusterServices", raw.values.multiClusterServices), clusters);

  const config: StackConfig = { topology, gcp, alibaba, networks, vpnLinks, clusters, mesh, verify, ackOne, multiClusterServices };
  checkNames(problems, config);
  checkRanges(problems, networks);
  checkLinks(problems, config);
  checkNifcloudCoveringBlock(problems, config);
  checkClusters(problems, config, raw);
  checkCredentials(problems, config, raw);
  checkTopology(problems, config);
  checkAlibaba(problems, config, raw);
  checkLocal(problems, config);
  problems.throwIfAny();
  return config;
}

function readList<T>(problems: Problems, value: unknown, key: string, read: (r: Reader) => T | undefined): T[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(key, value, "must be a non-empty list", `declare ${key} as in Pulumi.dev.yaml`);
    return [];
  }
  return value.flatMap((item, i) => {
    const reader = Reader.of(problems, `${key}[${i}]`, item);
    const result = reader && read(reader);
    return result === undefined ? [] : [result];
  });
}

function readGcp(r: Reader | undefined): GcpSpec | undefined {
  if (!r) return undefined;
  return {
    project: r.string("project", { pattern: /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, fix: "use the GCP project id (6-30 lower-case letters, digits, hyphens)" }),
    region: r.string("region", { pattern: /^[a-z]+-[a-z]+\d+$/, fix: "use a GCP region such as us-central1" }),
  };
}

function readCidr(r: Reader, name: string, required: boolean): string | undefined {
  if (!required && r.value[name] === undefined) return undefined;
  const text = r.string(name, { fix: CIDR_FIX });
  if (text && !parseCidr(text)) r.problems.add(r.key(name), text, "is not a valid IPv4 CIDR", CIDR_FIX);
  return text;
}

function readNetwork(r: Reader): NetworkSpec {
  const cloud = r.oneOf("cloud", CLOUDS);
  const zones = r.list("zones", { required: false }).flatMap((item, i): ZoneSubnet[] => {
    const z = Reader.of(r.problems, `${r.key("zones")}[${i}]`, item);
    if (!z) return [];
    return [
      {
        zoneId: z.string("zoneId", { pattern: /^[a-z]{2}-[a-z]+(-\d+)?-[a-z0-9]+$/, fix: "use an Alibaba zone id such as ap-northeast-1a" }),
        cidr: readCidr(z, "cidr", true) ?? "",
      },
    ];
  });
  return {
    name: r.string("name", { pattern: GCP_NAME, fix: "use lower-case letters, digits and hyphens (RFC 1035), e.g. anthos-hybrid" }),
    cloud,
    nodeCidr: readCidr(r, "nodeCidr", true) ?? "",
    podCidr: readCidr(r, "podCidr", false),
    serviceCidr: readCidr(r, "serviceCidr", false),
    zones: zones.length > 0 ? zones : undefined,
  };
}

function readCrypto(r: Reader | undefined, peer: VpnPeerSpec["kind"]): IpsecPolicy {
  const c = r ?? new Reader(new Problems(), "", {});
  return {
    ikeVersion: c.oneOf("ikeVersion", [2, 1] as const, 2),
    encryption: c.oneOf("encryption", ENCRYPTIONS, "aes256"),
    integrity: c.oneOf("integrity", INTEGRITIES, "sha256"),
    dhGroup: c.oneOf("dhGroup", supportedDhGroups(peer), 14),
    ikeLifetimeSeconds: c.integer("ikeLifetimeSeconds", { ...LIFETIME_RANGE, default: 28800 }),
    espLifetimeSeconds: c.integer("espLifetimeSeconds", { ...LIFETIME_RANGE, default: 3600 }),
  };
}

function readNifcloudPeer(r: Reader): NifcloudPeerSpec {
  const lan = r.child("privateLan");
  return {
    kind: "nifcloud",
    region: r.string("region", {
      pattern: /^(jp-(east-[1-4]|west-[12])|us-east-1)$/,
      fix: "use a NIFCLOUD region: jp-east-1..4, jp-west-1, jp-west-2 or us-east-1",
    }),
    zone: r.string("zone", { pattern: /^[a-z]+-\d{2}$/, fix: "use a NIFCLOUD zone such as east-11" }),
    firewallGroup: r.string("firewallGroup", { pattern: NIFCLOUD_NAME, fix: NIFCLOUD_FIX }),
    privateLan: {
      name: lan?.string("name", { pattern: NIFCLOUD_NAME, fix: NIFCLOUD_FIX }) ?? "",
      create: lan?.boolean("create", true) ?? true,
    },
    gatewayName: r.string("gatewayName", { pattern: NIFCLOUD_NAME, fix: NIFCLOUD_FIX }),
    gatewayType: r.oneOf("gatewayType", ["small", "medium", "large"] as const, "small"),
    gatewayPrivateIp: r.string("gatewayPrivateIp", { pattern: /^\d+\.\d+\.\d+\.\d+$/, fix: "use an IPv4 address inside the private LAN" }),
    customerGatewayName: r.string("customerGatewayName", { pattern: NIFCLOUD_NAME, fix: NIFCLOUD_FIX }),
    endpointUrl: r.optionalString("endpointUrl", { pattern: /^https?:\/\/\S+$/, fix: "use an http(s) URL" }),
  };
}

function readAlibabaPeer(r: Reader): AlibabaPeerSpec {
  const name = { pattern: ALIBABA_NAME, fix: "use 2-128 characters starting with a letter" };
  return {
    kind: "alibaba",
    bandwidth: r.oneOf("bandwidth", ALIBABA_BANDWIDTHS, 10),
    gatewayName: r.string("gatewayName", name),
    customerGatewayName: r.string("customerGatewayName", name),
    connectionName: r.string("connectionName", name),
  };
}

function readLink(r: Reader): VpnLinkSpec | undefined {
  const peerReader = r.child("peer");
  const kind = peerReader?.oneOf("kind", ["nifcloud", "alibaba"] as const);
  const peer = peerReader && (kind === "alibaba" ? readAlibabaPeer(peerReader) : readNifcloudPeer(peerReader));
  if (!peer) return undefined;
  const name = r.string("name", { pattern: GCP_NAME, fix: "use lower-case letters, digits and hyphens, e.g. nifc-anthos" });
  const gcpResource = { pattern: GCP_NAME, fix: "use lower-case letters, digits and hyphens (RFC 1035)" };
  return {
    name,
    gcpGatewayName: r.string("gcpGatewayName", { ...gcpResource, default: `${name}-vpn` }),
    gcpTunnelName: r.string("gcpTunnelName", { ...gcpResource, default: `${name}-tn` }),
    gcpNetwork: r.string("gcpNetwork"),
    peerNetwork: r.string("peerNetwork"),
    routing: r.oneOf("routing", ["route-based", "policy-based"] as const, peer.kind === "nifcloud" ? "route-based" : "policy-based"),
    crypto: readCrypto(r.optionalChild("crypto"), peer.kind),
    peer,
  };
}

function readCluster(r: Reader, gcp: GcpSpec | undefined, networks: readonly NetworkSpec[]): ClusterSpec {
  const platform = r.oneOf("platform", ["gke", "existing", "ask"] as const);
  const network = r.string("network");
  const gkeReader = platform === "gke" ? r.child("gke") : undefined;
  const existingReader = platform === "existing" ? r.child("existing") : undefined;
  const askReader = platform === "ask" ? r.child("ask") : undefined;
  const derivedNetwork = platform === "gke" && gcp ? gkeMeshNetwork(gcp.project, network) : network;
  const known = networks.some((n) => n.name === network);
  return {
    name: r.string("name", { pattern: DNS_LABEL, fix: "use a DNS-1123 label (lower-case letters, digits, hyphens), e.g. gke" }),
    network,
    meshNetwork: r.string("meshNetwork", {
      pattern: LABEL_VALUE,
      default: known ? derivedNetwork : undefined,
      fix: "use a Kubernetes label value, distinct per network",
    }),
    platform,
    gke: gkeReader && {
      clusterName: gkeReader.string("clusterName", { pattern: /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, fix: "use 1-40 lower-case letters, digits and hyphens" }),
      location: gkeReader.string("location", { pattern: /^[a-z]+-[a-z]+\d+(-[a-z])?$/, fix: "use a zone (us-central1-c) or region (us-central1)" }),
      machineType: gkeReader.string("machineType", { default: "e2-standard-4" }),
      nodeCount: gkeReader.integer("nodeCount", { min: 1, max: 100, default: 3 }),
      releaseChannel: gkeReader.oneOf("releaseChannel", ["REGULAR", "RAPID", "STABLE"] as const, "REGULAR"),
      deletionProtection: gkeReader.boolean("deletionProtection", true),
    },
    ask: askReader && {
      clusterName: askReader.string("clusterName", {
        pattern: /^[A-Za-z0-9\u4e00-\u9fa5][-A-Za-z0-9_\u4e00-\u9fa5]{0,62}$/,
        fix: "use 1-63 letters, digits, hyphens or underscores, e.g. ask-provider",
      }),
      endpointPublicAccess: askReader.boolean("endpointPublicAccess", false),
      deletionProtection: askReader.boolean("deletionProtection", true),
    },
    existing: existingReader && {
      kubeconfigKey: existingReader.string("kubeconfigKey", {
        pattern: /^[A-Za-z][A-Za-z0-9]*$/,
        fix: "name the secret config key holding the kubeconfig, e.g. anthosKubeconfig",
      }),
      context: existingReader.optionalString("context"),
      apiServer: existingReader.string("apiServer", {
        pattern: /^https:\/\/[^\s/]+(:\d+)?\/?$/,
        fix: "use the https:// URL of the API server reachable over the VPN, e.g. https://172.16.232.10:443",
      }),
    },
    eastWestAddress: r.optionalString("eastWestAddress", { pattern: /^\d+\.\d+\.\d+\.\d+$/, fix: "use an IPv4 address on the cluster's network" }),
  };
}

function readMesh(r: Reader | undefined): MeshSpec {
  const m = r ?? new Reader(new Problems(), "mesh", {});
  const installer = m.oneOf("installer", ["asmcli", "manifests"] as const, "asmcli");
  return {
    installer,
    revision: m.string("revision", { pattern: DNS_LABEL, fix: "use the ASM/Istio revision label, e.g. asm-1175-9" }),
    asmcliVersion: m.string("asmcliVersion", { pattern: /^\d+\.\d+$/, default: "1.17", fix: "use a minor version such as 1.17" }),
    istioVersion: m.string("istioVersion", { pattern: /^\d+\.\d+\.\d+$/, default: "1.24.3", fix: "use an Istio release such as 1.24.3" }),
    ca: m.oneOf("ca", ["mesh_ca", "citadel", "gcp_cas", "managed_cas", "plugin"] as const, installer === "asmcli" ? "mesh_ca" : "plugin"),
    gatewayNamespace: m.string("gatewayNamespace", { pattern: DNS_LABEL, default: "istio-gateways", fix: "use a DNS-1123 label" }),
    workloadNamespaces: m.list("workloadNamespaces", { required: false }).map((ns, i) => {
      if (typeof ns !== "string" || !DNS_LABEL.test(ns)) m.problems.add(`mesh.workloadNamespaces[${i}]`, ns, "is not a namespace name", "use a DNS-1123 label");
      return String(ns);
    }),
    istioctl: m.string("istioctl", { default: "istioctl" }),
  };
}

function readVerify(r: Reader | undefined, clusters: readonly ClusterSpec[]): VerifySpec {
  const v = r ?? new Reader(new Problems(), "verify", {});
  const enabled = v.boolean("enabled", false);
  const names = clusters.map((c) => c.name);
  return {
    enabled,
    namespace: v.string("namespace", { pattern: DNS_LABEL, default: "sample" }),
    v1Cluster: enabled ? v.oneOf("v1Cluster", names) : typeof v.value.v1Cluster === "string" ? v.value.v1Cluster : "",
    v2Cluster: enabled ? v.oneOf("v2Cluster", names) : typeof v.value.v2Cluster === "string" ? v.value.v2Cluster : "",
    requests: v.integer("requests", { min: 1, max: 100, default: 10 }),
    skipAwait: v.boolean("skipAwait", false),
  };
}

function checkNames(problems: Problems, config: StackConfig): void {
  const unique = (kind: string, names: string[]) => {
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) problems.add(`${kind}[${i}].name`, name, "is used twice", `give every entry of ${kind} its own name`);
    });
  };
  unique(
    "networks",
    config.networks.map((n) => n.name),
  );
  unique(
    "vpnLinks",
    config.vpnLinks.map((l) => l.name),
  );
  unique(
    "clusters",
    config.clusters.map((c) => c.name),
  );
  if (config.verify.enabled && config.verify.v1Cluster === config.verify.v2Cluster) {
    problems.add(
      "verify.v2Cluster",
      config.verify.v2Cluster,
      "is the same cluster as verify.v1Cluster",
      "run v1 and v2 in different clusters so that both sides answer",
    );
  }
}

interface NamedRange {
  key: string;
  text: string;
}

/** Every node, pod, service and zone range of every network must be disjoint from the others. */
export function checkRanges(problems: Problems, networks: readonly NetworkSpec[]): void {
  const ranges: NamedRange[] = [];
  networks.forEach((n, i) => {
    (["nodeCidr", "podCidr", "serviceCidr"] as const).forEach((field) => {
      const text = n[field];
      if (text && parseCidr(text)) ranges.push({ key: `networks[${i}].${field}`, text });
    });
    const vpc = parseCidr(n.nodeCidr);
    (n.zones ?? []).forEach((z, j) => {
      const zone = parseCidr(z.cidr);
      if (vpc && zone && !contains(vpc, zone)) {
        problems.add(`networks[${i}].zones[${j}].cidr`, z.cidr, `is outside the network's nodeCidr ${n.nodeCidr}`, "pick a vSwitch range inside the VPC range");
      }
    });
    const zoneCidrs = (n.zones ?? []).map((z) => z.cidr);
    zoneCidrs.forEach((a, j) =>
      zoneCidrs.slice(j + 1).forEach((b, k) => {
        const ca = parseCidr(a);
        const cb = parseCidr(b);
        if (ca && cb && overlaps(ca, cb))
          problems.add(`networks[${i}].zones[${j + k + 1}].cidr`, b, `overlaps networks[${i}].zones[${j}].cidr ${a}`, "give each zone its own range");
      }),
    );
  });
  ranges.forEach((a, i) =>
    ranges.slice(i + 1).forEach((b) => {
      const ca = parseCidr(a.text)!;
      const cb = parseCidr(b.text)!;
      if (overlaps(ca, cb)) {
        problems.add(b.key, b.text, `overlaps ${a.key} ${a.text}`, "choose disjoint ranges: traffic between the networks is routed, not NATed");
      }
    }),
  );
}

function checkLinks(problems: Problems, config: StackConfig): void {
  config.vpnLinks.forEach((link, i) => {
    const gcpNet = config.networks.find((n) => n.name === link.gcpNetwork);
    const peerNet = config.networks.find((n) => n.name === link.peerNetwork);
    if (!gcpNet || gcpNet.cloud !== "gcp") {
      problems.add(`vpnLinks[${i}].gcpNetwork`, link.gcpNetwork, "does not name a network with cloud: gcp", `use one of ${namesOf(config, "gcp")}`);
    }
    if (!peerNet || peerNet.cloud !== link.peer.kind) {
      problems.add(
        `vpnLinks[${i}].peerNetwork`,
        link.peerNetwork,
        `does not name a network with cloud: ${link.peer.kind}`,
        `use one of ${namesOf(config, link.peer.kind)}`,
      );
    }
    if (link.peer.kind === "nifcloud" && peerNet) {
      const lan = parseCidr(peerNet.nodeCidr);
      const ip = link.peer.gatewayPrivateIp;
      if (lan && /^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
        const valid = (() => {
          try {
            return containsIp(lan, ip);
          } catch {
            return false;
          }
        })();
        const edge = valid && (ip === formatCidr(lan).split("/")[0] || ip.endsWith(".255"));
        if (!valid || edge) {
          problems.add(
            `vpnLinks[${i}].peer.gatewayPrivateIp`,
            ip,
            `is not a usable host address in ${peerNet.name} (${peerNet.nodeCidr})`,
            "pick a free host address inside the private LAN, e.g. the .2 address",
          );
        }
      }
    }
  });
}

function namesOf(config: StackConfig, cloud: string): string {
  const names = config.networks.filter((n) => n.cloud === cloud).map((n) => n.name);
  return names.length > 0 ? names.join(", ") : `(none: add a network with cloud: ${cloud})`;
}

function checkClusters(problems: Problems, config: StackConfig, raw: RawConfig): void {
  config.clusters.forEach((c, i) => {
    const network = config.networks.find((n) => n.name === c.network);
    if (!network) {
      problems.add(`clusters[${i}].network`, c.network, "does not name a declared network", `use one of ${config.networks.map((n) => n.name).join(", ")}`);
      return;
    }
    if (c.platform === "gke" && network.cloud !== "gcp") {
      problems.add(
        `clusters[${i}].network`,
        c.network,
        "is not a GCP network, so a GKE cluster cannot live there",
        "put GKE clusters on a network with cloud: gcp",
      );
    }
    if (c.platform === "gke" && (!network.podCidr || !network.serviceCidr)) {
      problems.add(
        `networks[${config.networks.indexOf(network)}].podCidr`,
        network.podCidr,
        "is required for a VPC-native GKE cluster (with serviceCidr)",
        "set podCidr and serviceCidr on the GCP network",
      );
    }
    if (c.existing) {
      const key = c.existing.kubeconfigKey;
      const value = requireSecret(problems, raw, key, `the kubeconfig of cluster '${c.name}'`, `pulumi config set --secret ${key} < path/to/kubeconfig`);
      if (value !== undefined && (!/\bclusters\b/.test(value) || !/\bserver\b/.test(value))) {
        problems.add(key, "(not shown: secret)", "does not look like a kubeconfig (no clusters/server)", "store the admin kubeconfig file of the cluster");
      }
    }
    const ew = c.eastWestAddress;
    const lan = parseCidr(network.nodeCidr);
    if (ew && lan && /^\d+\.\d+\.\d+\.\d+$/.test(ew)) {
      let inside = false;
      try {
        inside = containsIp(lan, ew);
      } catch {
        inside = false;
      }
      if (!inside)
        problems.add(
          `clusters[${i}].eastWestAddress`,
          ew,
          `is outside ${network.name} (${network.nodeCidr}), so the peer cannot route to it over the VPN`,
          "pick a load-balancer address inside the network's nodeCidr",
        );
    }
  });
  config.clusters.forEach((a, i) =>
    config.clusters.slice(i + 1).forEach((b, k) => {
      if (a.network !== b.network && a.meshNetwork === b.meshNetwork) {
        problems.add(
          `clusters[${i + k + 1}].meshNetwork`,
          b.meshNetwork,
          `equals clusters[${i}].meshNetwork although the clusters sit on different networks`,
          "give each network its own Istio network name, or sidecars route to unreachable pod IPs",
        );
      }
    }),
  );
}

export const NIFCLOUD_CREDENTIAL_KEYS = ["nifcloudAccessKeyId", "nifcloudSecretAccessKey"] as const;

function checkCredentials(problems: Problems, config: StackConfig, raw: RawConfig): void {
  if (config.vpnLinks.some((l) => l.peer.kind === "nifcloud")) {
    for (const key of NIFCLOUD_CREDENTIAL_KEYS) requireSecret(problems, raw, key, "a NIFCLOUD API credential", `pulumi config set --secret ${key}`);
  }
  const ns = config.verify.namespace;
  if (config.verify.enabled && config.mesh && !config.mesh.workloadNamespaces.includes(ns)) {
    problems.add("verify.namespace", ns, "is not one of mesh.workloadNamespaces, so its pods would get no sidecar", `add ${ns} to mesh.workloadNamespaces`);
  }
}

function checkTopology(problems: Problems, config: StackConfig): void {
  const { topology } = config;
  const need = (ok: boolean, key: string, value: unknown, why: string, fix: string) => {
    if (!ok) problems.add(key, value, why, fix);
  };
  if (topology === "nifcloud-gke" || topology === "alibaba-gke") {
    const peer = topology === "nifcloud-gke" ? "nifcloud" : "alibaba";
    need(config.gcp !== undefined, "gcp", undefined, `is required by topology ${topology}`, "set gcp.project and gcp.region");
    need(
      config.vpnLinks.some((l) => l.peer.kind === peer),
      "vpnLinks",
      config.vpnLinks.length,
      `needs a link with a ${peer} peer for topology ${topology}`,
      `add a vpnLinks entry with peer.kind: ${peer}`,
    );
    need(
      config.clusters.some((c) => c.platform === "gke"),
      "clusters",
      config.clusters.map((c) => c.name),
      `needs a GKE cluster for topology ${topology}`,
      "add a cluster with platform: gke",
    );
  }
  if (topology !== "alibaba-gke") {
    need(config.mesh !== undefined, "mesh", undefined, `is required by topology ${topology}`, "declare mesh as in Pulumi.dev.yaml");
    need(
      config.clusters.every((c) => c.platform !== "ask"),
      "clusters",
      config.clusters.map((c) => c.platform),
      `cannot hold an ASK cluster in topology ${topology}`,
      "use platform: ask only with topology alibaba-gke",
    );
  }
  if (topology === "alibaba-gke") {
    need(
      config.mesh === undefined,
      "mesh",
      "(set)",
      "is not used by topology alibaba-gke (ACK One multi-cluster services, no Istio)",
      "remove mesh from the stack file",
    );
  }
  const mesh = config.mesh;
  if (!mesh) return;
  if (topology === "nifcloud-gke") {
    need(
      mesh.installer === "asmcli",
      "mesh.installer",
      mesh.installer,
      "must be asmcli for topology nifcloud-gke (Anthos Service Mesh)",
      "set mesh.installer: asmcli",
    );
  }
  if (topology === "local") {
    need(
      config.vpnLinks.length === 0,
      "vpnLinks",
      config.vpnLinks.length,
      "must be empty for topology local (no cloud)",
      "remove vpnLinks from the local stack",
    );
    need(
      config.clusters.every((c) => c.platform === "existing"),
      "clusters",
      config.clusters.map((c) => c.platform),
      "must all be platform: existing for topology local",
      "give each cluster a kubeconfig",
    );
    need(
      mesh.installer === "manifests",
      "mesh.installer",
      mesh.installer,
      "must be manifests for topology local (no Google fleet)",
      "set mesh.installer: manifests",
    );
  }
  need(
    mesh.installer !== "manifests" || mesh.ca === "plugin",
    "mesh.ca",
    mesh.ca,
    "must be plugin when Pulumi applies the mesh manifests (one shared root of trust)",
    "set mesh.ca: plugin",
  );
  need(
    mesh.installer !== "asmcli" || mesh.ca !== "plugin",
    "mesh.ca",
    mesh.ca,
    "is not an asmcli CA",
    "use mesh_ca, citadel, gcp_cas or managed_cas with asmcli",
  );
}

/** NIFCLOUD routes one LAN-side block to the tunnel: it must not swallow the peer's own ranges. */
export function checkNifcloudCoveringBlock(problems: Problems, config: StackConfig): void {
  config.vpnLinks.forEach((link, i) => {
    if (link.peer.kind !== "nifcloud") return;
    const gcpNet = config.networks.find((n) => n.name === link.gcpNetwork);
    const peerNet = config.networks.find((n) => n.name === link.peerNetwork);
    if (!gcpNet || !peerNet || !routedRanges(gcpNet).every((r) => parseCidr(r))) return;
    const block = singleCoveringBlock(routedRanges(gcpNet));
    for (const range of allRanges(peerNet)) {
      const a = parseCidr(block);
      const b = parseCidr(range);
      if (a && b && overlaps(a, b)) {
        problems.add(
          `vpnLinks[${i}].gcpNetwork`,
          link.gcpNetwork,
          `routes ${block} to NIFCLOUD (the one block covering its node, pod and service ranges), which overlaps ${peerNet.name}'s ${range}`,
          "keep the GCP network's node, pod and service ranges inside one compact block, e.g. all within 10.128.0.0/12",
        );
      }
    }
  });
}
