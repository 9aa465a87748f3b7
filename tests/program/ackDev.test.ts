/**
 * The whole `ack-dev` program (Alibaba Cloud + GKE, ACK One multi-cluster services) under mocks:
 * every resource against seed 001's values, every sensitive value secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { ALIBABA_VPN_IP, ASK_ID, GCP_VPN_IP, HUB_ID, REGISTERED_ID } from "../helpers/fakeClouds";
import { policyViolations } from "../helpers/policies";
import { Recorded, isSecretValue, plain, promiseOf } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";
import { lostUrns } from "../helpers/urnFixtures";
import { ACK_SECRETS } from "../helpers/stackConfig";

const run = new ProgramRun("ack-dev");
const { ofType, one, commandFor, env } = run;
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

it("keeps every URN it registered before (registered again or aliased), so no cloud resource is replaced", () => {
  expect(run.registrations.length).toBeGreaterThan(40);
  expect(lostUrns(run)).toEqual([]);
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

describe("VPN pair with the Alibaba peer", () => {
  it("is a pay-as-you-go VPN gateway in the first vSwitch, failing over to the second", () => {
    expect(plain(one("alicloud:vpn/gateway:Gateway", "ack-gke-peer-gateway").inputs)).toMatchObject({
      vpnGatewayName: "ack-gke-vpn",
      paymentType: "PayAsYouGo",
      bandwidth: 10,
      enableIpsec: true,
      enableSsl: false,
      vpcId: "ack-vpc-vpc-id",
      vswitchId: "ack-vpc-ap-northeast-1a-id",
      disasterRecoveryVswitchId: "ack-vpc-ap-northeast-1b-id",
    });
  });
  it("points the customer gateway at GCP's static address", () => {
    expect(one("alicloud:vpn/customerGateway:CustomerGateway", "ack-gke-peer-customer-gateway").inputs).toMatchObject({
      customerGatewayName: "gcp-ack-gke",
      ipAddress: GCP_VPN_IP,
    });
  });
  it("builds the IPsec connection with the seed's IKEv2 / aes256 / sha256 and the secret PSK", () => {
    const connection = one("alicloud:vpn/connection:Connection", "ack-gke-peer-connection");
    expect(plain(connection.inputs)).toMatchObject({
      vpnConnectionName: "ack-gke-ipsec",
      vpnGatewayId: "ack-gke-peer-gateway-id",
      customerGatewayId: "ack-gke-peer-customer-gateway-id",
      localSubnets: ALIBABA_RANGES,
      remoteSubnets: GKE_RANGES,
      effectImmediately: true,
      ikeConfig: { ikeVersion: "ikev2", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14", ikeLifetime: 28800 },
      ipsecConfig: { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 },
    });
    expect(isSecretValue(connection.inputs.ikeConfig)).toBe(true);
    const tunnelKey = plain(one("gcp:compute/vPNTunnel:VPNTunnel", "ack-gke-gcp-tunnel").inputs.sharedSecret);
    expect(plain(connection.inputs.ikeConfig).psk).toBe(tunnelKey);
  });
  it("publishes one policy-based route per GKE range to the VPC", () => {
    const routes = ofType("alicloud:vpn/pbrRouteEntry:PbrRouteEntry").map((r) => plain(r.inputs));
    expect(routes.map((r) => r.routeDest)).toEqual(GKE_RANGES);
    routes.forEach((r) => expect(r).toMatchObject({ routeSource: "192.168.0.0/16", nextHop: "ack-gke-peer-connection-id", publishVpc: true, weight: 100 }));
  });
  it("is a classic policy-based tunnel on GCP whose selectors include GKE's pod and service ranges", () => {
    const tunnel = plain(one("gcp:compute/vPNTunnel:VPNTunnel", "ack-gke-gcp-tunnel").inputs);
    expect(tunnel).toMatchObject({
      name: "ack-gke-tn",
      peerIp: ALIBABA_VPN_IP,
      ikeVersion: 2,
      localTrafficSelectors: GKE_RANGES,
      remoteTrafficSelectors: ALIBABA_RANGES,
    });
    const routes = ofType("gcp:compute/route:Route").map((r) => r.inputs.destRange);
    expect(routes).toEqual(ALIBABA_RANGES);
  });
  it("opens only ICMP on GCP to the Alibaba ranges: nothing there dials into GKE", () => {
    const rules = ofType("gcp:compute/firewall:Firewall");
    expect(rules.map((r) => r.inputs.name)).toEqual(["gke-ackone-peer-icmp"]);
    expect(rules[0].inputs.sourceRanges).toEqual([...ALIBABA_RANGES].sort());
  });
});

describe("clusters", () => {
  it("creates the ASK cluster in both vSwitches with the network's service range", () => {
    expect(plain(one("alicloud:cs/serverlessKubernetes:ServerlessKubernetes", "ask-cluster").inputs)).toMatchObject({
      name: "ackone-provider-ask",
      vpcId: "ack-vpc-vpc-id",
      vswitchIds: ["ack-vpc-ap-northeast-1a-id", "ack-vpc-ap-northeast-1b-id"],
      securityGroupId: "ack-vpc-sg-id",
      serviceCidr: "172.21.0.0/20",
      deletionProtection: false,
      endpointPublicAccessEnabled: false,
    });
  });
  it("hands the ASK kubeconfig to its provider as a secret", () => {
    const provider = one("pulumi:providers:kubernetes", "ask-k8s");
    expect(isSecretValue(provider.inputs.kubeconfig)).toBe(true);
    expect(plain(provider.inputs.kubeconfig)).toContain("client-key-data");
  });
  it("creates GKE without the mesh label, in the GCP network", () => {
    const cluster = plain(one("gcp:container/cluster:Cluster", "gke-cluster").inputs);
    expect(cluster).toMatchObject({ name: "ackone-consumer-gke", location: "asia-northeast1-a", networkingMode: "VPC_NATIVE", deletionProtection: false });
    expect(cluster.resourceLabels).toBeUndefined();
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
    expect(env(cmd)).toMatchObject({ HUB_CLUSTER_ID: HUB_ID, HUB_PRIVATE: "false", ALIBABA_CLOUD_REGION_ID: "ap-northeast-1" });
    expect(cmd.inputs.logging).toBe("stderr");
    const provider = one("pulumi:providers:kubernetes", "ackone-k8s");
    expect(isSecretValue(provider.inputs.kubeconfig)).toBe(true);
    expect(plain(provider.inputs.kubeconfig)).toContain("hub-token");
  });
  it("registers GKE as an external cluster in the VPC and applies its agent with GKE's kubeconfig", () => {
    const [registration] = commandFor("ackone/external-cluster.sh");
    expect(env(registration)).toMatchObject({ EXTERNAL_NAME: "gke-registered", EXTERNAL_VPC_ID: "ack-vpc-vpc-id" });
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
  it("attaches the ASK cluster and the registered GKE cluster to the hub", () => {
    const attachments = ofType("alicloud:ackone/membershipAttachment:MembershipAttachment").map((r) => plain(r.inputs));
    expect(attachments).toEqual([
      { clusterId: HUB_ID, subClusterId: ASK_ID },
      { clusterId: HUB_ID, subClusterId: REGISTERED_ID },
    ]);
  });
  it("authenticates the Alibaba provider with the secret keys", () => {
    const provider = one("pulumi:providers:alicloud", "alibaba");
    expect(plain(provider.inputs)).toMatchObject({ region: "ap-northeast-1", accessKey: ACK_SECRETS.alibabaAccessKeyId });
    expect(isSecretValue(provider.inputs.secretKey)).toBe(true);
  });
});

describe("multi-cluster services on the hub", () => {
  const hubObjects = () => recorded.filter((r) => r.name.startsWith("mcs-"));
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
  it("declares the ServiceExport and the ServiceImport with the Service's name and ports", () => {
    expect(plain(one("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport", "mcs-export").inputs).metadata).toMatchObject({
      name: "service1",
      namespace: "provider-ns",
    });
    expect(plain(one("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceImport", "mcs-import").inputs).spec).toEqual({
      type: "ClusterSetIP",
      ports: [{ port: 80, protocol: "TCP" }],
    });
  });
  it("distributes the seed's way: three KubeVela Applications, ref-objects with a topology policy", () => {
    const apps = ofType("kubernetes:core.oam.dev/v1beta1:Application").map((r) => plain(r.inputs));
    expect(apps.map((a) => a.metadata.name)).toEqual(["web-demo", "amcs-export-service1", "amcs-import-service1"]);
    expect(apps.map((a) => a.spec.policies[0].properties.clusters)).toEqual([[ASK_ID], [ASK_ID], [REGISTERED_ID]]);
    expect(apps.map((a) => a.spec.components[0].properties.objects)).toEqual([
      [
        { resource: "deployment", name: "web-demo" },
        { resource: "service", name: "service1" },
      ],
      [{ resource: "serviceexport", name: "service1" }],
      [{ resource: "serviceimport", name: "service1" }],
    ]);
    apps.forEach((a) => expect(a.metadata.annotations).toEqual({ "app.oam.dev/publishVersion": "version1" }));
    expect(ofType("kubernetes:policy.one.alibabacloud.com/v1alpha1:PropagationPolicy")).toEqual([]);
  });
  it("creates provider-ns on the hub and in both members, and the consumer in GKE", () => {
    expect(
      ofType("kubernetes:core/v1:Namespace")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["mcs-consumer-ns", "mcs-hub-ns", "mcs-provider-ns"]);
    const consumer = plain(one("kubernetes:apps/v1:Deployment", "mcs-consumer").inputs);
    expect(consumer.spec.template.spec.containers[0].image).toBe("bwbw723/ack_one_demo_consumer:1.0");
    expect(consumer.metadata.annotations).toBeUndefined();
    expect(hubObjects().length).toBeGreaterThanOrEqual(11);
  });
});

describe("verification", () => {
  it("calls the imported service from the consumer and reports the answer", async () => {
    const [probe] = commandFor("ackone/mcs-probe.sh");
    expect(env(probe)).toMatchObject({
      PROBE_URL: "http://amcs-service1.provider-ns.svc.cluster.local",
      PROBE_NAMESPACE: "provider-ns",
      PROBE_DEPLOYMENT: "demo-consumer",
      PROBE_REQUESTS: "5",
    });
    expect(await promiseOf(program.verification)).toMatchObject({ answered: 5, sample: "order-42" });
  });
  it("exports the cluster ids and the GKE kubeconfig, the latter only as a secret", async () => {
    expect(await promiseOf(pulumi.output(program.ackOne))).toEqual({ hubId: HUB_ID, askClusterId: ASK_ID, gkeRegisteredClusterId: REGISTERED_ID });
    expect(await (program.gkeKubeconfigs as any).isSecret).toBe(true);
  });
});

describe("policy pack", () => {
  it("finds nothing to report on this ephemeral stack, and flags its unprotected GKE cluster if it were persistent", () => {
    expect(policyViolations(recorded, { lifecycle: "ephemeral" })).toEqual([]);
    expect(policyViolations(recorded, { lifecycle: "persistent" })).toEqual([expect.stringContaining("has deletionProtection off in a persistent stack")]);
  });
});
