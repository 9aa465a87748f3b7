/**
 * The whole `dev` program (NIFCLOUD + GKE) under mocks: every resource with the seed's values,
 * every sensitive value secret, the NIFCLOUD scripts fed what the API expects.
 */
import * as pulumi from "@pulumi/pulumi";
import { scriptCommandLine } from "../../lib/scriptCommandLine";
import { GCP_VPN_IP, GKE_CLUSTER_ID, GKE_PRIVATE_ENDPOINT, NIFCLOUD_VPN_IP } from "../helpers/fakeClouds";
import { policyViolations } from "../helpers/policies";
import { Recorded, isSecretValue, plain, promiseOf } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";
import { lostUrns, retiredUrns } from "../helpers/urnFixtures";

const run = new ProgramRun("dev");
const { ofType, one, commandFor, env } = run;
let recorded: Recorded[];
let duplicates: string[];
let program: { gkeKubeconfigs: pulumi.Output<unknown>; verification: pulumi.Output<unknown> };

beforeAll(async () => {
  await run.start();
  ({ recorded, duplicates } = run);
  program = run.program as typeof program;
});

it.each(["dev", "dev.2"])("keeps every URN of recording %s (registered again or aliased), so no cloud resource is replaced", (fixture) => {
  expect(run.registrations.length).toBeGreaterThan(40);
  expect(lostUrns(run, fixture)).toEqual([]);
});

it("retires only the node pool of Compute Engine's default account, whose successor is registered", () => {
  expect(retiredUrns(run)).toEqual(["urn:pulumi:dev::multicloud-mesh::multicloud-mesh:gke:GkeCluster$gcp:container/nodePool:NodePool::gke-nodes"]);
  expect(one("gcp:container/nodePool:NodePool", "gke-node-pool").inputs.name).toBe("nifc-anthosgke-cls-nodes");
});

it("registers no two resources with one type and name", () => {
  expect(duplicates).toEqual([]);
  expect(recorded.length).toBeGreaterThan(60);
});

describe("GCP network", () => {
  it("is a custom-mode VPC with a VPC-native subnet", () => {
    expect(one("gcp:compute/network:Network", "anthos-hybrid-vpc").inputs).toMatchObject({ name: "anthos-hybrid", autoCreateSubnetworks: false });
    expect(one("gcp:compute/subnetwork:Subnetwork", "anthos-hybrid-subnet").inputs).toMatchObject({
      ipCidrRange: "10.128.0.0/20",
      region: "us-central1",
      secondaryIpRanges: [
        { rangeName: "anthos-hybrid-pods", ipCidrRange: "10.132.0.0/14" },
        { rangeName: "anthos-hybrid-services", ipCidrRange: "10.136.0.0/20" },
      ],
    });
  });
  it("admits only the NIFCLOUD LAN, only on the east-west gateway's 15443 and 15021 of the GKE nodes, and ICMP; no health-check rule (GKE makes its own for 10256)", () => {
    const rules = ofType("gcp:compute/firewall:Firewall");
    expect(rules.map((r) => r.inputs.name).sort()).toEqual(["anthos-hybrid-peer-icmp", "anthos-hybrid-peer-mesh"]);
    const mesh = rules.find((r) => r.inputs.name === "anthos-hybrid-peer-mesh")!;
    expect(mesh.inputs.sourceRanges).toEqual(["172.16.232.0/24"]);
    expect(mesh.inputs.allows).toEqual([{ protocol: "tcp", ports: ["15443", "15021"] }]);
    expect(mesh.inputs.targetTags).toEqual(["nifc-anthosgke-cls-nodes"]);
    expect(one("gcp:container/nodePool:NodePool", "gke-node-pool").inputs.nodeConfig.tags).toEqual(["nifc-anthosgke-cls-nodes"]);
    rules.forEach((r) => expect(r.inputs.sourceRanges).not.toContain("0.0.0.0/0"));
  });
});

