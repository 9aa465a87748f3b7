import * as path from "path";
import { startFleet } from "../fleet/start";
import { Change, Scenario, World } from "../scenario";
import { ALIYUN_BIN, alibabaObjects, seedAlibaba } from "../world/alibaba";
import { gcpKeptByDesign, gcpObjects, writeWorld } from "../world/cloudFiles";
import { LocalCluster } from "../world/clusters";
import { clusterInventory, clusterMade } from "../world/inventory";
import { setConfig } from "../world/stack";

const STACK = "ack-dev";
const PROJECT = "multicloud-mesh";
/**
 * The first tunnel's key of the dual-tunnel link `ack-gke` (components/vpn/alibabaGcpVpn.ts
 * `${name}-psk-master`), under the link's type. (A stack deployed while the link was a DualTunnelVpn
 * holds it under `...vpn:DualTunnelVpn$random:...` until its next `up`, which moves it, by alias.)
 */
const MASTER_PSK_URN = `urn:pulumi:${STACK}::${PROJECT}::multicloud-mesh:vpn:AlibabaGcpVpn$random:index/randomPassword:RandomPassword::ack-gke-psk-master`;

/**
 * The roles ACK and ACK One assume (scripts/alibaba/preflight.sh): granted once by the account
 * owner before the stack's first `up`, so the account holds them before and after the run.
 */
const GRANTED_ROLES = [
  "AliyunCSDefaultRole",
  "AliyunCSManagedKubernetesRole",
  "AliyunCSServerlessKubernetesRole",
  "AliyunCSManagedNetworkRole",
  "AliyunServiceRoleForAdcp",
];

const changes: Change[] = [
  {
    name: "pre-shared key rotation of the first tunnel (replacement)",
    apply: () => undefined,
    upFlags: ["--replace", MASTER_PSK_URN],
    expect: "succeed",
  },
  {
    name: "ServiceExport/ServiceImport instead of MultiClusterService",
    apply: (ctx) => setConfig(ctx, "ackOne.services", "service-export-import"),
    expect: "succeed",
    // Killed while the hub's objects change over: the rerun must converge.
    killWhen: (event) => /ServiceExport|ServiceImport|mcs-export|mcs-import/.test(String(event.resourcePreEvent?.metadata?.urn ?? "")),
  },
  {
    name: "the hub's public API endpoint turned on",
    apply: (ctx) => setConfig(ctx, "ackOne.hubPrivateEndpoint", "false"),
    expect: "succeed",
  },
  {
    name: "the hub's public API endpoint turned off again",
    apply: (ctx) => setConfig(ctx, "ackOne.hubPrivateEndpoint", "true"),
    expect: "succeed",
  },
];

/** Places whose objects are the clusters' own, not the run's. */
const CLUSTER_ROLES = ["gke", "hub", "acs"];

/**
 * `ack-dev`: GKE, the ACK One hub and the ACS provider cluster as local API servers the cloud
 * stand-ins point at (world.json), an Alibaba account whose owner granted ACK's and ACK One's
 * roles, the `aliyun` CLI stand-in, and the ACK One fleet between the clusters.
 */
export const ackDev: Scenario = {
  stack: STACK,
  // Loopback indexes 3-5 (devtools/local/lib.sh local_api_port): clear of `npm run local` (1-2) and of dev (6-7).
  roles: { gke: 3, hub: 4, acs: 5 },
  changes,
  // What the accounts keep by design after destroy: ACK's activation, which cannot be undone
  // (cs/OpenAckService.json), and the project's APIs (gcpKeptByDesign).
  ignore: (place, key) =>
    (CLUSTER_ROLES.includes(place) && clusterMade(key)) ||
    (place === "alibaba" && key.startsWith("ack_services ")) ||
    (place === "gcp" && gcpKeptByDesign(key)),
  async start(home: string, clusters: Readonly<Record<string, LocalCluster>>): Promise<World> {
    writeWorld(path.join(home, "world.json"), clusters);
    const stateDir = seedAlibaba(home, { ram_roles: Object.fromEntries(GRANTED_ROLES.map((r) => [r, { service_linked: r === "AliyunServiceRoleForAdcp" }])) });
    const fleet = await startFleet(home);
    return {
      home,
      clusters,
      env: { FAKE_ALIYUN_STATE: stateDir, ALIBABA_POLL_SECONDS: "0.5", POLL_SECONDS: "0.5" },
      bins: [ALIYUN_BIN],
      edits: {},
      secrets: {
        alibabaAccessKeyId: "LTAI5tRehearsalKeyId01",
        alibabaAccessKeySecret: "rehearsal-access-key-secret-0123456789",
      },
      snapshot: () =>
        Promise.resolve({
          alibaba: alibabaObjects(home),
          gcp: gcpObjects(home),
          ...Object.fromEntries(CLUSTER_ROLES.map((role) => [role, clusterInventory(clusters[role])])),
        }),
      afterStep: () => Promise.resolve([]),
      stop: () => fleet.stop(),
    };
  },
};
