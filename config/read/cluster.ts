import { DNS_LABEL, LABEL_VALUE, gkeMeshNetwork } from "../../lib/naming";
import { HIDDEN, Reader } from "../problems";
import { RawConfig, requireSecret } from "../rawConfig";
import { Secret } from "../secret";
import {
  AlibabaManagedSpec,
  AskSpec,
  AuthorizedNetwork,
  ClusterSpec,
  ExistingAccessSpec,
  GcpSpec,
  GkeSpec,
  NODE_SERVICE_ACCOUNTS,
  NetworkSpec,
  PLATFORMS,
} from "../types";
import { isIpv4, parseCidr } from "../../lib/cidr";
import { PUBLIC_SHARE_LIMIT, classify, describeSpace, publicAddressCount } from "../addressSpace";
import { GKE_VERSION } from "../meshRelease";
import { IPV4, NOT_IPV4 } from "./link";
import { readCidr } from "./network";

const AUTHORIZED_FIX = "name the public address Pulumi's runner leaves from (a /32), or your own public range";

/**
 * The ranges that may reach a GKE control plane's public endpoint: named public ranges that
 * together hold no more public addresses than a /16 (config/addressSpace.ts PUBLIC_SHARE_LIMIT,
 * the bound the policy pack's gke-authorized-networks rule applies too). A private range is
 * refused: the public endpoint only sees public source addresses, and the private endpoint
 * admits the VPC and the VPN peers whatever the list says (authorized networks are enforced on
 * it only with `privateEndpointEnforcementEnabled`, which defaults to false:
 * terraform-provider-google-beta resource_container_cluster.go masterAuthorizedNetworksConfig).
 */
function readAuthorizedNetworks(r: Reader): AuthorizedNetwork[] {
  const key = r.key("authorizedNetworks");
  const entries = r.list("authorizedNetworks", { required: false }).flatMap((item, i): AuthorizedNetwork[] => {
    const e = Reader.of(r.problems, `${key}[${i}]`, item);
    if (!e) return [];
    const name = e.string("name", {
      pattern: /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/,
      why: "is not a display name GKE shows here",
      fix: "use 1-63 letters, digits, spaces, dots, underscores or hyphens, e.g. ci-runner",
    });
    const cidr = readCidr(e, "cidr", true) ?? "";
    const parsed = parseCidr(cidr);
    const space = parsed && classify(parsed);
    if (space && space.kind !== "public")
      r.problems.add(
        e.key("cidr"),
        cidr,
        `is ${space.space ? describeSpace(space.space) : "not public"}: the public endpoint only sees public source addresses, and the private endpoint already admits the VPC and the VPN peers`,
        `${AUTHORIZED_FIX}; or remove the entry`,
      );
    return [{ name, cidr }];
  });
  const names = entries.map((n) => n.name);
  names.forEach((name, i) => {
    if (name !== "" && names.indexOf(name) !== i) r.problems.add(`${key}[${i}].name`, name, "names another entry too", "give each range its own name");
  });
  const parsed = entries.flatMap((n) => parseCidr(n.cidr) ?? []);
  const count = publicAddressCount(parsed);
  if (count > PUBLIC_SHARE_LIMIT)
    r.problems.add(
      key,
      entries.map((n) => n.cidr),
      `admit ${count} public IPv4 addresses, more than the ${PUBLIC_SHARE_LIMIT} of a /16: the control plane would be open to others' networks`,
      AUTHORIZED_FIX,
    );
  return entries;
}