describe("NIFCLOUD-GCP link, GCP side", () => {
  it("builds the classic route-based Cloud VPN with the seed's names", () => {
    const gateway = one("gcp:compute/vPNGateway:VPNGateway", "nifc-anthos-gcp-gw");
    expect(gateway.inputs).toMatchObject({ name: "nifc-anthos-vpn", region: "us-central1" });
    const rules = ofType("gcp:compute/forwardingRule:ForwardingRule");
    expect(rules.map((r) => [r.inputs.ipProtocol, r.inputs.portRange ?? null])).toEqual([
      ["ESP", null],
      ["UDP", "500"],
      ["UDP", "4500"],
    ]);
    rules.forEach((r) => expect(r.inputs).toMatchObject({ ipAddress: GCP_VPN_IP, target: "nifc-anthos-gcp-gw-id" }));
  });
  it("points the tunnel at the NIFCLOUD gateway's global IP with IKEv2 / AES256 / SHA256 / group 14", () => {
    const tunnel = one("gcp:compute/vPNTunnel:VPNTunnel", "nifc-anthos-gcp-tunnel");
    expect(plain(tunnel.inputs)).toMatchObject({
      name: "nif-anthos-tn",
      peerIp: NIFCLOUD_VPN_IP,
      ikeVersion: 2,
      localTrafficSelectors: ["0.0.0.0/0"],
      remoteTrafficSelectors: ["0.0.0.0/0"],
      cipherSuite: { phase1: { encryptions: ["AES-CBC-256"], dhs: ["Group-14"] }, phase2: { pfs: ["Group-14"] } },
    });
    expect(isSecretValue(tunnel.inputs.sharedSecret)).toBe(true);
    const route = one("gcp:compute/route:Route", "nifc-anthos-gcp-route-0");
    expect(route.inputs).toMatchObject({ destRange: "172.16.232.0/24", nextHopVpnTunnel: "nifc-anthos-gcp-tunnel-id" });
  });
  it("generates one alphanumeric pre-shared key of at most 64 characters", () => {
    const [psk] = ofType("random:index/randomPassword:RandomPassword");
    expect(psk.inputs).toMatchObject({ length: 64, special: false });
    const tunnelKey = plain(one("gcp:compute/vPNTunnel:VPNTunnel", "nifc-anthos-gcp-tunnel").inputs.sharedSecret);
    expect(env(commandFor("nifcloud/vpn-connection.sh")[0]).PRE_SHARED_KEY).toBe(tunnelKey);
    expect(tunnelKey).toMatch(/^[A-Za-z0-9]{1,64}$/);
  });
});

