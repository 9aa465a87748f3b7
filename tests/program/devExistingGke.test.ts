/**
 * `dev` as a stack created before GKE's control plane went private and its nodes got an account
 * of their own keeps both explicit for an `up` (docs/runbooks/dev.md, "Stacks deployed before
 * GKE's control plane went private"): its node pool stays as it is (Compute Engine's default
 * account), and its public endpoint stays on, open only to the range its runner leaves from.
 * Nothing of GKE is replaced, the Kubernetes provider learns the cluster's identity, and the VPN
 * peers already use the private endpoint.
 */
import { GKE_CLUSTER_ID, GKE_PRIVATE_ENDPOINT, GKE_PUBLIC_ENDPOINT } from "../helpers/fakeClouds";
import { plain } from "../helpers/mocks";
import { policyViolations } from "../helpers/policies";
import { ProgramRun } from "../helpers/programRun";
import { lostUrns, retiredUrns } from "../helpers/urnFixtures";

const RUNNER = { name: "ci-runner", cidr: "8.8.4.0/24" };
const run = new ProgramRun("dev", (v) => {
  v.clusters[0].gke.nodeServiceAccount = "compute-default";
  v.clusters[0].gke.authorizedNetworks = [RUNNER];
});
const { ofType, one, commandFor, env } = run;

beforeAll(async () => {
  await run.start();
});

it("keeps every recorded URN, the node pool's included", () => {
  expect(lostUrns(run)).toEqual([]);
  expect(retiredUrns(run)).toEqual([]);
});

it("keeps the node pool as it was (its name, Compute Engine's default account, the cloud-platform scope), adding only its network tag", () => {
  const pool = plain(one("gcp:container/nodePool:NodePool", "gke-nodes").inputs);
  expect(pool.name).toBe("nifc-anthosgke-cls-pool");
  expect(pool.nodeConfig).toEqual({
    machineType: "e2-standard-4",
    oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
    workloadMetadataConfig: { mode: "GKE_METADATA" },
    tags: ["nifc-anthosgke-cls-nodes"],
  });
  expect(ofType("gcp:serviceaccount/account:Account")).toEqual([]);
  expect(ofType("gcp:projects/iAMMember:IAMMember")).toEqual([]);
});

it("opens the public endpoint to the named range only, with no Google Cloud address let in", () => {
  expect(plain(one("gcp:container/cluster:Cluster", "gke-cluster").inputs)).toMatchObject({
    privateClusterConfig: { enablePrivateEndpoint: false },
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ displayName: "ci-runner", cidrBlock: "8.8.4.0/24" }], gcpPublicCidrsAccessEnabled: false },
  });
  expect(policyViolations(run.recorded, { lifecycle: "ephemeral" })).toEqual([]);
});

it("names the public endpoint in Pulumi's kubeconfig, and the private one in the bare-metal istiod's remote secret and prerequisite check", async () => {
  const kubeconfigs = await new Promise<Record<string, string>>((resolve) => run.program.gkeKubeconfigs.apply(resolve));
  expect(JSON.parse(kubeconfigs.gke).clusters[0].cluster.server).toBe(`https://${GKE_PUBLIC_ENDPOINT}`);
  const secret = ofType("kubernetes:core/v1:Secret").find((r) => r.name === "remote-secrets-gke-in-anthos")!;
  expect(JSON.parse(plain(secret.inputs.stringData)[GKE_CLUSTER_ID]).clusters[0].cluster.server).toBe(`https://${GKE_PRIVATE_ENDPOINT}`);
  expect(env(commandFor("mesh/baremetal-prereqs.sh")[0]).PREREQ_TARGETS).toBe(`${GKE_PRIVATE_ENDPOINT}:443`);
});
