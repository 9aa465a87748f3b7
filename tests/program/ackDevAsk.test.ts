/**
 * `ack-dev` as an existing stack built it: an ASK provider cluster (accounts that had one before
 * 2025-02-17 may keep it), KubeVela Applications, ServiceExport / ServiceImport and a provider
 * cluster Pulumi reaches directly. Its URNs are the recorded fixture's; the only objects
 * replaced are the single-tunnel VPN's, which Alibaba's dual-tunnel gateways no longer accept.
 */
import * as fs from "fs";
import { ASK_ID, HUB_ID, REGISTERED_ID } from "../helpers/fakeClouds";
import { isSecretValue, plain } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";
import { fixtureFile, lostUrns } from "../helpers/urnFixtures";

const run = new ProgramRun("ack-dev", (v) => {
  v.clusters[1] = {
    name: "ask",
    network: "ack-vpc",
    platform: "ask",
    ask: { clusterName: "ackone-provider-ask", endpointPublicAccess: false, deletionProtection: false },
  };
  v.ackOne.distribution = "kubevela";
  v.ackOne.services = "service-export-import";
  // The old stack created provider-ns in the ASK cluster itself: the user says its API is reachable.
  v.ackOne.providerAccess = { mode: "direct" };
});
const { ofType, one, commandFor, env } = run;
const urnOf = (type: string, name: string): string => run.registrations.find((r) => r.type === type && r.name === name)!.urn;

beforeAll(async () => {
  await run.start();
});

describe("URNs of an existing ASK stack", () => {
  const recorded = (): string[] => JSON.parse(fs.readFileSync(fixtureFile("ack-dev"), "utf8")) as string[];
  it("keeps every recorded URN except the single-tunnel VPN's", () => {
    const singleTunnel = recorded().filter((urn) => urn.includes("::multicloud-mesh:vpn:VpnPair"));
    expect(singleTunnel.length).toBe(18);
    expect(lostUrns(run)).toEqual(singleTunnel);
  });
  it("keeps the ASK cluster, its attachment and the provider-ns namespace in it, by alias where they moved", () => {
    const kept = recorded().filter((urn) => /AskCluster|ackone-member-ask|mcs-provider-ns|ask-k8s/.test(urn));
    expect(kept.length).toBe(5);
    kept.forEach((urn) => expect(lostUrns(run)).not.toContain(urn));
  });
});

describe("the ASK variant", () => {
  it("creates the ASK cluster, not an ACS one, and attaches it to the hub", () => {
    expect(plain(one("alicloud:cs/serverlessKubernetes:ServerlessKubernetes", "ask-cluster").inputs)).toMatchObject({
      name: "ackone-provider-ask",
      vpcId: "ack-vpc-vpc-id",
      vswitchIds: ["ack-vpc-ap-northeast-1a-id", "ack-vpc-ap-northeast-1b-id"],
      securityGroupId: "ack-vpc-sg-id",
      serviceCidr: "172.21.0.0/20",
      endpointPublicAccessEnabled: false,
    });
    expect(ofType("alicloud:cs/managedKubernetes:ManagedKubernetes")).toEqual([]);
    expect(ofType("alicloud:ackone/membershipAttachment:MembershipAttachment").map((r) => plain(r.inputs))).toEqual([
      { clusterId: HUB_ID, subClusterId: ASK_ID },
      { clusterId: HUB_ID, subClusterId: REGISTERED_ID },
    ]);
  });
  it("reaches the ASK cluster directly only because the stack says so: its provider holds the secret kubeconfig", () => {
    const provider = one("pulumi:providers:kubernetes", "ask-k8s");
    expect(isSecretValue(provider.inputs.kubeconfig)).toBe(true);
    expect(one("kubernetes:core/v1:Namespace", "mcs-provider-ns").inputs.metadata).toEqual({ name: "provider-ns" });
  });
  it("distributes with three KubeVela Applications and offers the Service by ServiceExport / ServiceImport", () => {
    const apps = ofType("kubernetes:core.oam.dev/v1beta1:Application").map((r) => plain(r.inputs));
    expect(apps.map((a) => a.metadata.name)).toEqual(["web-demo", "amcs-export-service1", "amcs-import-service1"]);
    expect(apps.map((a) => a.spec.policies[0].properties.clusters)).toEqual([[ASK_ID], [ASK_ID], [REGISTERED_ID]]);
    expect(ofType("kubernetes:policy.one.alibabacloud.com/v1alpha1:PropagationPolicy")).toEqual([]);
    expect(ofType("kubernetes:networking.one.alibabacloud.com/v1alpha1:MultiClusterService")).toEqual([]);
    expect(plain(one("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceImport", "mcs-import").inputs).spec).toEqual({
      type: "ClusterSetIP",
      ports: [{ port: 80, protocol: "TCP" }],
    });
  });
  it("fetches the ASK kubeconfig Pulumi needs for direct access with a bounded lifetime (TemporaryDurationMinutes), never the long-lived default", () => {
    const credentials = run.invokes.filter((i) => i.token === "alicloud:cs/getClusterCredential:getClusterCredential");
    expect(credentials.map((i) => i.inputs)).toEqual([{ clusterId: ASK_ID, temporaryDurationMinutes: 120 }]);
  });
  it("creates provider-ns in both member clusters before the hub's, so the fleet never creates one of them first", () => {
    const hubNs = run.registrations.find((r) => r.name === "mcs-hub-ns")!;
    for (const member of ["mcs-provider-ns", "mcs-consumer-ns"]) expect(hubNs.dependencies).toContain(urnOf("kubernetes:core/v1:Namespace", member));
  });
  it("waits on destroy until every object the hub handed out (ServiceExport / ServiceImport and the amcs- Service included) has left the members", () => {
    const [guard] = commandFor("ackone/member-objects.sh");
    expect(env(guard).MEMBER_OBJECTS.split(" ")).toEqual([
      "apps/v1/deployments/web-demo",
      "v1/services/service1",
      "multicluster.x-k8s.io/v1alpha1/serviceexports/service1",
      "multicluster.x-k8s.io/v1alpha1/serviceimports/service1",
      "v1/services/amcs-service1",
    ]);
    expect(env(guard).MEMBER_CLUSTER_IDS).toBe(`${ASK_ID} ${REGISTERED_ID}`);
  });
  it("verifies through the imported amcs- Service", () => {
    expect(env(commandFor("ackone/mcs-probe.sh")[0]).PROBE_URL).toBe("http://amcs-service1.provider-ns.svc.cluster.local");
  });
});