describe("NIFCLOUD side through the nifcloud CLI", () => {
  it("runs one script per resource, in the API's order", () => {
    for (const script of ["firewall-group", "private-lan", "vpn-gateway", "customer-gateway", "vpn-connection"]) {
      const [cmd] = commandFor(`nifcloud/${script}.sh`);
      expect(cmd.inputs).toMatchObject({
        create: scriptCommandLine(`nifcloud/${script}.sh`, "create"),
        update: scriptCommandLine(`nifcloud/${script}.sh`, "update"),
        delete: scriptCommandLine(`nifcloud/${script}.sh`, "delete"),
      });
      expect(env(cmd)).toMatchObject({
        NIFCLOUD_REGION: "jp-east-1",
        NIFCLOUD_ACCESS_KEY_ID: "AKIDEXAMPLE",
        NIFCLOUD_POLL_SECONDS: "20",
        NIFCLOUD_OWNER_MARK: "multicloud-mesh/dev",
        NIFCLOUD_PEER_KEY: "vpnLinks[0].peer",
      });
      // Neither credentials, ownership nor the group name is a trigger: changing them is an update.
      expect(JSON.stringify(plain(cmd.inputs.triggers) ?? [])).not.toMatch(/FWNIFC|AKIDEXAMPLE|secret-access-key-example|"own"|"adopt"/);
      // A secret value inside the map makes the whole environment secret in state.
      expect(isSecretValue(cmd.inputs.environment)).toBe(true);
    }
  });
  it("opens the firewall group to Cloud VPN's address for IPsec", () => {
    const rules = JSON.parse(env(commandFor("nifcloud/firewall-group.sh")[0]).FW_RULES);
    expect(rules.slice(0, 3)).toEqual([
      expect.objectContaining({ IpProtocol: "UDP", FromPort: 500, ListOfRequestIpRanges: [{ CidrIp: `${GCP_VPN_IP}/32` }] }),
      expect.objectContaining({ IpProtocol: "UDP", FromPort: 4500, ListOfRequestIpRanges: [{ CidrIp: `${GCP_VPN_IP}/32` }] }),
      expect.objectContaining({ IpProtocol: "ESP", ListOfRequestIpRanges: [{ CidrIp: `${GCP_VPN_IP}/32` }] }),
    ]);
  });
  it("feeds each step the IDs of the one before", () => {
    expect(env(commandFor("nifcloud/private-lan.sh")[0])).toMatchObject({
      LAN_NETWORK_ID: "net-0a1b2c3d",
      LAN_OWNERSHIP: "adopt",
      LAN_CIDR: "172.16.232.0/24",
      LAN_ZONE: "east-11",
    });
    expect(env(commandFor("nifcloud/private-lan.sh")[0])).not.toHaveProperty("LAN_CREATE");
    expect(env(commandFor("nifcloud/private-lan.sh")[0])).not.toHaveProperty("LAN_NAME");
    expect(env(commandFor("nifcloud/firewall-group.sh")[0])).toMatchObject({ FW_NAME: "FWNIFC", FW_OWNERSHIP: "adopt", FW_GATEWAY_NAME: "NifcAnthosVpn" });
    expect(env(commandFor("nifcloud/vpn-gateway.sh")[0])).toMatchObject({
      GW_NAME: "NifcAnthosVpn",
      GW_OWNERSHIP: "own",
      GW_TYPE: "small",
      GW_NETWORK_ID: "net-0a1b2c3d",
      GW_PRIVATE_IP: "172.16.232.2",
      GW_FIREWALL_GROUP: "FWNIFC",
    });
    expect(env(commandFor("nifcloud/customer-gateway.sh")[0])).toMatchObject({
      CGW_NAME: "VPNCGW",
      CGW_OWNERSHIP: "own",
      CGW_PEER_IP: GCP_VPN_IP,
      CGW_TYPE: "IPsec VTI",
      CGW_LAN_CIDR: "10.128.0.0/12",
    });
    const connection = env(commandFor("nifcloud/vpn-connection.sh")[0]);
    expect(connection).toMatchObject({ CONN_GATEWAY_ID: "vpngw-11", CONN_CUSTOMER_GATEWAY_ID: "cgw-22", CONN_TYPE: "IPsec VTI" });
    expect(JSON.parse(connection.CONN_IPSEC)).toEqual({
      EncryptionAlgorithm: "AES256",
      HashAlgorithm: "SHA256",
      InternetKeyExchange: "IKEv2",
      DiffieHellmanGroup: 14,
      InternetKeyExchangeLifetime: 28800,
      EncapsulatingSecurityPayloadLifetime: 3600,
    });
  });
  it("replaces the connection, never updates it in place, when the gateway or the customer gateway it joins is a new one", () => {
    const [cmd] = commandFor("nifcloud/vpn-connection.sh");
    const registration = run.registrations.find((r) => r.type === "command:local:Command" && r.name === cmd.name)!;
    expect(registration.replaceOnChanges).toContain("environment");
    expect(env(cmd)).toMatchObject({ CONN_GATEWAY_ID: "vpngw-11", CONN_CUSTOMER_GATEWAY_ID: "cgw-22" });
  });
  it("keeps the pre-shared key secret in the connection's inputs", () => {
    const [cmd] = commandFor("nifcloud/vpn-connection.sh");
    expect(isSecretValue(cmd.inputs.environment)).toBe(true);
    expect(isSecretValue(cmd.inputs.triggers)).toBe(true);
  });
});

