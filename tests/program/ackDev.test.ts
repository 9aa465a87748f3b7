/**
 * The whole `ack-dev` program (Alibaba Cloud + GKE, ACK One multi-cluster services) under mocks,
 * as a new account builds it: ACS, dual-tunnel HA VPN with BGP, PropagationPolicy and
 * MultiClusterService through the hub. Every resource against seed 001's values, every
 * sensitive value secret, the destroy order by dependencies.
 */
import * as pulumi from "@pulumi/pulumi";
import { ACS_ID, ALIBABA_VPN_IP, ALIBABA_VPN_IP_SLAVE, GCP_HA_VPN_IPS, HUB_ID, REGISTERED_ID } from "../helpers/fakeClouds";
import { policyViolations } from "../helpers/policies";
import { Recorded, isSecretValue, plain, promiseOf } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";
import { ACK_SECRETS } from "../helpers/stackConfig";

const run = new ProgramRun("ack-dev");
const { ofType, one, commandFor, env } = run;
/** Each resource's URN (as the mock engine gave it) by `type::name`, and what it depends on. */
const urnOf = (type: string, name: string): string => run.registrations.find((r) => r.type === type && r.name === name)!.urn;
const dependsOn = (type: string, name: string): readonly string[] => run.registrations.find((r) => r.type === type && r.name === name)!.dependencies ?? [];
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
  it("has two paths: each Alibaba tunnel address meets its own GCP tunnel from its own HA interface, with a BGP session each", () => {
    const external = plain(one("gcp:compute/externalVpnGateway:ExternalVpnGateway", "ack-gke-tunnels-ext").inputs);
    expect(external.interfaces).toEqual([
      { id: 0, ipAddress: ALIBABA_VPN_IP },
      { id: 1, ipAddress: ALIBABA_VPN_IP_SLAVE },
    ]);
    expect(tunnels().map((t) => [t.inputs.vpnGatewayInterface, t.inputs.peerExternalGatewayInterface])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(ofType("gcp:compute/routerPeer:RouterPeer").map((p) => plain(p.inputs.peerIpAddress))).toEqual(["169.254.10.2", "169.254.11.2"]);
    const customerGateways = ofType("alicloud:vpn/customerGateway:CustomerGateway").map((g) => plain(g.inputs));
    expect(customerGateways.map((g) => g.ipAddress)).toEqual(GCP_HA_VPN_IPS);
    expect(customerGateways.map((g) => g.customerGatewayName)).toEqual(["gcp-ack-gke-master", "gcp-ack-gke-slave"]);
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
});

describe("policy pack", () => {
  it("finds nothing to report on this ephemeral stack, and flags its unprotected GKE cluster if it were persistent", () => {
    expect(policyViolations(recorded, { lifecycle: "ephemeral" })).toEqual([]);
    expect(policyViolations(recorded, { lifecycle: "persistent" })).toEqual([expect.stringContaining("has deletionProtection off in a persistent stack")]);
  });
});
