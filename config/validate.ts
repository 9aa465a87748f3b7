/**
 * Validates the raw stack configuration into the typed configuration of its topology, reporting
 * every problem at once with the key, the bad value and the fix: reads every section, runs the
 * checks all topologies share, then the topology's own (config/topologies/). Pure: no Pulumi
 * calls, so it runs before any resource.
 */
import { checkClusterNetworks } from "./checks/clusters";
import { checkWeakCrypto } from "./checks/crypto";
import { checkLinkNetworks, checkSharedPeerObjects } from "./checks/links";
import { checkNetworksUsed, checkUniqueNames, checkVerifyClusters } from "./checks/names";
import { checkNamespaces } from "./checks/namespaces";
import { checkRangeSpaces, checkRanges } from "./checks/ranges";
import { DraftConfig } from "./draft";
import { Problems, Reader } from "./problems";
import { RawConfig, rawEntries, rawKey } from "./rawConfig";
import { readAckOne, readAlibaba } from "./read/alibaba";
import { readCluster } from "./read/cluster";
import { readGcp } from "./read/gcp";
import { readLink } from "./read/link";
import { readList } from "./read/list";
import { readMesh, readVerify } from "./read/mesh";
import { readMultiClusterServices } from "./read/multiClusterServices";
import { readNetwork } from "./read/network";
import { alibabaGke } from "./topologies/alibabaGke";
import { local } from "./topologies/local";
import { nifcloudGke } from "./topologies/nifcloudGke";
import { TopologyRules } from "./topologies/rules";
import { StackConfig, TOPOLOGIES, Topology } from "./types";

export type { RawConfig } from "./rawConfig";

/** Each topology's sections, credentials and own checks, in its own file. */
const RULES: Record<Topology, TopologyRules> = { "nifcloud-gke": nifcloudGke, "alibaba-gke": alibabaGke, local };
/** Every topology's credential keys: known everywhere, so a misplaced one is never shown as an unknown key's value. */
const CREDENTIAL_KEYS = Object.values(RULES).flatMap((rules) => rules.credentialKeys);
const ALL_SECTIONS = ["gcp", "alibaba", "vpnLinks", "mesh", "ackOne", "multiClusterServices"];

/** The validated configuration and the warnings for unsafe settings accepted on purpose. */
export interface Validated {
  readonly config: StackConfig;
  readonly warnings: readonly string[];
}

export function validateConfig(raw: RawConfig): StackConfig {
  return validateWithWarnings(raw).config;
}

export function validateWithWarnings(raw: RawConfig): Validated {
  const problems = new Problems();
  const root = new Reader(problems, "", raw.values);
  raw.secretKeys.forEach((k) => root.hidden.add(k));
  CREDENTIAL_KEYS.forEach((k) => root.extraKnown.add(k));
  // No value under a secret key, a credential key or a kubeconfig key is ever shown, set as a secret or not.
  [...raw.secretKeys, ...CREDENTIAL_KEYS, ...kubeconfigKeysIn(raw.values.clusters)].forEach((k) => problems.secretKeys.add(k));
  const draft = readDraft(root, raw);
  // Kubeconfig keys named by clusters (even clusters that failed to read) are known top-level keys.
  kubeconfigKeysIn(raw.values.clusters).forEach((k) => root.extraKnown.add(k));
  // A cluster that could not be read may be the one naming a secret: no follow-on for that secret.
  if (draft.clusters.length !== draft.clusterNames.length) raw.secretKeys.forEach((k) => root.extraKnown.add(k));
  // The checks every topology shares; then the topology's own checks and its narrowing.
  for (const check of [checkUniqueNames, checkVerifyClusters, checkLinkNetworks, checkClusterNetworks, checkNamespaces]) check(problems, draft);
  checkNetworksUsed(problems, draft, raw);
  checkRanges(problems, draft.networks);
  checkRangeSpaces(problems, draft.networks);
  checkWeakCrypto(problems, draft.vpnLinks);
  checkSharedPeerObjects(problems, draft.vpnLinks);
  const config = narrow(problems, draft, raw);
  problems.reportUnknownKeys();
  problems.throwIfAny();
  if (!config) throw new Error("validation produced no configuration and no problem"); // unreachable: every narrowing failure is reported
  return { config, warnings: problems.warnings };
}

function narrow(problems: Problems, draft: DraftConfig, raw: RawConfig): StackConfig | undefined {
  if (!TOPOLOGIES.includes(draft.topology)) return undefined;
  return RULES[draft.topology].validate(problems, draft, raw);
}

/** Reads every section the topology uses; a section it does not use is reported, not read. */
function readDraft(root: Reader, raw: RawConfig): DraftConfig {
  const topology = root.oneOf("topology", TOPOLOGIES);
  const topologyKnown = TOPOLOGIES.includes(raw.values.topology as Topology);
  const uses = (section: string): boolean => {
    if (!topologyKnown || RULES[topology].sections.includes(section)) return true;
    if (root.get(section) !== undefined)
      root.problems.add(section, "(set)", `is not used by topology ${topology}`, `remove ${section} from the stack file, or pick the topology that uses it`);
    return false;
  };
  ALL_SECTIONS.forEach((s) => root.read.add(s));
  const gcpReader = uses("gcp") ? root.optionalChild("gcp") : undefined;
  const gcp = gcpReader && readGcp(gcpReader);
  const networks = readList(root, "networks", readNetwork);
  const vpnLinks = uses("vpnLinks") && root.get("vpnLinks") !== undefined ? readList(root, "vpnLinks", readLink) : [];
  const clusterNames = namesIn(raw.values.clusters);
  const clusters = readList(root, "clusters", (r) => readCluster(r, gcp, networks, raw));
  const meshReader = uses("mesh") ? root.optionalChild("mesh") : undefined;
  const verifyReader = root.optionalChild("verify") ?? new Reader(root.problems, "verify", { enabled: false });
  const alibabaReader = uses("alibaba") ? root.optionalChild("alibaba") : undefined;
  const ackOneReader = uses("ackOne") ? root.optionalChild("ackOne") : undefined;
  const mcsReader = uses("multiClusterServices") ? root.optionalChild("multiClusterServices") : undefined;
  return {
    topology,
    gcp,
    alibaba: alibabaReader && readAlibaba(alibabaReader),
    networks,
    networkNames: namesIn(raw.values.networks),
    networksComplete: Array.isArray(raw.values.networks) && networks.length === raw.values.networks.length,
    vpnLinks,
    clusters,
    clusterNames,
    mesh: meshReader && readMesh(meshReader),
    verify: readVerify(verifyReader, clusterNames),
    ackOne: ackOneReader && readAckOne(ackOneReader),
    multiClusterServices: mcsReader && readMultiClusterServices(mcsReader, clusterNames),
  };
}

/** The `name` of each entry of a raw list ("" where there is none), without reporting anything. */
function namesIn(list: unknown): string[] {
  return rawEntries(list).map((item) => {
    const name = rawKey(item, "name");
    return typeof name === "string" ? name : "";
  });
}

/** The `existing.kubeconfigKey` of each raw cluster entry that names one. */
function kubeconfigKeysIn(list: unknown): string[] {
  return rawEntries(list).flatMap((item) => {
    const key = rawKey(rawKey(item, "existing"), "kubeconfigKey");
    return typeof key === "string" ? [key] : [];
  });
}