describe("GKE cluster", () => {
  it("is VPC-native with Workload Identity, a release channel, the mesh_id label and no deletion protection in dev", () => {
    expect(plain(one("gcp:container/cluster:Cluster", "gke-cluster").inputs)).toMatchObject({
      name: "nifc-anthosgke-cls",
      location: "us-central1-c",
      networkingMode: "VPC_NATIVE",
      ipAllocationPolicy: { clusterSecondaryRangeName: "anthos-hybrid-pods", servicesSecondaryRangeName: "anthos-hybrid-services" },
      workloadIdentityConfig: { workloadPool: "example-mesh-project.svc.id.goog" },
      releaseChannel: { channel: "REGULAR" },
      resourceLabels: { mesh_id: "proj-123456789012" },
      deletionProtection: false,
      removeDefaultNodePool: true,
    });
    expect(one("gcp:container/nodePool:NodePool", "gke-node-pool").inputs).toMatchObject({ nodeCount: 3, nodeConfig: { machineType: "e2-standard-4" } });
  });
  it("answers only on its private endpoint: no public endpoint, authorized networks on, no Google Cloud address let in", () => {
    expect(plain(one("gcp:container/cluster:Cluster", "gke-cluster").inputs)).toMatchObject({
      privateClusterConfig: { enablePrivateEndpoint: true },
      masterAuthorizedNetworksConfig: { cidrBlocks: [], gcpPublicCidrsAccessEnabled: false },
    });
    // Nothing that would replace the cluster (ForceNew in private_cluster_config).
    const config = plain(one("gcp:container/cluster:Cluster", "gke-cluster").inputs).privateClusterConfig;
    expect(config).not.toHaveProperty("masterIpv4CidrBlock");
    expect(config).not.toHaveProperty("privateEndpointSubnetwork");
  });
  it("runs its nodes as a service account of their own with the least roles, not Compute Engine's default account", () => {
    const account = one("gcp:serviceaccount/account:Account", "gke-node-sa").inputs;
    expect(account).toMatchObject({ project: "example-mesh-project", accountId: "nifc-anthosgke-cls-nodes" });
    const email = "nifc-anthosgke-cls-nodes@example-mesh-project.iam.gserviceaccount.com";
    const grants = ofType("gcp:projects/iAMMember:IAMMember").map((r) => plain(r.inputs));
    expect(grants.map((g) => g.role).sort()).toEqual([
      "roles/artifactregistry.reader",
      "roles/logging.logWriter",
      "roles/monitoring.metricWriter",
      "roles/monitoring.viewer",
      "roles/stackdriver.resourceMetadata.writer",
    ]);
    grants.forEach((g) => expect(g).toEqual({ project: "example-mesh-project", role: g.role, member: `serviceAccount:${email}` }));
    expect(plain(one("gcp:container/nodePool:NodePool", "gke-node-pool").inputs).nodeConfig).toMatchObject({
      serviceAccount: email,
      oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
    });
    // The pool waits for the roles: its nodes log and pull from their start.
    const pool = run.registrations.find((r) => r.name === "gke-node-pool")!;
    const grantUrns = run.registrations.filter((r) => r.type === "gcp:projects/iAMMember:IAMMember").map((r) => r.urn);
    expect(grantUrns).toHaveLength(5);
    grantUrns.forEach((urn) => expect(pool.dependencies).toContain(urn));
  });
  it("names its Kubernetes provider's cluster, so a move between its endpoints replaces no object", () => {
    expect(one("pulumi:providers:kubernetes", "gke-k8s").inputs.clusterIdentifier).toBe("gke-cluster-id");
  });
  it("is reached over the VPN from the servers' LAN: its Kubernetes provider waits for the tunnel", () => {
    const provider = run.registrations.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === "gke-k8s")!;
    expect(provider.dependencies).toContainEqual(expect.stringMatching(/::nifc-anthos-gcp-tunnel$/));
  });
  it("is registered in the fleet", () => {
    expect(one("gcp:gkehub/membership:Membership", "gke-fleet").inputs).toMatchObject({ membershipId: "nifc-anthosgke-cls", location: "global" });
  });
  it("exports its kubeconfig as a secret only", async () => {
    expect(pulumi.Output.isInstance(program.gkeKubeconfigs)).toBe(true);
    expect(await (program.gkeKubeconfigs as any).isSecret).toBe(true);
  });
});

