/**
 * The alicloud stand-in against the state the aliyun stand-in (tests/fakes/aliyun_cli.py) shares:
 * ids and addresses in Alibaba's formats, the shapes the CLI reads, and Alibaba's refusals.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { alibabaApiDir, MISSING_ALIBABA_API } from "../../../../../../helpers/alibabaApiDir";
import { AlicloudStandIn } from "../../../../../../rehearsal/plugins/clouds/alicloud/provider";
import { readOperations } from "../../../../../../rehearsal/lib/operations";
import { isSecret, secret } from "../../../../../../rehearsal/plugins/clouds/shared/values";

const ROOT = path.resolve(__dirname, "../../../../../../..");
const home = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-standin-"));
const stateDir = path.join(home, "clouds", "alibaba");
const ali = new AlicloudStandIn("3.108.0+rehearsal");
const urn = (type: string, name: string) => `urn:pulumi:ack-dev::multicloud-mesh::${type}::${name}`;
const log = () => readOperations(path.join(home, "operations.jsonl"));
const state = () => JSON.parse(fs.readFileSync(path.join(stateDir, "state.json"), "utf8"));
const HUB_SERVER = "https://127.0.0.1:41001";

/** Alibaba's API definitions the aliyun stand-in checks every call against: beside the repository or beside its parent. */
const API_DIR = alibabaApiDir();