function readGke(r: Reader): GkeSpec {
  const spec = {
    clusterName: r.string("clusterName", { pattern: /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, fix: "use 1-40 lower-case letters, digits and hyphens" }),
    location: r.string("location", { pattern: /^[a-z]+-[a-z]+\d+(-[a-z])?$/, fix: "use a zone (us-central1-c) or region (us-central1)" }),
    // Compute Engine machine type names: e2-standard-4, n2d-highmem-2, n2-custom-4-8192, e2-micro.
    machineType: r.string("machineType", {
      pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/,
      default: "e2-standard-4",
      why: "is not a Compute Engine machine type name",
      fix: "use a machine type such as e2-standard-4 or n2-custom-4-8192 (lower-case letters, digits and hyphens)",
    }),
    nodeCount: r.integer("nodeCount", { min: 1, max: 100, default: 3 }),
    releaseChannel: r.oneOf("releaseChannel", ["REGULAR", "RAPID", "STABLE"] as const, "REGULAR"),
    version: r.optionalString("version", { pattern: GKE_VERSION, fix: "use a GKE minor (1.35) or version (1.35.1-gke.1396000)" }),
    deletionProtection: r.boolean("deletionProtection", true),
    authorizedNetworks: readAuthorizedNetworks(r),
    nodeServiceAccount: r.oneOf("nodeServiceAccount", NODE_SERVICE_ACCOUNTS, "dedicated"),
  };
  if (spec.nodeServiceAccount === "compute-default")
    r.problems.warn(
      r.key("nodeServiceAccount"),
      spec.nodeServiceAccount,
      "the nodes act as Compute Engine's default service account with the cloud-platform scope, with whatever project roles it holds (Editor unless the organization prevents it); `dedicated` gives them the least roles GKE nodes need and replaces the node pool (the new one is created before the old one is drained)",
    );
  return spec;
}

function readAsk(r: Reader): AskSpec {
  return {
    platform: r.oneOf("platform", ["ask"] as const, "ask"),
    clusterName: r.string("clusterName", {
      pattern: /^[A-Za-z0-9\u4e00-\u9fa5][-A-Za-z0-9_\u4e00-\u9fa5]{0,62}$/,
      fix: "use 1-63 letters, digits, hyphens or underscores, e.g. ask-provider",
    }),
    endpointPublicAccess: r.boolean("endpointPublicAccess", false),
    deletionProtection: r.boolean("deletionProtection", true),
  };
}

/** ACS or ACK Pro (what a new Alibaba account can create). */
function readAlibabaManaged(r: Reader): AlibabaManagedSpec {
  return {
    clusterName: r.string("clusterName", {
      pattern: /^[A-Za-z0-9\u4e00-\u9fa5][-A-Za-z0-9_\u4e00-\u9fa5]{0,62}$/,
      fix: "use 1-63 letters, digits, hyphens or underscores, e.g. acs-provider",
    }),
    endpointPublicAccess: r.boolean("endpointPublicAccess", false),
    deletionProtection: r.boolean("deletionProtection", true),
    version: r.optionalString("version", { pattern: /^1\.\d+\.\d+(-aliyun\.\d+)?$/, fix: "use an ACK Kubernetes version such as 1.33.3-aliyun.1" }),
  };
}

const API_SERVER_FIX = "use the https:// URL of the API server reachable over the VPN, e.g. https://172.16.232.10:443";

const API_SERVER = /^https:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:(\d+))?\/?$/;

/**
 * Why an API server URL cannot be used, or undefined when it can (https, a host, a port from 1 to
 * 65535). A host whose last label is all digits is an IPv4 address or nothing: no top-level
 * domain is numeric (RFC 3696 section 2).
 */
export function apiServerProblem(url: string): string | undefined {
  const match = API_SERVER.exec(url);
  if (!match) return "is not an https:// URL naming only a host and an optional port";
  const host = match[1];
  if (/(^|\.)\d+$/.test(host) && !isIpv4(host))
    return `names host ${host}, which is no IPv4 address (four numbers from 0 to 255) and no DNS name (its last label is all digits)`;
  const port = match[3] === undefined ? 443 : Number(match[3]);
  return port >= 1 && port <= 65535 ? undefined : "has a port outside 1-65535";
}

/** The API server URL's host when it is an IPv4 address (reachability can then be checked). */
export function apiServerIpv4(url: string): string | undefined {
  const host = API_SERVER.exec(url)?.[1];
  return host !== undefined && isIpv4(host) ? host : undefined;
}

/**
 * Kubeconfig context names as kubeadm, gcloud, bmctl and kind write them (kubernetes-admin@cls,
 * gke_project_zone_name, arn:...:cluster/name); nothing a shell or YAML would read as syntax.
 */