describe("mesh on every cluster", () => {
  it("labels istio-system with a distinct network per cluster", () => {
    const labels = ofType("kubernetes:core/v1:Namespace")
      .filter((r) => r.inputs.metadata.name === "istio-system")
      .map((r) => r.inputs.metadata.labels["topology.istio.io/network"]);
    expect(labels.sort()).toEqual(["example-mesh-project-anthos-hybrid", "nifclan"]);
  });
  it("labels the gateway and workload namespaces with the revision, never istio-injection", () => {
    const revisioned = ofType("kubernetes:core/v1:Namespace").filter((r) => r.inputs.metadata.name !== "istio-system");
    expect(revisioned.map((r) => r.inputs.metadata.name).sort()).toEqual(["nifc-gateway", "nifc-gateway", "sample", "sample"]);
    revisioned.forEach((r) => expect(r.inputs.metadata.labels).toEqual({ "istio.io/rev": "asm-1290-1" }));
  });
  it("installs ASM with asmcli: multicloud with a kubeconfig off GCP, the GKE flags on GKE", () => {
    const installs = commandFor("mesh/asm-install.sh").map(env);
    expect(installs).toHaveLength(2);
    expect(installs.find((e) => e.ASM_PLATFORM === "gke")).toMatchObject({
      ASM_PROJECT_ID: "example-mesh-project",
      ASM_CLUSTER_NAME: "nifc-anthosgke-cls",
      ASM_CLUSTER_LOCATION: "us-central1-c",
      ASM_FLEET_ID: "example-mesh-project",
      ASM_CA: "mesh_ca",
      MESH_REVISION: "asm-1290-1",
      ASM_RELEASE: "1.29.0-asm.1+config1",
      ASM_NETWORK_ID: "example-mesh-project-anthos-hybrid",
    });
    expect(installs.find((e) => e.ASM_PLATFORM === "multicloud")).toMatchObject({
      ASM_FLEET_ID: "example-mesh-project",
      ASM_CA: "mesh_ca",
      MESH_REVISION: "asm-1290-1",
      ASM_NETWORK_ID: "nifclan",
    });
    installs.forEach((e) => expect(e).not.toHaveProperty("ISTIOCTL"));
    commandFor("mesh/asm-install.sh").forEach((c) => expect(isSecretValue(c.inputs.environment)).toBe(true));
  });
  it("installs an east-west gateway per cluster from the rendered IstioOperator", () => {
    const operators = commandFor("mesh/eastwest-gateway.sh").map((c) => JSON.parse(env(c).ISTIO_OPERATOR));
    expect(operators.map((o) => o.spec.values.global.network).sort()).toEqual(["example-mesh-project-anthos-hybrid", "nifclan"]);
    commandFor("mesh/eastwest-gateway.sh").forEach((c) => expect(env(c)).not.toHaveProperty("ISTIOCTL"));
    operators.forEach((o) => expect(o.spec.revision).toBe("asm-1290-1"));
    const metal = operators.find((o) => o.spec.values.global.network === "nifclan");
    expect(metal.spec.components.ingressGateways[0].k8s.service.loadBalancerIP).toBe("172.16.232.122");
  });
  it("creates the cross-network Gateway in each cluster", () => {
    const gateways = ofType("kubernetes:networking.istio.io/v1alpha3:Gateway");
    expect(gateways).toHaveLength(2);
    gateways.forEach((g) => expect(g.inputs.spec.servers[0]).toMatchObject({ port: { number: 15443 }, tls: { mode: "AUTO_PASSTHROUGH" }, hosts: ["*.local"] }));
  });
  it("creates remote secrets both ways, each in the other cluster, secret, keyed by the source's istiod cluster id", () => {
    const ids: Record<string, string> = { anthos: "cn-example-mesh-project-global-nifc-anthosbm-cls", gke: GKE_CLUSTER_ID };
    const secrets = ofType("kubernetes:core/v1:Secret").filter((r) => r.inputs.metadata?.labels?.["istio/multiCluster"] === "true");
    expect(secrets.map((s) => s.name).sort()).toEqual(["remote-secrets-anthos-in-gke", "remote-secrets-gke-in-anthos"]);
    for (const s of secrets) {
      expect(isSecretValue(s.inputs.stringData)).toBe(true);
      const source = s.name.split("-")[2];
      const kubeconfig = JSON.parse(plain(s.inputs.stringData)[ids[source]]);
      expect(kubeconfig.users[0].user.token).toBe(`token-of-remote-secrets-${source}-reader-token`);
    }
    const anthos = JSON.parse(plain(secrets.find((s) => s.name === "remote-secrets-anthos-in-gke")!.inputs.stringData)[ids.anthos]);
    expect(anthos.clusters[0].cluster.server).toBe("https://172.16.232.10:443");
    const gke = JSON.parse(plain(secrets.find((s) => s.name === "remote-secrets-gke-in-anthos")!.inputs.stringData)[ids.gke]);
    // The bare-metal istiod reads GKE over the VPN, on its private endpoint.
    expect(gke.clusters[0].cluster.server).toBe(`https://${GKE_PRIVATE_ENDPOINT}`);
  });
});

