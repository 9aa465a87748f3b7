/**
 * The whole `ack-dev` program (Alibaba Cloud + GKE, ACK One multi-cluster services) under mocks,
 * as a new account builds it: ACS, dual-tunnel HA VPN with BGP, PropagationPolicy and
 * MultiClusterService through the hub. Every resource against seed 001's values, every
 * sensitive value secret, the destroy order by dependencies.
 */
import * as pulumi from "@pulumi/pulumi";
import { ACS_ID, ALIBABA_TUNNEL_IPS, GCP_HA_VPN_IPS, HUB_ID, REGISTERED_ID } from "../helpers/fakeClouds";
import { policyViolations } from "../helpers/policies";
import { Recorded, isSecretValue, plain, promiseOf } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";
import { ACK_SECRETS } from "../helpers/stackConfig";
import { lostUrns } from "../helpers/urnFixtures";

const run = new ProgramRun("ack-dev");
const { ofType, one, commandFor, env } = run;
/** Each resource's URN (as the mock engine gave it) by `type::name`, and what it depends on. */
const urnOf = (type: string, name: string): string => run.registrations.find((r) => r.type === type && r.name === name)!.urn;
const dependsOn = (type: string, name: string): readonly string[] => run.registrations.find((r) => r.type === type && r.name === name)!.dependencies ?? [];
/** Every URN a registration waits for before the engine creates it: its dependencies and its provider, transitively. */
function waitsFor(urn: string): Set<string> {
  const byUrn = new Map(run.registrations.map((r) => [r.urn, r]));
  const seen = new Set<string>();
  const next = [urn];
  while (next.length > 0) {
    const r = byUrn.get(next.pop()!);
    const provider = r?.provider ? [r.provider.slice(0, r.provider.lastIndexOf("::"))] : [];
    for (const u of [...(r?.dependencies ?? []), ...provider]) {
      if (seen.has(u)) continue;
      seen.add(u);
      next.push(u);
    }
  }
  return seen;
}
const COMMAND = "command:local:Command";
const runOf = (script: string): string => {
  const [cmd] = commandFor(script);
  expect(cmd).toBeDefined();
  return urnOf(COMMAND, cmd.name);
};
let recorded: Recorded[];
let duplicates: string[];
let program: Record<string, pulumi.Output<any>>;
const GKE_RANGES = ["10.146.0.0/20", "10.148.0.0/14", "10.152.0.0/20"];
const ALIBABA_RANGES = ["192.168.0.0/16", "172.21.0.0/20"];

beforeAll(async () => {
  await run.start();
  ({ recorded, duplicates } = run);
  program = run.program as typeof program;
});

it("keeps every URN of recording ack-dev.2 (registered again or aliased), so no cloud resource is replaced", () => {
  expect(lostUrns(run, "ack-dev.2")).toEqual([]);
});

it("is the file for a new account: an ACS cluster, no ASK; an existing ASK stack keeps its URNs (ackDevAsk.test.ts)", () => {
  expect(ofType("alicloud:cs/serverlessKubernetes:ServerlessKubernetes")).toEqual([]);
  expect(ofType("alicloud:cs/managedKubernetes:ManagedKubernetes").map((r) => r.name)).toEqual(["acs-cluster"]);
  expect(run.registrations.length).toBe(recorded.length);
});

it("registers no two resources with one type and name, and nothing of the mesh", () => {
  expect(duplicates).toEqual([]);
  expect(recorded.length).toBeGreaterThan(40);
  expect(commandFor("mesh/asm-install.sh")).toEqual([]);
  expect(ofType("kubernetes:networking.istio.io/v1alpha3:Gateway")).toEqual([]);
  expect(ofType("gcp:gkehub/membership:Membership")).toEqual([]);
});

