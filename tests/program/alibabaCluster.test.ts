/** The exported app's Alibaba cluster under mocks: ACS by default, ACK Pro with virtual nodes, and ASK. */
import * as pulumi from "@pulumi/pulumi";
import { Recorded, RecordedInvoke, recordResources, settle } from "../helpers/mocks";

const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: p\n  user:\n    client-key-data: S0VZ\n";

let recorded: Recorded[];
let duplicates: string[];
let invokes: RecordedInvoke[];
let kubeconfigs: Record<string, unknown>;
let thrown: unknown;
const byName = (name: string) => recorded.find((r) => r.name === name)!;

beforeAll(async () => {
  ({ recorded, duplicates, invokes } = await recordResources("multicloud-mesh", "alibaba-cluster", () => ({}), {
    "alicloud:cs/getClusterCredential:getClusterCredential": { kubeConfig: KUBECONFIG },
  }));
  const { AlibabaCluster } = await import("../../components/alibaba/alibabaCluster");
  const common = {
    clusterName: "provider",
    vpcId: "vpc-1",
    vswitchIds: ["vsw-a"],
    securityGroupId: "sg-peers",
    serviceCidr: "172.21.0.0/20",
    deletionProtection: false,
  };
  const withKubeconfig = { ...common, temporaryDurationMinutes: 60 };
  const acs = new AlibabaCluster("acs", withKubeconfig);
  const ack = new AlibabaCluster("ack", { ...withKubeconfig, kind: "ack-pro", podVswitchIds: ["vsw-pods"] });
  const ask = new AlibabaCluster("ask", { ...withKubeconfig, kind: "ask" });
  const hubOnly = new AlibabaCluster("hubonly", common);
  kubeconfigs = { hubOnly: hubOnly.kubeconfig };
  try {
    new AlibabaCluster("bad", { ...common, kind: "managed" as never, vswitchIds: [], temporaryDurationMinutes: 5 });
  } catch (e) {
    thrown = e;
  }
  for (const [k, c] of Object.entries({ acs, ack, ask })) {
    c.kubeconfig!.apply((v) => (kubeconfigs[k] = v));
    kubeconfigs[`${k}Secret`] = await pulumi.isSecret(c.kubeconfig!);
  }
  await settle(recorded);
});

it("registers no duplicate names", () => {
  expect(duplicates).toEqual([]);
});

describe("default: ACS", () => {
  it("creates a managed cluster with the Acs profile, pods on the VPC's vSwitches", () => {
    const cluster = byName("acs-cluster");
    expect(cluster.type).toBe("alicloud:cs/managedKubernetes:ManagedKubernetes");
    expect(cluster.inputs).toMatchObject({
      profile: "Acs",
      clusterSpec: "ack.pro.small",
      vswitchIds: ["vsw-a"],
      securityGroupId: "sg-peers",
      serviceCidr: "172.21.0.0/20",
    });
    expect(cluster.inputs.podVswitchIds).toBeUndefined();
    expect(cluster.inputs.addons).toBeUndefined();
  });
  it("takes deletion protection from the args and keeps the API private by default", () => {
    expect(byName("acs-cluster").inputs).toMatchObject({ deletionProtection: false, slbInternetEnabled: false });
  });
  it("removes on delete the load balancers and log projects the cluster created", () => {
    expect(byName("acs-cluster").inputs.deleteOptions).toEqual(
      ["SLB", "ALB", "SLS_Data", "SLS_ControlPlane"].map((resourceType) => ({ resourceType, deleteMode: "delete" })),
    );
  });
  it("sends no parameter ACK deprecated", () => {
    for (const name of ["acs-cluster", "ack-cluster"]) {
      const keys = Object.keys(byName(name).inputs);
      expect(keys.filter((k) => /^(master|worker)/.test(k) || k === "loadBalancerSpec" || k.startsWith("client") || k === "clusterCaCert")).toEqual([]);
    }
  });
  it("hands out the kubeconfig as a secret", () => {
    expect(kubeconfigs.acs).toBe(KUBECONFIG);
    expect(kubeconfigs.acsSecret).toBe(true);
  });
});

describe("option: ACK Pro with virtual nodes", () => {
  it("creates a Pro cluster with Terway and virtual nodes, pods on their own vSwitches", () => {
    expect(byName("ack-cluster").inputs).toMatchObject({
      profile: "Default",
      clusterSpec: "ack.pro.small",
      podVswitchIds: ["vsw-pods"],
      addons: [{ name: "terway-eniip" }, { name: "ack-virtual-node" }],
    });
    expect(kubeconfigs.ackSecret).toBe(true);
  });
});

describe("option: ASK for accounts that still have it", () => {
  it("keeps the serverless cluster and its kubeconfig", () => {
    const ask = recorded.filter((r) => r.type === "alicloud:cs/serverlessKubernetes:ServerlessKubernetes");
    expect(ask.map((r) => r.name)).toEqual(["ask-cluster"]);
    expect(ask[0].inputs).toMatchObject({ name: "provider", deletionProtection: false, endpointPublicAccessEnabled: false, securityGroupId: "sg-peers" });
    expect(recorded.filter((r) => r.type === "multicloud-mesh:alibaba:AskCluster").map((r) => r.name)).toEqual(["ask"]);
    expect(kubeconfigs.askSecret).toBe(true);
  });
});

describe("credentials", () => {
  const credentialCalls = () => invokes.filter((i) => i.token === "alicloud:cs/getClusterCredential:getClusterCredential");
  it("asks ACK for a kubeconfig only when one is wanted, valid for the minutes given", () => {
    expect(
      credentialCalls()
        .map((i) => i.inputs)
        .sort((a, b) => a.clusterId.localeCompare(b.clusterId)),
    ).toEqual(["ack-cluster-id", "acs-cluster-id", "ask-cluster-id"].map((clusterId) => ({ clusterId, temporaryDurationMinutes: 60 })));
  });
  it("fetches no credential at all when none is wanted (the cluster reached only through the hub)", () => {
    expect(credentialCalls().filter((i) => i.inputs.clusterId === "hubonly-cluster-id")).toEqual([]);
    expect(kubeconfigs.hubOnly).toBeUndefined();
  });
});

it("refuses bad arguments before creating anything, naming each", () => {
  expect(String(thrown)).toContain("temporaryDurationMinutes: 5 is outside ACK's 15 to 4320 minutes");
  expect(String(thrown)).toContain("kind: 'managed' is not a cluster kind; use one of acs, ack-pro, ask");
  expect(String(thrown)).toContain("vswitchIds: empty");
  expect(recorded.filter((r) => r.name.startsWith("bad"))).toEqual([]);
});