const CONTEXT = /^[A-Za-z0-9][A-Za-z0-9._@:/+=-]{0,252}$/;

function readExisting(r: Reader, raw: RawConfig, clusterName: string): ExistingAccessSpec {
  const kubeconfigKey = r.string("kubeconfigKey", {
    pattern: /^[A-Za-z][A-Za-z0-9]*$/,
    fix: "name the secret config key holding the kubeconfig, e.g. anthosKubeconfig",
  });
  const apiServer = r.string("apiServer", { fix: API_SERVER_FIX });
  const apiProblem = apiServer ? apiServerProblem(apiServer) : undefined;
  if (apiProblem) r.problems.add(r.key("apiServer"), apiServer, apiProblem, API_SERVER_FIX);
  const command = `pulumi config set --secret ${kubeconfigKey} < path/to/kubeconfig`;
  const text = kubeconfigKey ? requireSecret(r.problems, raw, kubeconfigKey, `the kubeconfig of cluster '${clusterName}'`, command) : undefined;
  if (text !== undefined && (!/\bclusters\b/.test(text) || !/\bserver\b/.test(text))) {
    r.problems.add(kubeconfigKey, HIDDEN, "does not look like a kubeconfig (no clusters/server)", "store the admin kubeconfig file of the cluster");
  }
  const context = r.optionalString("context", {
    pattern: CONTEXT,
    why: "has characters a kubeconfig context name here may not have (spaces, quotes, $, backticks, ; or line breaks)",
    fix: "use letters, digits and . _ @ : / + = - only, e.g. kubernetes-admin@nifc-anthosbm-cls",
  });
  const adoptNamespaces = r.list("adoptNamespaces", { required: false }).map((ns, i) => {
    if (typeof ns !== "string" || !DNS_LABEL.test(ns))
      r.problems.add(`${r.key("adoptNamespaces")}[${i}]`, ns, "is not a namespace name", "use a DNS-1123 label");
    return String(ns);
  });
  return { kubeconfigKey, kubeconfig: new Secret(text ?? ""), context, apiServer, adoptNamespaces };
}

/** One cluster, typed by its platform; an unknown platform is reported once and the entry skipped. */
export function readCluster(r: Reader, gcp: GcpSpec | undefined, networks: readonly NetworkSpec[], raw: RawConfig): ClusterSpec | undefined {
  const platform = r.oneOf("platform", PLATFORMS);
  const network = r.string("network");
  const name = r.string("name", { pattern: DNS_LABEL, fix: "use a DNS-1123 label (lower-case letters, digits, hyphens), e.g. gke" });
  const known = networks.some((n) => n.name === network);
  const derivedNetwork = platform === "gke" && gcp ? gkeMeshNetwork(gcp.project, network) : network;
  const base = {
    name,
    network,
    meshNetwork: r.string("meshNetwork", {
      pattern: LABEL_VALUE,
      default: known ? derivedNetwork : network,
      fix: "use a Kubernetes label value, distinct per network",
    }),
    eastWestAddress: r.optionalString("eastWestAddress", { pattern: IPV4, why: NOT_IPV4, fix: "use an IPv4 address on the cluster's network" }),
  };
  if (platform !== r.value.platform) {
    r.skipRest();
    return undefined;
  }
  // Each platform's block is read only for that platform; another platform's block is an unknown key.
  if (platform === "gke") {
    const gke = r.child("gke");
    return gke && { ...base, platform, gke: readGke(gke) };
  }
  if (platform === "ask") {
    const ask = r.child("ask");
    return ask && { ...base, platform, ask: readAsk(ask) };
  }
  if (platform === "acs") {
    const acs = r.child("acs");
    return acs && { ...base, platform, acs: readAlibabaManaged(acs) };
  }
  if (platform === "ack-pro") {
    const ackPro = r.child("ackPro");
    return ackPro && { ...base, platform, ackPro: readAlibabaManaged(ackPro) };
  }
  const existing = r.child("existing");
  return existing && { ...base, platform, existing: readExisting(existing, raw, name) };
}