describe("Alibaba network", () => {
  it("is a VPC with one vSwitch per zone", () => {
    expect(one("alicloud:vpc/network:Network", "ack-vpc-vpc").inputs).toMatchObject({ vpcName: "ack-vpc", cidrBlock: "192.168.0.0/16" });
    const switches = ofType("alicloud:vpc/switch:Switch").map((s) => plain(s.inputs));
    expect(switches.map((s) => [s.zoneId, s.cidrBlock])).toEqual([
      ["ap-northeast-1a", "192.168.1.0/24"],
      ["ap-northeast-1b", "192.168.2.0/24"],
    ]);
    switches.forEach((s) => expect(s.vpcId).toBe("ack-vpc-vpc-id"));
  });
  it("admits GKE's node, pod and service ranges into the ASK security group, nothing wider", () => {
    const rules = ofType("alicloud:ecs/securityGroupRule:SecurityGroupRule").map((r) => plain(r.inputs));
    expect(rules.map((r) => r.cidrIp).sort()).toEqual([...GKE_RANGES].sort());
    rules.forEach((r) => expect(r).toMatchObject({ type: "ingress", policy: "accept", securityGroupId: "ack-vpc-sg-id", nicType: "intranet" }));
  });
});

describe("dual-tunnel VPN (default: GCP HA VPN with BGP)", () => {
  const tunnels = () => ofType("gcp:compute/vPNTunnel:VPNTunnel").sort((a, b) => a.name.localeCompare(b.name));
  it("is a pay-as-you-go public gateway with both vSwitches and an accepted bandwidth", () => {
    expect(plain(one("alicloud:vpn/gateway:Gateway", "ack-gke-alibaba-gateway").inputs)).toMatchObject({
      vpnGatewayName: "ack-gke-vpn",
      paymentType: "PayAsYouGo",
      networkType: "public",
      bandwidth: 10,
      vpcId: "ack-vpc-vpc-id",
      vswitchId: "ack-vpc-ap-northeast-1a-id",
      disasterRecoveryVswitchId: "ack-vpc-ap-northeast-1b-id",
    });
  });
  it("builds one dual-tunnel connection, master and slave, each with its own secret key and the seed's crypto", () => {
    const connection = one("alicloud:vpn/connection:Connection", "ack-gke-alibaba-connection");
    expect(connection.inputs).toMatchObject({ vpnConnectionName: "ack-gke-ipsec", enableTunnelsBgp: true });
    expect(isSecretValue(connection.inputs.tunnelOptionsSpecifications)).toBe(true);
    const specs: any[] = plain(connection.inputs.tunnelOptionsSpecifications);
    expect(specs.map((t) => t.role)).toEqual(["master", "slave"]);
    specs.forEach((t) => expect(t.tunnelIkeConfig).toMatchObject({ ikeVersion: "ikev2", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14" }));
    expect(tunnels().map((t) => plain(t.inputs.sharedSecret))).toEqual(specs.map((t) => t.tunnelIkeConfig.psk));
  });
  it("has two paths: each Alibaba tunnel's own address (by its role in the connection) meets its own GCP tunnel from its own HA interface, with a BGP session each", () => {
    const external = plain(one("gcp:compute/externalVpnGateway:ExternalVpnGateway", "ack-gke-tunnels-ext").inputs);
    // Interface 0 meets the master tunnel (key psk-master), interface 1 the slave.
    expect(external.interfaces).toEqual([
      { id: 0, ipAddress: ALIBABA_TUNNEL_IPS.master },
      { id: 1, ipAddress: ALIBABA_TUNNEL_IPS.slave },
    ]);
    expect(dependsOn("gcp:compute/externalVpnGateway:ExternalVpnGateway", "ack-gke-tunnels-ext")).toContain(
      urnOf("alicloud:vpn/connection:Connection", "ack-gke-alibaba-connection"),
    );
    expect(tunnels().map((t) => [t.inputs.vpnGatewayInterface, t.inputs.peerExternalGatewayInterface])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    const peers = ofType("gcp:compute/routerPeer:RouterPeer").sort((a, b) => a.name.localeCompare(b.name));
    expect(peers.map((p) => plain(p.inputs.peerIpAddress))).toEqual(["169.254.10.2", "169.254.11.2"]);
    const customerGateways = ofType("alicloud:vpn/customerGateway:CustomerGateway").map((g) => plain(g.inputs));
    expect(customerGateways.map((g) => g.ipAddress)).toEqual(GCP_HA_VPN_IPS);
    expect(customerGateways.map((g) => g.customerGatewayName)).toEqual(["gcp-ack-gke-master", "gcp-ack-gke-slave"]);
  });
  it("makes GCP prefer the master tunnel for the Alibaba ranges (Alibaba runs its tunnels active/standby), the slave taking over when the master's session is down", () => {
    const peers = ofType("gcp:compute/routerPeer:RouterPeer")
      .map((p) => plain(p.inputs))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(peers.map((p) => p.name)).toEqual(["ack-gke-bgp0", "ack-gke-bgp1"]);
    for (const p of peers) expect(p.customLearnedIpRanges.map((r: { range: string }) => r.range).sort()).toEqual([...ALIBABA_RANGES].sort());
    expect(peers.map((p) => [p.customLearnedRoutePriority, p.zeroCustomLearnedRoutePriority ?? false])).toEqual([
      [0, true],
      [100, false],
    ]);
  });
  it("exports Alibaba's tunnel addresses by role", async () => {
    expect(await promiseOf(pulumi.output(program.peerVpnAddresses))).toEqual({ "ack-gke": [ALIBABA_TUNNEL_IPS.master, ALIBABA_TUNNEL_IPS.slave] });
  });
  it("keeps no single-tunnel object, no static selectors and no policy-based routes", () => {
    expect(ofType("alicloud:vpn/pbrRouteEntry:PbrRouteEntry")).toEqual([]);
    expect(ofType("gcp:compute/vPNGateway:VPNGateway")).toEqual([]);
    expect(ofType("gcp:compute/route:Route")).toEqual([]);
  });
  it("opens only ICMP on GCP to the Alibaba ranges: nothing there dials into GKE", () => {
    const rules = ofType("gcp:compute/firewall:Firewall");
    expect(rules.map((r) => r.inputs.name)).toEqual(["gke-ackone-peer-icmp"]);
    expect(rules[0].inputs.sourceRanges).toEqual([...ALIBABA_RANGES].sort());
  });
});

describe("clusters", () => {
  it("creates an ACS cluster (what a new account can create) in both vSwitches, with the network's service range and security group", () => {
    expect(plain(one("alicloud:cs/managedKubernetes:ManagedKubernetes", "acs-cluster").inputs)).toMatchObject({
      name: "ackone-provider-acs",
      profile: "Acs",
      vswitchIds: ["ack-vpc-ap-northeast-1a-id", "ack-vpc-ap-northeast-1b-id"],
      securityGroupId: "ack-vpc-sg-id",
      serviceCidr: "172.21.0.0/20",
      deletionProtection: false,
      slbInternetEnabled: false,
    });
  });
  it("never reaches the provider cluster's private API: no Kubernetes provider for it, nothing created in it directly", () => {
    expect(
      ofType("pulumi:providers:kubernetes")
        .map((p) => p.name)
        .sort(),
    ).toEqual(["ackone-k8s", "gke-k8s"]);
    expect(ofType("kubernetes:core/v1:Namespace").map((r) => r.name)).not.toContain("mcs-provider-ns");
  });
  it("hands provider-ns to the ACS cluster through the hub with a ClusterPropagationPolicy", () => {
    expect(plain(one("kubernetes:policy.one.alibabacloud.com/v1alpha1:ClusterPropagationPolicy", "mcs-distribute-namespace").inputs)).toMatchObject({
      metadata: { name: "namespace-provider-ns" },
      spec: {
        resourceSelectors: [{ apiVersion: "v1", kind: "Namespace", name: "provider-ns" }],
        placement: { clusterAffinity: { clusterNames: [ACS_ID] } },
      },
    });
  });
  it("creates GKE without the mesh label, in the GCP network", () => {
    const cluster = plain(one("gcp:container/cluster:Cluster", "gke-cluster").inputs);
    expect(cluster).toMatchObject({ name: "ackone-consumer-gke", location: "asia-northeast1-a", networkingMode: "VPC_NATIVE", deletionProtection: false });
    expect(cluster.resourceLabels).toBeUndefined();
  });
  it("keeps GKE's control plane private, and runs its nodes as their own least-privilege account", () => {
    expect(plain(one("gcp:container/cluster:Cluster", "gke-cluster").inputs)).toMatchObject({
      privateClusterConfig: { enablePrivateEndpoint: true },
      masterAuthorizedNetworksConfig: { cidrBlocks: [], gcpPublicCidrsAccessEnabled: false },
    });
    const email = "ackone-consumer-gke-nodes@example-mesh-project.iam.gserviceaccount.com";
    expect(plain(one("gcp:container/nodePool:NodePool", "gke-node-pool").inputs).nodeConfig).toMatchObject({
      serviceAccount: email,
      tags: ["ackone-consumer-gke-nodes"],
    });
    expect(ofType("gcp:projects/iAMMember:IAMMember").map((r) => plain(r.inputs).member)).toEqual(Array(5).fill(`serviceAccount:${email}`));
  });
});

describe("ACK One", () => {
  it("creates the hub in the VPC with Argo CD off, so that it can be deleted", () => {
    expect(plain(one("alicloud:ackone/cluster:Cluster", "ackone-hub").inputs)).toMatchObject({
      clusterName: "ackone-hub",
      argocdEnabled: false,
      network: { vpcId: "ack-vpc-vpc-id", vswitches: ["ack-vpc-ap-northeast-1a-id", "ack-vpc-ap-northeast-1b-id"] },
    });
  });
  it("fetches the hub kubeconfig by command, secret and unlogged", () => {
    const [cmd] = commandFor("ackone/hub-kubeconfig.sh");
    // The hub's API stays private unless the stack file asks otherwise (ackDevPublicHub.test.ts).
    expect(env(cmd)).toMatchObject({ HUB_CLUSTER_ID: HUB_ID, HUB_PRIVATE: "true", ALIBABA_CLOUD_REGION_ID: "ap-northeast-1" });
    expect(cmd.inputs.logging).toBe("stderr");
    const provider = one("pulumi:providers:kubernetes", "ackone-k8s");
    expect(isSecretValue(provider.inputs.kubeconfig)).toBe(true);
    expect(plain(provider.inputs.kubeconfig)).toContain("hub-token");
  });
  it("names the hub as the hub provider's cluster, so a move between its public and private endpoint replaces no hub object", () => {
    expect(one("pulumi:providers:kubernetes", "ackone-k8s").inputs).toMatchObject({ clusterIdentifier: HUB_ID, deleteUnreachable: "true" });
  });
  it("registers GKE as an external cluster in the VPC and applies its agent with GKE's kubeconfig", () => {
    const [registration] = commandFor("ackone/external-cluster.sh");
    expect(env(registration)).toMatchObject({
      EXTERNAL_NAME: "gke-registered",
      EXTERNAL_VPC_ID: "ack-vpc-vpc-id",
      EXTERNAL_VSWITCH_ID: "ack-vpc-ap-northeast-1a-id",
      EXTERNAL_SECURITY_GROUP_ID: "ack-vpc-sg-id",
    });
    // A new vSwitch or security group re-registers the cluster.
    expect(plain(registration.inputs.triggers)).toEqual(expect.arrayContaining(["ack-vpc-ap-northeast-1a-id", "ack-vpc-sg-id"]));
    const [agent] = commandFor("ackone/cluster-agent.sh");
    expect(env(agent)).toMatchObject({ AGENT_CLUSTER_ID: REGISTERED_ID, AGENT_PRIVATE: "true" });
    expect(env(agent).KUBECONFIG_DATA).toContain("gke-gcloud-auth-plugin");
    for (const cmd of [registration, agent]) {
      expect(isSecretValue(cmd.inputs.environment)).toBe(true);
      expect(env(cmd)).toMatchObject({
        ALIBABA_CLOUD_ACCESS_KEY_ID: ACK_SECRETS.alibabaAccessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: ACK_SECRETS.alibabaAccessKeySecret,
      });
    }
  });
  it("attaches the ACS cluster and the registered GKE cluster to the hub", () => {
    const attachments = ofType("alicloud:ackone/membershipAttachment:MembershipAttachment").map((r) => plain(r.inputs));
    expect(attachments).toEqual([
      { clusterId: HUB_ID, subClusterId: ACS_ID },
      { clusterId: HUB_ID, subClusterId: REGISTERED_ID },
    ]);
  });
  it("gives every Alibaba resource and script the credentials as secrets, never on a command line", () => {
    for (const cmd of [...commandFor("ackone/hub-kubeconfig.sh"), ...commandFor("ackone/fleet-members.sh"), ...commandFor("ackone/cluster-agent.sh")]) {
      expect(isSecretValue(cmd.inputs.environment)).toBe(true);
      expect(env(cmd)).toMatchObject({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: ACK_SECRETS.alibabaAccessKeySecret, ALIBABA_CLOUD_REGION_ID: "ap-northeast-1" });
      expect(String(cmd.inputs.create)).not.toContain(ACK_SECRETS.alibabaAccessKeySecret);
    }
  });
  it("authenticates the Alibaba provider with the secret keys", () => {
    const provider = one("pulumi:providers:alicloud", "alibaba");
    expect(plain(provider.inputs)).toMatchObject({ region: "ap-northeast-1", accessKey: ACK_SECRETS.alibabaAccessKeyId });
    expect(isSecretValue(provider.inputs.secretKey)).toBe(true);
  });
});

describe("multi-cluster services on the hub (default: PropagationPolicy + MultiClusterService)", () => {
  it("puts the seed's provider Deployment and Service on the hub as templates", () => {
    const deployment = plain(one("kubernetes:apps/v1:Deployment", "mcs-provider").inputs);
    expect(deployment.metadata).toMatchObject({ name: "web-demo", namespace: "provider-ns", annotations: { "pulumi.com/skipAwait": "true" } });
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({
      image: "bwbw723/ack_one_demo_provider:1.0",
      env: [{ name: "ENV_NAME", value: "cluster1-jp-for-gke" }],
    });
    const service = plain(one("kubernetes:core/v1:Service", "mcs-service").inputs);
    expect(service.spec).toMatchObject({
      type: "ClusterIP",
      ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }],
      selector: { app: "web-demo", department: "demo" },
    });
  });
  it("hands the Deployment and Service to the ACS cluster with a PropagationPolicy, no KubeVela", () => {
    const policy = plain(one("kubernetes:policy.one.alibabacloud.com/v1alpha1:PropagationPolicy", "mcs-distribute-app").inputs);
    expect(policy.spec).toEqual({
      resourceSelectors: [
        { apiVersion: "apps/v1", kind: "Deployment", name: "web-demo", namespace: "provider-ns" },
        { apiVersion: "v1", kind: "Service", name: "service1", namespace: "provider-ns" },
      ],
      placement: { clusterAffinity: { clusterNames: [ACS_ID] } },
    });
    expect(ofType("kubernetes:core.oam.dev/v1beta1:Application")).toEqual([]);
  });
  it("offers the Service with one MultiClusterService from the ACS cluster to GKE, no ServiceExport / ServiceImport", () => {
    const mcs = plain(one("kubernetes:networking.one.alibabacloud.com/v1alpha1:MultiClusterService", "mcs-multi-cluster-service").inputs);
    expect(mcs).toMatchObject({
      metadata: { name: "service1", namespace: "provider-ns" },
      spec: { providerClusters: [{ name: ACS_ID }], consumerClusters: [{ name: REGISTERED_ID }] },
    });
    expect(ofType("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport")).toEqual([]);
    expect(ofType("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceImport")).toEqual([]);
  });
  it("has the hub validate the MultiClusterService by a server-side dry run before creating it", () => {
    const [check] = commandFor("ackone/hub-dry-run.sh");
    const mcs = plain(one("kubernetes:networking.one.alibabacloud.com/v1alpha1:MultiClusterService", "mcs-multi-cluster-service").inputs);
    const { apiVersion, kind, metadata, spec } = mcs;
    expect(JSON.parse(env(check).DRY_RUN_OBJECT)).toEqual({ apiVersion, kind, metadata, spec });
    expect(isSecretValue(check.inputs.environment)).toBe(true);
    expect(env(check).KUBECONFIG_DATA).toContain("hub-token");
    const checkUrn = urnOf(COMMAND, check.name);
    expect(dependsOn("kubernetes:networking.one.alibabacloud.com/v1alpha1:MultiClusterService", "mcs-multi-cluster-service")).toContain(checkUrn);
    // A namespaced dry run needs the namespace on the hub.
    expect(waitsFor(checkUrn)).toContain(urnOf("kubernetes:core/v1:Namespace", "mcs-hub-ns"));
    // Nothing relies on the Service before the check: the consumer and the probe come after it.
    expect(waitsFor(urnOf("kubernetes:apps/v1:Deployment", "mcs-consumer"))).toContain(checkUrn);
    expect(waitsFor(runOf("ackone/mcs-probe.sh"))).toContain(checkUrn);
  });
  it("creates provider-ns in GKE before the hub's, and keeps the hub's from propagating, so the fleet never creates GKE's first", () => {
    const hubNs = plain(one("kubernetes:core/v1:Namespace", "mcs-hub-ns").inputs);
    expect(hubNs.metadata.labels).toEqual({ "namespace.karmada.io/skip-auto-propagation": "true" });
    expect(dependsOn("kubernetes:core/v1:Namespace", "mcs-hub-ns")).toContain(urnOf("kubernetes:core/v1:Namespace", "mcs-consumer-ns"));
    expect(plain(one("kubernetes:core/v1:Namespace", "mcs-consumer-ns").inputs).metadata.labels).toBeUndefined();
  });
  it("creates provider-ns on the hub and in GKE (the MultiClusterService needs it there), and the consumer in GKE", () => {
    expect(
      ofType("kubernetes:core/v1:Namespace")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["mcs-consumer-ns", "mcs-hub-ns"]);
    const consumer = plain(one("kubernetes:apps/v1:Deployment", "mcs-consumer").inputs);
    expect(consumer.spec.template.spec.containers[0].image).toBe("bwbw723/ack_one_demo_consumer:1.0");
    expect(consumer.metadata.annotations).toBeUndefined();
  });
});

describe("verification", () => {
  it("calls the Service by its own name (MultiClusterService) from the consumer and reports the answer", async () => {
    const [probe] = commandFor("ackone/mcs-probe.sh");
    expect(env(probe)).toMatchObject({
      PROBE_URL: "http://service1.provider-ns.svc.cluster.local",
      PROBE_NAMESPACE: "provider-ns",
      PROBE_DEPLOYMENT: "demo-consumer",
      PROBE_REQUESTS: "5",
    });
    expect(await promiseOf(program.verification)).toMatchObject({ answered: 5, sample: "order-42" });
  });
  it("exports the cluster ids and the GKE kubeconfig, the latter only as a secret", async () => {
    expect(await promiseOf(pulumi.output(program.ackOne))).toEqual({
      hubId: HUB_ID,
      providerClusterId: ACS_ID,
      providerPlatform: "acs",
      gkeRegisteredClusterId: REGISTERED_ID,
    });
    expect(await (program.gkeKubeconfigs as any).isSecret).toBe(true);
  });
});

describe("a new account's first run", () => {
  const ACTIVATION = "alicloud:cs/getAckService:getAckService";
  it("checks the roles ACK and ACK One need first (scripts/alibaba/preflight.sh), with the credentials as secrets", () => {
    const [preflight] = commandFor("alibaba/preflight.sh");
    expect(isSecretValue(preflight.inputs.environment)).toBe(true);
    expect(env(preflight)).toMatchObject({
      ALIBABA_CLOUD_ACCESS_KEY_ID: ACK_SECRETS.alibabaAccessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: ACK_SECRETS.alibabaAccessKeySecret,
      ALIBABA_CLOUD_REGION_ID: "ap-northeast-1",
    });
    // It waits for nothing of Alibaba's: it is the first thing that runs there.
    const alibaba = [...waitsFor(runOf("alibaba/preflight.sh"))].filter((u) => /::alicloud:|providers:alicloud/.test(u));
    expect(alibaba).toEqual([]);
  });
  it("activates ACK (OpenAckService through getAckService) after the preflight and before the Alibaba provider is used", () => {
    const activations = run.invokes.filter((i) => i.token === ACTIVATION);
    expect(activations.map((i) => i.inputs)).toEqual([{ enable: "On", type: "propayasgo" }]);
    const index = (type: string, name: string) => recorded.findIndex((r) => r.type === type && r.name === name);
    expect(index(COMMAND, commandFor("alibaba/preflight.sh")[0].name)).toBeLessThan(activations[0].afterResources);
    expect(index("pulumi:providers:alicloud", "alibaba")).toBeGreaterThanOrEqual(activations[0].afterResources);
    expect(activations[0].provider).not.toContain("::alibaba::");
  });
  it("makes every Alibaba resource and every script that calls Alibaba wait for the preflight", () => {
    const preflight = runOf("alibaba/preflight.sh");
    const alibabaResources = run.registrations.filter((r) => r.type.startsWith("alicloud:"));
    expect(alibabaResources.length).toBeGreaterThan(10);
    for (const r of alibabaResources) expect([r.name, waitsFor(r.urn).has(preflight)]).toEqual([r.name, true]);
    expect(waitsFor(urnOf("pulumi:providers:alicloud", "alibaba"))).toContain(preflight);
    for (const script of ["ackone/hub-kubeconfig.sh", "ackone/fleet-members.sh", "ackone/external-cluster.sh", "ackone/cluster-agent.sh"])
      expect([script, waitsFor(runOf(script)).has(preflight)]).toEqual([script, true]);
  });
});

describe("credentials", () => {
  it("fetches no kubeconfig of the provider cluster when Pulumi never calls its API (hub access)", () => {
    expect(run.invokes.filter((i) => i.token === "alicloud:cs/getClusterCredential:getClusterCredential")).toEqual([]);
  });
});

describe("destroy order (the engine deletes a resource before what it depends on)", () => {
  const MEMBER = "alicloud:ackone/membershipAttachment:MembershipAttachment";
  const FLEET = "command:local:Command";
  it("puts the fleet-members guard between the hub and every membership attachment", () => {
    const guard = urnOf(FLEET, "ackone-fleet-members-run");
    expect(env(commandFor("ackone/fleet-members.sh")[0])).toMatchObject({ HUB_CLUSTER_ID: HUB_ID });
    expect(dependsOn(FLEET, "ackone-fleet-members-run")).toContain(urnOf("alicloud:ackone/cluster:Cluster", "ackone-hub"));
    for (const member of ["ackone-member-ask", "ackone-member-gke"]) expect(dependsOn(MEMBER, member)).toContain(guard);
  });
  it("deletes every hub object before the members are detached", () => {
    const members = ["ackone-member-ask", "ackone-member-gke"].map((m) => urnOf(MEMBER, m));
    const hubObjects = run.registrations.filter(
      (r) => r.name.startsWith("mcs-") && r.type.startsWith("kubernetes:") && r.name !== "mcs-consumer-ns" && r.name !== "mcs-consumer",
    );
    expect(hubObjects.map((r) => r.name).sort()).toEqual([
      "mcs-distribute-app",
      "mcs-distribute-namespace",
      "mcs-hub-ns",
      "mcs-multi-cluster-service",
      "mcs-provider",
      "mcs-service",
    ]);
    hubObjects.forEach((r) => expect(r.dependencies ?? []).toEqual(expect.arrayContaining(members)));
  });
  it("deletes the hub before the vSwitches it uses", () => {
    const switches = ["ack-vpc-ap-northeast-1a", "ack-vpc-ap-northeast-1b"].map((n) => urnOf("alicloud:vpc/switch:Switch", n));
    expect(dependsOn("alicloud:ackone/cluster:Cluster", "ackone-hub")).toEqual(expect.arrayContaining(switches));
  });
  it("keeps the hub in the zones' vSwitches unless the stack file gives it its own (ackDevHubVswitch.test.ts): they are ForceNew", () => {
    expect(commandFor("alibaba/vswitch-release.sh")).toEqual([]);
    expect(ofType("alicloud:vpc/switch:Switch").map((s) => s.name)).not.toContain("ack-vpc-hub");
  });
  it("gives the vSwitches the hub used time to be let go of: their delete retries DependencyViolation for 30 minutes, not 10", () => {
    const switches = run.registrations.filter((r) => r.type === "alicloud:vpc/switch:Switch");
    expect(switches.map((s) => s.name).sort()).toEqual(["ack-vpc-ap-northeast-1a", "ack-vpc-ap-northeast-1b"]);
    for (const s of switches) expect(s.customTimeouts?.delete).toBe("30m");
  });
  it("changes the hub one thing at a time: kubeconfig command, then the fleet-members guard, then the ACS attachment, then GKE's", () => {
    const kubeconfig = urnOf(FLEET, "ackone-kubeconfig-run");
    const guard = urnOf(FLEET, "ackone-fleet-members-run");
    expect(dependsOn(FLEET, "ackone-fleet-members-run")).toContain(kubeconfig);
    expect(dependsOn(MEMBER, "ackone-member-ask")).toContain(guard);
    expect(dependsOn(MEMBER, "ackone-member-gke")).toContain(urnOf(MEMBER, "ackone-member-ask"));
    expect(waitsFor(urnOf(MEMBER, "ackone-member-ask"))).toContain(kubeconfig);
    // On destroy the endpoint shutdown (the kubeconfig's delete) waits for the guard, which waits for every detach.
    expect(waitsFor(urnOf(MEMBER, "ackone-member-ask"))).not.toContain(urnOf(MEMBER, "ackone-member-gke"));
  });
  it("detaches the members only after the objects the hub handed them are gone (member-objects guard between)", () => {
    const [guard] = commandFor("ackone/member-objects.sh");
    expect(env(guard)).toMatchObject({
      MEMBER_CLUSTER_IDS: `${ACS_ID} ${REGISTERED_ID}`,
      MEMBER_NAMESPACE: "provider-ns",
      MEMBER_OBJECTS: "apps/v1/deployments/web-demo v1/services/service1",
      // provider-ns is handed to the ACS cluster by the hub (ClusterPropagationPolicy): waited for there too.
      MEMBER_NAMESPACE_CLUSTERS: ACS_ID,
    });
    expect(isSecretValue(guard.inputs.environment)).toBe(true);
    expect(env(guard).KUBECONFIG_DATA).toContain("hub-token");
    const guardUrn = urnOf(COMMAND, guard.name);
    for (const member of ["ackone-member-ask", "ackone-member-gke"]) expect(dependsOn(COMMAND, guard.name)).toContain(urnOf(MEMBER, member));
    const hubObjects = run.registrations.filter(
      (r) => r.name.startsWith("mcs-") && r.type.startsWith("kubernetes:") && !["mcs-consumer-ns", "mcs-consumer"].includes(r.name),
    );
    expect(hubObjects.length).toBe(6);
    for (const r of hubObjects) expect([r.name, (r.dependencies ?? []).includes(guardUrn)]).toEqual([r.name, true]);
  });
});

describe("policy pack", () => {
  it("finds nothing to report on this ephemeral stack, and flags its unprotected GKE cluster if it were persistent", () => {
    expect(policyViolations(recorded, { lifecycle: "ephemeral" })).toEqual([]);
    expect(policyViolations(recorded, { lifecycle: "persistent" })).toEqual([expect.stringContaining("has deletionProtection off in a persistent stack")]);
  });
});
