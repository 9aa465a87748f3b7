import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../engine";
import { Finding } from "../checks/finding";
import { asmReleases, detachedProxies, meshToolsEnv, startInjector, stopInjector } from "../mesh/meshTools";
import { Change, Scenario, World } from "../scenario";
import { gcpKeptByDesign, gcpObjects, writeWorld } from "../world/cloudFiles";
import { LocalCluster, kubectl } from "../world/clusters";
import { clusterInventory, clusterMade } from "../world/inventory";
import { nifcloudObjects, startNifcloud } from "../world/nifcloud";
import { setConfig } from "../world/stack";
import { stackValues } from "../../helpers/stackConfig";
import { FOREIGN_BUILD, seedForeignMesh } from "./devSeeds";

/** What a dev user already has on NIFCLOUD (the servers' LAN and firewall group with its SSH rule). */
const NIFCLOUD_SEED = path.join(ROOT, "tests/fakes/nifcloud_seed_dev.json");
const ACCESS_KEY_ID = "NIFCLOUDREHEARSALKEY";

/** The stack's objects are marked `multicloud-mesh/<stack>`; every run uses fresh clouds, so the mark is the stack's. */
const link = "vpnLinks[0]";
/** The build the committed stack installs, and the one the upgrade moves to (docs.cloud.google.com/service-mesh/versions). */
const INSTALL_RELEASE = "1.29.0-asm.1+config1";
const UPGRADE_RELEASE = "1.29.10-asm.4+config1";

const changes: Change[] = [
  {
    name: "mesh revision upgrade (canary)",
    apply: (ctx) => {
      setConfig(ctx, "mesh.release", UPGRADE_RELEASE);
      setConfig(ctx, "mesh.revision", "asm-12910-4");
    },
    expect: "succeed",
    // Killed while the new revision is being installed or the canary moves the workloads: the
    // rerun must converge and no pod may be left on a control plane that is gone.
    killWhen: (event) => /RevisionCanary|canary/.test(String(event.resourcePreEvent?.metadata?.urn ?? "")),
  },
  {
    name: "NIFCLOUD VPN gateway type change (replacement)",
    apply: (ctx) => setConfig(ctx, `${link}.peer.gatewayType`, "medium"),
    expect: "succeed",
  },
  {
    name: "a new GCP VPN address (a new Cloud VPN gateway name)",
    apply: (ctx) => setConfig(ctx, `${link}.gcpGatewayName`, "nifc-anthos-vpn2"),
    expect: "succeed",
  },
  {
    name: "adopt-to-own flip of the servers' firewall group (refused)",
    apply: (ctx) => setConfig(ctx, `${link}.peer.ownership.firewallGroup`, "own"),
    expect: "refused",
    refusal: /ownership\.firewallGroup/,
    revert: (ctx) => setConfig(ctx, `${link}.peer.ownership.firewallGroup`, "adopt"),
  },
];

/**
 * The Istio base every revision of a cluster shares (its CRDs and istio-reader-service-account):
 * each install applies it with its own revision's labels, the other team's mesh included, and no
 * uninstall removes it (istio release-1.29 manifests/charts/base; `istioctl uninstall --revision`
 * keeps base). Compared by the mesh checks instead (no pod runs a proxy whose istiod is gone).
 */
const istioBase = (key: string) =>
  /^apiextensions\.k8s\.io\/CustomResourceDefinition [a-z]+\.[a-z.]*istio\.io$/.test(key) ||
  key === "v1/ServiceAccount istio-system/istio-reader-service-account";

/**
 * `dev`: the bare-metal cluster (an existing local API server the stack adopts, with an older mesh
 * revision another team uses) and GKE (the local API server the GKE stand-in points at), NIFCLOUD
 * through its API stand-in seeded with the servers' LAN and firewall group, the mesh tools and
 * Istio's injection on the local clusters.
 */
export const dev: Scenario = {
  stack: "dev",
  roles: { anthos: 6, gke: 7 },
  changes,
  ignore: (place, key) => (place === "anthos" && (clusterMade(key) || istioBase(key))) || (place === "gcp" && gcpKeptByDesign(key)),
  async start(home: string, clusters: Readonly<Record<string, LocalCluster>>): Promise<World> {
    const config = stackValues("dev") as Record<string, any>;
    const peer = config.vpnLinks[0].peer;
    const gcpNetwork = config.networks.find((n: any) => n.name === config.vpnLinks[0].gcpNetwork);
    const anthosIndex = (config.clusters as any[]).findIndex((c) => c.platform === "existing");
    const anthosApi = config.clusters[anthosIndex].existing.apiServer as string;
    writeWorld(
      path.join(home, "world.json"),
      // The bare-metal API server is known on its LAN (and to GKE's remote secret) by its LAN address.
      { ...clusters, anthos: { ...clusters.anthos, aliases: [anthosApi] } },
      {
        // What the runbook has the user add to every server before the install: GCP's ranges via the VPN gateway.
        nodeRoutes: { anthos: [gcpNetwork.nodeCidr, gcpNetwork.podCidr, gcpNetwork.serviceCidr].map((to: string) => ({ to, via: peer.gatewayPrivateIp })) },
        defaultVia: { anthos: "192.0.2.1" },
      },
    );
    const nifcloud = await startNifcloud(home, ACCESS_KEY_ID, JSON.parse(fs.readFileSync(NIFCLOUD_SEED, "utf8")));
    startInjector(home);
    const env = meshToolsEnv(home, process.env);
    // Google's release bucket as asm-install.sh reads it: asmcli builds with their checksums, signed tarballs.
    const releases = asmReleases(home, [INSTALL_RELEASE, UPGRADE_RELEASE, FOREIGN_BUILD]);
    seedForeignMesh(home, clusters.anthos, env, releases);
    return {
      home,
      clusters,
      env: {
        ...releases,
        MESH_TOOLS_CACHE: path.join(home, "istioctl"),
        POLL_SECONDS: "0.5",
        MESH_WAIT_SECONDS: "180",
        REHEARSAL_NIFCLOUD_URL: nifcloud.url,
        AWS_CA_BUNDLE: nifcloud.caBundle,
      },
      edits: {
        [`${link}.peer.endpointUrl`]: nifcloud.url,
        [`${link}.peer.pollSeconds`]: "1",
        // The cluster already runs another team's mesh: istio-system exists, and the runbook has the user adopt it.
        [`clusters[${anthosIndex}].existing.adoptNamespaces[0]`]: "istio-system",
      },
      secrets: {
        nifcloudAccessKeyId: ACCESS_KEY_ID,
        nifcloudSecretAccessKey: "rehearsal-secret-access-key-0123456789",
        anthosKubeconfig: fs.readFileSync(clusters.anthos.kubeconfig, "utf8"),
      },
      snapshot: async () => ({
        nifcloud: nifcloudObjects(await nifcloud.state()),
        gcp: gcpObjects(home),
        anthos: clusterInventory(clusters.anthos),
      }),
      afterStep: () => Promise.resolve(detached(home)),
      stop: () => {
        nifcloud.stop();
        stopInjector(home);
        return Promise.resolve();
      },
    };
  },
};

function detached(home: string): Finding[] {
  return detachedProxies(home).map((line) => ({ check: "proxies", message: `${line}: a proxy whose control plane is gone` }));
}

/** The sleep pod's answers in a cluster (for a change's own checks). */
export function podsOf(cluster: LocalCluster, namespace: string): Record<string, any>[] {
  return (JSON.parse(kubectl(cluster, ["-n", namespace, "get", "pods", "-o", "json"])) as { items: Record<string, any>[] }).items;
}