function aliyun(...args: string[]) {
  if (!API_DIR) throw new Error(MISSING_ALIBABA_API);
  const run = spawnSync("python3", [path.join(ROOT, "tests/fakes/aliyun_cli.py"), ...args, "--region", "ap-northeast-1"], {
    encoding: "utf8",
    env: {
      ...process.env,
      FAKE_ALIYUN_STATE: stateDir,
      FAKE_ALIYUN_API_DIR: API_DIR,
      ALIBABA_CLOUD_IGNORE_PROFILE: "TRUE",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tFAKE",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "fake",
    },
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

async function create(type: string, name: string, inputs: Record<string, unknown>) {
  const checked = await ali.check(urn(type, name), {}, inputs);
  return ali.create(urn(type, name), checked.inputs);
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  process.env.REHEARSAL_HOME = home;
  process.env.REHEARSAL_TIME_SCALE = "100000";
  delete process.env.FAKE_ALIYUN_STATE;
  const api = (port: number, token: string) => ({ kubeconfig: "/k", server: `https://127.0.0.1:${port}`, caData: "Q0E=", token });
  fs.writeFileSync(
    path.join(home, "world.json"),
    JSON.stringify({ clusters: { hub: { ...api(41001, "hub-token"), server: HUB_SERVER }, acs: api(41002, "acs-token") } }),
  );
  ali.configure({ region: "ap-northeast-1" }, {});
  ids.vpc = (await create("alicloud:vpc/network:Network", "vpc", { vpcName: "ack-vpc", cidrBlock: "192.168.0.0/16" })).id;
  ids.vswA = (
    await create("alicloud:vpc/switch:Switch", "a", { vswitchName: "ack-vpc-a", vpcId: ids.vpc, cidrBlock: "192.168.1.0/24", zoneId: "ap-northeast-1a" })
  ).id;
  ids.vswB = (
    await create("alicloud:vpc/switch:Switch", "b", { vswitchName: "ack-vpc-b", vpcId: ids.vpc, cidrBlock: "192.168.2.0/24", zoneId: "ap-northeast-1b" })
  ).id;
  ids.sg = (await create("alicloud:ecs/securityGroup:SecurityGroup", "sg", { securityGroupName: "ack-vpc-peers", vpcId: ids.vpc })).id;
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe("network", () => {
  it("hands out Alibaba-style ids and writes the vSwitch and security group shapes the aliyun stand-in reads", () => {
    expect(ids.vpc).toMatch(/^vpc-[a-z0-9]{22}$/);
    expect(ids.vswA).toMatch(/^vsw-[a-z0-9]{22}$/);
    expect(state().vswitches[ids.vswA]).toMatchObject({ vpc_id: ids.vpc });
    expect(state().security_groups[ids.sg]).toMatchObject({ vpc_id: ids.vpc });
  });

  it("refuses to delete the VPC while its vSwitches remain (the provider retries DependencyViolation.VSwitch, then fails)", async () => {
    await expect(ali.delete(ids.vpc, urn("alicloud:vpc/network:Network", "vpc"), {})).rejects.toThrow("Specified object has dependent resources");
    const refusals = log().filter((o) => o.op === "delete" && o.id === ids.vpc);
    expect(refusals.length).toBeGreaterThan(0);
    refusals.forEach((o) => expect(o).toMatchObject({ ok: false, error: expect.stringContaining("DependencyViolation.VSwitch") }));
    expect(state().vpcs[ids.vpc]).toBeDefined();
  });
});

describe("dual-tunnel VPN", () => {
  it("gives each tunnel its gateway address by role and its BGP peer, refuses deletes of what the connection uses, and keeps the keys out", async () => {
    const gw = await create("alicloud:vpn/gateway:Gateway", "gw", {
      vpnGatewayName: "ack-gke-vpn",
      vpcId: ids.vpc,
      vswitchId: ids.vswA,
      disasterRecoveryVswitchId: ids.vswB,
      bandwidth: 10,
      paymentType: "PayAsYouGo",
    });
    expect(gw.id).toMatch(/^vpn-/);
    const { internetIp, disasterRecoveryInternetIp } = gw.outs;
    expect(internetIp).toMatch(/^47\.74\./);
    expect(disasterRecoveryInternetIp).not.toBe(internetIp);
    const cgw = await create("alicloud:vpn/customerGateway:CustomerGateway", "cgw", {
      customerGatewayName: "gcp-master",
      ipAddress: "34.104.0.1",
      asn: "65010",
    });
    const tunnel = (role: string, cidr: string, ip: string) => ({
      role,
      customerGatewayId: cgw.id,
      tunnelIkeConfig: { psk: secret(`never-logged-${role}`) },
      tunnelBgpConfig: { localAsn: "65020", localBgpIp: ip, tunnelCidr: cidr },
    });
    const conn = await create("alicloud:vpn/connection:Connection", "conn", {
      vpnConnectionName: "ack-gke-ipsec",
      vpnGatewayId: gw.id,
      enableTunnelsBgp: true,
      tunnelOptionsSpecifications: [tunnel("master", "169.254.10.0/30", "169.254.10.2"), tunnel("slave", "169.254.11.0/30", "169.254.11.2")],
    });
    // As the engine keeps a bridged provider's outputs: the list secret as a whole (its input held
    // the keys), nothing secret inside it, so the program reads it with one unwrap.
    const wrapped = conn.outs.tunnelOptionsSpecifications;
    expect(isSecret(wrapped)).toBe(true);
    const specs = (wrapped as { value: any[] }).value;
    expect(JSON.stringify(specs)).not.toContain("1b47061264138c4ac30d75fd1eb44270");
    expect(specs[0].tunnelIkeConfig.psk).toBe("never-logged-master");
    expect(specs.map((s) => [s.role, s.internetIp])).toEqual([
      ["master", internetIp],
      ["slave", disasterRecoveryInternetIp],
    ]);
    expect(specs[0].tunnelBgpConfig).toMatchObject({ peerAsn: "65010", peerBgpIp: "169.254.10.1" });
    expect(log().at(-1)).toMatchObject({ op: "create", refs: [gw.id, cgw.id, cgw.id] });
    await expect(ali.delete(cgw.id, urn("alicloud:vpn/customerGateway:CustomerGateway", "cgw"), {})).rejects.toThrow(
      "There are vpn connections on specified customer gateway",
    );
    await expect(ali.delete(gw.id, urn("alicloud:vpn/gateway:Gateway", "gw"), {})).rejects.toThrow("VpnDependencyViolation.VpnConnection");
    const files = fs.readFileSync(path.join(stateDir, "state.json"), "utf8") + fs.readFileSync(path.join(home, "operations.jsonl"), "utf8");
    expect(files).not.toContain("never-logged");
  });
});

describe("ACS cluster and the ACK One fleet", () => {
  it("keeps the cluster in the aliyun stand-in's shape, readable by DescribeClusterDetail, with credentials for the local acs server", async () => {
    const acs = await create("alicloud:cs/managedKubernetes:ManagedKubernetes", "acs", {
      name: "ackone-provider-acs",
      profile: "Acs",
      vswitchIds: [ids.vswA, ids.vswB],
      securityGroupId: ids.sg,
    });
    ids.acs = acs.id;
    expect(acs.id).toMatch(/^c[0-9a-f]{32}$/);
    expect(aliyun("cs", "DescribeClusterDetail", "--ClusterId", acs.id)).toMatchObject({
      cluster_id: acs.id,
      name: "ackone-provider-acs",
      cluster_type: "ManagedKubernetes",
      state: "running",
      region_id: "ap-northeast-1",
      vpc_id: ids.vpc,
      vswitch_ids: [ids.vswA, ids.vswB],
      security_group_id: ids.sg,
    });
    const credential = await ali.invoke("alicloud:cs/getClusterCredential:getClusterCredential", { clusterId: acs.id });
    expect(credential.outputs.kubeConfig).toContain("server: https://127.0.0.1:41002");
    expect(credential.outputs.kubeConfig).toContain("token: acs-token");
    await expect(create("alicloud:cs/managedKubernetes:ManagedKubernetes", "acs2", { name: "ackone-provider-acs", vswitchIds: [ids.vswA] })).rejects.toThrow(
      "ErrorClusterNameAlreadyExist",
    );
  });

  it("refuses to delete a vSwitch the cluster uses", async () => {
    await expect(ali.delete(ids.vswB, urn("alicloud:vpc/switch:Switch", "b"), {})).rejects.toThrow(`used by ${ids.acs}`);
  });

  it("makes a hub the aliyun stand-in describes, attaches the cluster as a member, and refuses a change while the hub is updating", async () => {
    const hub = await create("alicloud:ackone/cluster:Cluster", "hub", {
      clusterName: "ackone-hub",
      network: { vpcId: ids.vpc, vswitches: [ids.vswA] },
      argocdEnabled: false,
    });
    expect(aliyun("adcp", "DescribeHubClusterDetails", "--ClusterId", hub.id).Cluster).toMatchObject({
      ClusterInfo: { ClusterId: hub.id, State: "running" },
      Endpoints: { IntranetApiServerEndpoint: HUB_SERVER },
    });
    await create("alicloud:ackone/membershipAttachment:MembershipAttachment", "member", { clusterId: hub.id, subClusterId: ids.acs });
    expect(aliyun("adcp", "DescribeManagedClusters", "--ClusterId", hub.id).Clusters).toEqual([
      { Cluster: { ClusterID: ids.acs, ClusterType: "ExternalKubernetes" }, Status: { State: "attached" } },
    ]);
    await expect(ali.delete(ids.acs, urn("alicloud:cs/managedKubernetes:ManagedKubernetes", "acs"), {})).rejects.toThrow("ErrorClusterInUse");

    // The aliyun stand-in turns the public endpoint on: the hub is updating, and refuses the detach.
    aliyun("adcp", "UpdateHubClusterFeature", "--ClusterId", hub.id, "--PublicApiServerEnabled", "true");
    await expect(ali.delete(`${hub.id}:${ids.acs}`, urn("alicloud:ackone/membershipAttachment:MembershipAttachment", "member"), {})).rejects.toThrow(
      `IncorrectClusterState: The current status of the cluster ${hub.id} is updating`,
    );
    expect(log().at(-1)).toMatchObject({ op: "delete", ok: false, refs: [hub.id, ids.acs] });
    expect(state().hubs[hub.id].members).toEqual({ [ids.acs]: "attached" });
  });

  it("refuses a second attachment while the first one keeps the hub updating", async () => {
    const hub = await create("alicloud:ackone/cluster:Cluster", "hub2", { clusterName: "ackone-hub-2", network: { vpcId: ids.vpc, vswitches: [ids.vswA] } });
    const other = await create("alicloud:cs/serverlessKubernetes:ServerlessKubernetes", "ask", {
      name: "ackone-provider-ask",
      vpcId: ids.vpc,
      vswitchIds: [ids.vswA],
    });
    process.env.REHEARSAL_TIME_SCALE = "600"; // an attachment takes 100 ms
    try {
      const first = create("alicloud:ackone/membershipAttachment:MembershipAttachment", "m1", { clusterId: hub.id, subClusterId: ids.acs });
      const second = create("alicloud:ackone/membershipAttachment:MembershipAttachment", "m2", { clusterId: hub.id, subClusterId: other.id });
      await expect(second).rejects.toThrow(`IncorrectClusterState: The current status of the cluster ${hub.id} is updating`);
      await first;
    } finally {
      process.env.REHEARSAL_TIME_SCALE = "100000";
    }
    expect(state().hubs[hub.id]).toMatchObject({ state: "running", members: { [ids.acs]: "attached" } });
  });
});

describe("the fleet behind the hub", () => {
  const fleetDir = path.join(home, "fleet");
  const fleetState = (value: Record<string, unknown>) => fs.writeFileSync(path.join(fleetDir, "state.json"), JSON.stringify(value));
  beforeEach(() => {
    fs.mkdirSync(fleetDir, { recursive: true });
    // A live process plays the fleet: the stand-in waits only while one runs.
    fs.writeFileSync(path.join(fleetDir, "pid"), String(process.pid));
  });
  afterEach(() => fs.rmSync(fleetDir, { recursive: true, force: true }));

  it("answers a hub's create only once the fleet has prepared the hub", async () => {
    fleetState({ hubPrepared: false, members: {} });
    let done = false;
    const creating = create("alicloud:ackone/cluster:Cluster", "hub3", {
      clusterName: "ackone-hub-3",
      network: { vpcId: ids.vpc, vswitches: [ids.vswA] },
    }).then((r) => {
      done = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(done).toBe(false);
    fleetState({ hubPrepared: true, members: {} });
    await expect(creating).resolves.toMatchObject({ id: expect.stringMatching(/^c[0-9a-f]{32}$/) });
  });

  it("answers a detach only once the fleet has let the member go", async () => {
    fleetState({ hubPrepared: true, members: {} });
    const hub = await create("alicloud:ackone/cluster:Cluster", "hub4", { clusterName: "ackone-hub-4", network: { vpcId: ids.vpc, vswitches: [ids.vswA] } });
    const member = await create("alicloud:ackone/membershipAttachment:MembershipAttachment", "m4", { clusterId: hub.id, subClusterId: ids.acs });
    fleetState({ hubPrepared: true, members: { [ids.acs]: { joined: true } } });
    let done = false;
    const detaching = ali.delete(member.id, urn("alicloud:ackone/membershipAttachment:MembershipAttachment", "m4"), member.outs).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(done).toBe(false);
    expect(state().hubs[hub.id].members).toEqual({});
    fleetState({ hubPrepared: true, members: {} });
    await detaching;
    expect(done).toBe(true);
  });
});