describe("verification", () => {
  it("runs helloworld v1 on NIFCLOUD, v2 on GKE, sleep in both", () => {
    const deployments = ofType("kubernetes:apps/v1:Deployment")
      .map((d) => d.name)
      .sort();
    expect(deployments).toEqual(["verify-anthos-helloworld-v1", "verify-anthos-sleep", "verify-gke-helloworld-v2", "verify-gke-sleep"]);
  });
  it("reports both versions from each side, and remote endpoints through the gateways", async () => {
    expect(await promiseOf(program.verification)).toMatchObject({
      probed: true,
      answers: { anthos: { v1: 6, v2: 4 }, gke: { v1: 5, v2: 5 } },
      allVersionsEverywhere: true,
      remoteViaGateway: true,
      endpoints: { anthos: { viaGateway: ["10.128.0.23:15443"] }, gke: { viaGateway: ["172.16.232.122:15443"] } },
    });
  });
  it("tells the probe every cluster's east-west gateway and the revision", () => {
    const probe = env(commandFor("mesh/probe.sh")[0]);
    expect(JSON.parse(probe.PROBE_GATEWAYS)).toEqual({ gke: "10.128.0.23", anthos: "172.16.232.122" });
    expect(probe).toMatchObject({ MESH_REVISION: "asm-1290-1", PROBE_NAMESPACE: "sample", PROBE_REQUESTS: "10" });
  });
});

describe("policy pack", () => {
  it("finds nothing to report on this ephemeral stack, and flags its unprotected GKE cluster if it were persistent", () => {
    expect(policyViolations(recorded, { lifecycle: "ephemeral" })).toEqual([]);
    expect(policyViolations(recorded, { lifecycle: "persistent" })).toEqual([expect.stringContaining("has deletionProtection off in a persistent stack")]);
  });
});

describe("order and providers", () => {
  const registration = (name: string) => {
    const found = run.registrations.filter((r) => r.name === name);
    expect(found.map((r) => r.name)).toEqual([name]);
    return found[0];
  };
  const waitsFor = (name: string, dependency: string) => (registration(name).dependencies ?? []).some((urn) => urn.endsWith(`::${dependency}`));

  it("installs the mesh on GKE only once the cluster is a fleet member", () => {
    expect(waitsFor("gke-asm", "gke-fleet")).toBe(true);
  });
  it("checks the bare-metal prerequisites after the VPN, and installs the mesh there only after them", () => {
    expect(env(commandFor("mesh/baremetal-prereqs.sh")[0])).toMatchObject({
      PREREQ_GCP_RANGES: "10.128.0.0/20 10.132.0.0/14 10.136.0.0/20",
      PREREQ_VPN_GATEWAY_IP: "172.16.232.2",
      PREREQ_FIREWALL_GROUP: "FWNIFC",
    });
    expect(commandFor("mesh/baremetal-prereqs.sh")).toHaveLength(1);
    for (const vpn of ["nifc-anthos-peer-connection-run", "nifc-anthos-gcp-tunnel"]) expect(waitsFor("anthos-prereqs-nifc-anthos", vpn)).toBe(true);
    expect(waitsFor("anthos-asm", "anthos-prereqs-nifc-anthos-check-run")).toBe(true);
    expect(waitsFor("gke-asm", "anthos-prereqs-nifc-anthos-check-run")).toBe(false);
  });
  it("moves workloads by canary only after the install, the gateway and the namespaces", () => {
    for (const cluster of ["gke", "anthos"]) {
      for (const before of [`${cluster}-asm-asmcli-run`, `${cluster}-eastwest-istioctl-run`, `${cluster}-mesh-ns-sample`])
        expect(waitsFor(`${cluster}-canary`, before)).toBe(true);
    }
  });
  it("labels namespaces with the revision only once its control plane runs, and istio-system's network before the install", () => {
    for (const cluster of ["gke", "anthos"]) {
      for (const ns of ["sample", "nifc-gateway"]) expect(waitsFor(`${cluster}-mesh-ns-${ns}`, `${cluster}-asm-asmcli-run`)).toBe(true);
      expect(waitsFor(`${cluster}-mesh-ns-istio-system`, `${cluster}-asm-asmcli-run`)).toBe(false);
      expect(waitsFor(`${cluster}-asm`, `${cluster}-mesh-ns-istio-system`)).toBe(true);
    }
  });
  it("gives the namespaces and cross-network Gateways their cluster's provider through resource options", () => {
    for (const cluster of ["gke", "anthos"]) {
      for (const name of [`${cluster}-mesh-ns-istio-system`, `${cluster}-mesh-ns-sample`, `${cluster}-cross-network-gateway`])
        expect(registration(name).provider).toContain(`::${cluster}-k8s::`);
    }
  });
});
