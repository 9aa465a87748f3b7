/**
 * The gcp stand-in against its state file: ids and addresses as the provider returns them, the
 * GKE endpoint on the run's local API server, and Compute Engine's refusals, each in the log.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GcpStandIn, PROJECT_NUMBER } from "../../../../../../rehearsal/plugins/clouds/gcp/provider";
import { readOperations } from "../../../../../../rehearsal/lib/operations";
import { secret } from "../../../../../../rehearsal/plugins/clouds/shared/values";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "gcp-standin-"));
const urn = (type: string, name: string) => `urn:pulumi:dev::multicloud-mesh::${type}::${name}`;
const NET = "gcp:compute/network:Network";
const gcp = new GcpStandIn("9.37.0+rehearsal");
const log = () => readOperations(path.join(home, "operations.jsonl"));

beforeAll(() => {
  process.env.REHEARSAL_HOME = home;
  process.env.REHEARSAL_TIME_SCALE = "100000";
  fs.writeFileSync(
    path.join(home, "world.json"),
    JSON.stringify({ clusters: { gke: { kubeconfig: "/k", server: "https://127.0.0.1:40123", caData: "Q0EtREFUQQ==", token: "gke-token" } } }),
  );
  gcp.configure({ project: "example-mesh-project", region: "asia-northeast1" }, {});
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

async function create(type: string, name: string, inputs: Record<string, unknown>) {
  const checked = await gcp.check(urn(type, name), {}, inputs);
  return gcp.create(urn(type, name), checked.inputs);
}

describe("a network, its firewall and the rules of deletion", () => {
  it("gives the network the provider's id and self link, and refuses a second network of that name", async () => {
    const net = await create(NET, "vpc", { name: "gke-ackone", autoCreateSubnetworks: false });
    expect(net.id).toBe("projects/example-mesh-project/global/networks/gke-ackone");
    expect(net.outs.selfLink).toBe("https://www.googleapis.com/compute/v1/projects/example-mesh-project/global/networks/gke-ackone");
    await expect(create(NET, "vpc-again", { name: "gke-ackone" })).rejects.toThrow(
      "googleapi: Error 409: The resource 'projects/example-mesh-project/global/networks/gke-ackone' already exists, alreadyExists",
    );
    expect(log().at(-1)).toMatchObject({ op: "create", ok: false, error: expect.stringContaining("alreadyExists") });
  });

  it("refuses to delete the network while a firewall names it, and keeps it", async () => {
    const fw = await create("gcp:compute/firewall:Firewall", "fw", {
      name: "gke-ackone-peer-icmp",
      network: "projects/example-mesh-project/global/networks/gke-ackone",
    });
    expect(log().at(-1)).toMatchObject({ op: "create", id: fw.id, refs: ["projects/example-mesh-project/global/networks/gke-ackone"], ok: true });
    await expect(gcp.delete("projects/example-mesh-project/global/networks/gke-ackone", urn(NET, "vpc"), {})).rejects.toThrow(
      "The network resource 'projects/example-mesh-project/global/networks/gke-ackone' is already being used by 'projects/example-mesh-project/global/firewalls/gke-ackone-peer-icmp', resourceInUseByAnotherResource",
    );
    expect((await gcp.read("projects/example-mesh-project/global/networks/gke-ackone", urn(NET, "vpc"), {})).id).toBeDefined();
    await gcp.delete(fw.id, urn("gcp:compute/firewall:Firewall", "fw"), {});
    await gcp.delete("projects/example-mesh-project/global/networks/gke-ackone", urn(NET, "vpc"), {});
    expect((await gcp.read("projects/example-mesh-project/global/networks/gke-ackone", urn(NET, "vpc"), {})).id).toBeUndefined();
    expect(
      log()
        .filter((o) => o.op === "delete")
        .map((o) => o.ok),
    ).toEqual([false, true, true]);
  });

  it("refuses a subnetwork in a network that does not exist", async () => {
    await expect(
      create("gcp:compute/subnetwork:Subnetwork", "sub", { name: "s", network: "projects/example-mesh-project/global/networks/none" }),
    ).rejects.toThrow("Error 404: The resource 'projects/example-mesh-project/global/networks/none' was not found");
  });
});

describe("HA VPN", () => {
  it("gives the gateway two interface addresses, refuses its delete while a tunnel uses it, and keeps the secret out of state and log", async () => {
    await create(NET, "vpc2", { name: "net2" });
    const gw = await create("gcp:compute/haVpnGateway:HaVpnGateway", "ha", {
      name: "ack-gke-ha",
      network: "projects/example-mesh-project/global/networks/net2",
    });
    const interfaces = gw.outs.vpnInterfaces as { id: number; ipAddress: string }[];
    expect(interfaces.map((i) => i.id)).toEqual([0, 1]);
    expect(new Set(interfaces.map((i) => i.ipAddress)).size).toBe(2);
    const router = await create("gcp:compute/router:Router", "router", {
      name: "ack-gke-ha-router",
      network: "projects/example-mesh-project/global/networks/net2",
      bgp: { asn: 65010 },
    });
    const ext = await create("gcp:compute/externalVpnGateway:ExternalVpnGateway", "ext", {
      name: "ack-gke-ext",
      redundancyType: "TWO_IPS_REDUNDANCY",
      interfaces: [
        { id: 0, ipAddress: "47.74.0.1" },
        { id: 1, ipAddress: "47.74.0.2" },
      ],
    });
    const tunnel = await create("gcp:compute/vPNTunnel:VPNTunnel", "tn1", {
      name: "ack-gke-tn1",
      vpnGateway: gw.id,
      vpnGatewayInterface: 1,
      peerExternalGateway: ext.id,
      peerExternalGatewayInterface: 1,
      router: router.id,
      sharedSecret: secret("psk-value-never-logged"),
    });
    expect(tunnel.outs.peerIp).toBe("47.74.0.2");
    expect(log().at(-1)!.refs).toEqual([gw.id, ext.id, router.id]);
    await expect(gcp.delete(gw.id, urn("gcp:compute/haVpnGateway:HaVpnGateway", "ha"), {})).rejects.toThrow("resourceInUseByAnotherResource");
    await expect(gcp.delete(router.id, urn("gcp:compute/router:Router", "router"), {})).rejects.toThrow("is already being used by");
    const files = fs.readFileSync(path.join(home, "clouds", "gcp.json"), "utf8") + fs.readFileSync(path.join(home, "operations.jsonl"), "utf8");
    expect(files).not.toContain("psk-value-never-logged");
  });
});

describe("GKE", () => {
  it("points the cluster at the local gke API server and refuses to destroy it with deletion protection on", async () => {
    await create(NET, "vpc3", { name: "net3" });
    const cluster = await create("gcp:container/cluster:Cluster", "gke", {
      name: "ackone-consumer-gke",
      location: "asia-northeast1-a",
      network: "projects/example-mesh-project/global/networks/net3",
      deletionProtection: true,
    });
    expect(cluster.id).toBe("projects/example-mesh-project/locations/asia-northeast1-a/clusters/ackone-consumer-gke");
    expect(cluster.outs).toMatchObject({ endpoint: "127.0.0.1:40123", masterAuth: { clusterCaCertificate: "Q0EtREFUQQ==" } });
    await expect(gcp.delete(cluster.id, urn("gcp:container/cluster:Cluster", "gke"), {})).rejects.toThrow("deletion_protection is set to true");
  });

  it("answers on the local API server on the private endpoint too, keeping the control-plane inputs", async () => {
    await create(NET, "vpc4", { name: "net4" });
    const cluster = await create("gcp:container/cluster:Cluster", "gke-private", {
      name: "private-gke",
      location: "asia-northeast1-a",
      network: "projects/example-mesh-project/global/networks/net4",
      privateClusterConfig: { enablePrivateEndpoint: true },
      masterAuthorizedNetworksConfig: { cidrBlocks: [], gcpPublicCidrsAccessEnabled: false },
      deletionProtection: false,
    });
    expect(cluster.outs).toMatchObject({
      endpoint: "127.0.0.1:40123",
      privateClusterConfig: { enablePrivateEndpoint: true, privateEndpoint: "127.0.0.1:40123" },
      masterAuthorizedNetworksConfig: { cidrBlocks: [], gcpPublicCidrsAccessEnabled: false },
    });
  });

  it("gives a service account its e-mail and member, grants it roles, and refuses a pool or a grant naming an account that does not exist", async () => {
    const SA = "gcp:serviceaccount/account:Account";
    const account = await create(SA, "node-sa", { accountId: "private-gke-nodes", project: "example-mesh-project", displayName: "Nodes" });
    const email = "private-gke-nodes@example-mesh-project.iam.gserviceaccount.com";
    expect(account.id).toBe(`projects/example-mesh-project/serviceAccounts/${email}`);
    expect(account.outs).toMatchObject({ email, member: `serviceAccount:${email}`, name: account.id });
    await expect(create(SA, "node-sa-again", { accountId: "private-gke-nodes", project: "example-mesh-project" })).rejects.toThrow(
      "Error 409: Service account private-gke-nodes already exists within project projects/example-mesh-project., alreadyExists",
    );
    const grant = await create("gcp:projects/iAMMember:IAMMember", "grant", {
      project: "example-mesh-project",
      role: "roles/logging.logWriter",
      member: `serviceAccount:${email}`,
    });
    expect(grant.id).toBe(`example-mesh-project/roles/logging.logWriter/serviceAccount:${email}`);
    expect(log().at(-1)).toMatchObject({ op: "create", refs: [account.id], ok: true });
    const pool = await create("gcp:container/nodePool:NodePool", "pool", {
      name: "private-gke-nodes",
      cluster: "projects/example-mesh-project/locations/asia-northeast1-a/clusters/private-gke",
      nodeConfig: { serviceAccount: email, tags: ["private-gke-nodes"] },
    });
    expect(log().at(-1)!.refs).toEqual(["projects/example-mesh-project/locations/asia-northeast1-a/clusters/private-gke", account.id]);
    const ghost = "serviceAccount:ghost-nodes@example-mesh-project.iam.gserviceaccount.com";
    await expect(
      create("gcp:projects/iAMMember:IAMMember", "ghost", { project: "example-mesh-project", role: "roles/monitoring.viewer", member: ghost }),
    ).rejects.toThrow("Service account ghost-nodes@example-mesh-project.iam.gserviceaccount.com does not exist");
    await expect(
      create("gcp:container/nodePool:NodePool", "ghost-pool", {
        name: "ghost",
        cluster: "projects/example-mesh-project/locations/asia-northeast1-a/clusters/private-gke",
        nodeConfig: { serviceAccount: "ghost-nodes@example-mesh-project.iam.gserviceaccount.com" },
      }),
    ).rejects.toThrow("was not found");
    await gcp.delete(pool.id, urn("gcp:container/nodePool:NodePool", "pool"), {});
  });

  it("answers getProject with the configured project and a fixed number", async () => {
    const answer = await gcp.invoke("gcp:organizations/getProject:getProject", {});
    expect(answer.outputs).toMatchObject({ projectId: "example-mesh-project", number: PROJECT_NUMBER });
    expect(log().at(-1)).toMatchObject({ op: "invoke", type: "gcp:organizations/getProject:getProject", ok: true });
  });
});
