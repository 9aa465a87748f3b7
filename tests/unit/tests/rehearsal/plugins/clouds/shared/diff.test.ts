/**
 * Replace exactly when the real provider would: decisions for this project's own changes, with
 * the ForceNew tables read from terraform-provider-google-beta and terraform-provider-alicloud.
 */
import { cidrContains, decide, loadForceNew } from "../../../../../../rehearsal/plugins/clouds/shared/diff";
import { UNKNOWN, secret } from "../../../../../../rehearsal/plugins/clouds/shared/values";

const gcp = loadForceNew("gcp").types;
const ali = loadForceNew("alicloud").types;
const rnd = loadForceNew("random").types;
const named = (props: Record<string, unknown>) => ({ ...props, __defaults: [] });

describe("GCP", () => {
  const cluster = named({
    name: "ackone-consumer-gke",
    location: "asia-northeast1-a",
    releaseChannel: { channel: "REGULAR" },
    ipAllocationPolicy: { clusterSecondaryRangeName: "gke-pods", servicesSecondaryRangeName: "gke-services" },
  });

  it("updates a GKE cluster in place for a release-channel change", () => {
    const d = decide(gcp["gcp:container/cluster:Cluster"], cluster, { ...cluster, releaseChannel: { channel: "STABLE" } }, cluster);
    expect(d).toMatchObject({ changes: true, replaces: [], deleteBeforeReplace: false, detailed: { releaseChannel: "update" } });
  });

  it("replaces a GKE cluster, deleting first, when its pod range name changes (a nested ForceNew path)", () => {
    const news = { ...cluster, ipAllocationPolicy: { clusterSecondaryRangeName: "other-pods", servicesSecondaryRangeName: "gke-services" } };
    const d = decide(gcp["gcp:container/cluster:Cluster"], cluster, news, cluster);
    expect(d.replaces).toEqual(["ipAllocationPolicy"]);
    // the name is given explicitly: the bridge asks for delete-before-replace
    expect(d.deleteBeforeReplace).toBe(true);
  });

  it("updates a node pool in place for a network tag, and replaces it for another service account (ForceNew inside the ForceNew block)", () => {
    const rules = gcp["gcp:container/nodePool:NodePool"];
    const nodeConfig = { machineType: "e2-standard-4", oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"] };
    const pool = named({ name: "nifc-anthosgke-cls-pool", nodeConfig });
    const tagged = { ...pool, nodeConfig: { ...nodeConfig, tags: ["nifc-anthosgke-cls-nodes"] } };
    expect(decide(rules, pool, tagged, pool)).toMatchObject({ changes: true, replaces: [], detailed: { nodeConfig: "update" } });
    const otherAccount = { ...tagged, nodeConfig: { ...tagged.nodeConfig, serviceAccount: "nodes@example-mesh-project.iam.gserviceaccount.com" } };
    expect(decide(rules, tagged, otherAccount, tagged)).toMatchObject({ replaces: ["nodeConfig"], deleteBeforeReplace: true });
    expect(decide(rules, named({ name: "p" }), named({ name: "p", nodeConfig: { tags: ["t"] } }), named({ name: "p" })).replaces).toEqual(["nodeConfig"]);
  });

  it("updates a GKE cluster in place when its control plane goes private or gets authorized networks", () => {
    const news = {
      ...cluster,
      privateClusterConfig: { enablePrivateEndpoint: true },
      masterAuthorizedNetworksConfig: { cidrBlocks: [], gcpPublicCidrsAccessEnabled: false },
    };
    expect(decide(gcp["gcp:container/cluster:Cluster"], cluster, news, cluster)).toMatchObject({ changes: true, replaces: [] });
    const ranged = { ...news, privateClusterConfig: { enablePrivateEndpoint: true, masterIpv4CidrBlock: "172.16.0.0/28" } };
    expect(decide(gcp["gcp:container/cluster:Cluster"], news, ranged, news).replaces).toEqual(["privateClusterConfig"]);
  });

  it("replaces a service account whose id changes, deleting first; a role binding whose member changes", () => {
    const account = named({ accountId: "nifc-anthosgke-cls-nodes", displayName: "a" });
    expect(decide(gcp["gcp:serviceaccount/account:Account"], account, { ...account, displayName: "b" }, account).replaces).toEqual([]);
    expect(decide(gcp["gcp:serviceaccount/account:Account"], account, { ...account, accountId: "other-nodes" }, account)).toMatchObject({
      replaces: ["accountId"],
      deleteBeforeReplace: true,
    });
    const grant = { project: "p", role: "roles/logging.logWriter", member: "serviceAccount:a@p.iam.gserviceaccount.com" };
    expect(decide(gcp["gcp:projects/iAMMember:IAMMember"], grant, { ...grant, member: "serviceAccount:b@p.iam.gserviceaccount.com" }, grant)).toMatchObject({
      replaces: ["member"],
      deleteBeforeReplace: false,
    });
  });

  it("replaces a VPN tunnel when its shared secret changes, and sees no change when only secretness differs", () => {
    const tunnel = named({ name: "ack-gke-tn0", region: "asia-northeast1", sharedSecret: secret("old-key"), ikeVersion: 2 });
    const rules = gcp["gcp:compute/vPNTunnel:VPNTunnel"];
    expect(decide(rules, tunnel, { ...tunnel, sharedSecret: secret("new-key") }, tunnel)).toMatchObject({
      replaces: ["sharedSecret"],
      deleteBeforeReplace: true,
    });
    expect(decide(rules, tunnel, { ...tunnel, sharedSecret: "old-key" }, tunnel).changes).toBe(false);
  });

  it("replaces a network whose name changes; updates one whose routing mode changes", () => {
    const net = named({ name: "gke-ackone", autoCreateSubnetworks: false, routingMode: "REGIONAL" });
    const rules = gcp["gcp:compute/network:Network"];
    expect(decide(rules, net, { ...net, name: "renamed" }, net).replaces).toEqual(["name"]);
    expect(decide(rules, net, { ...net, routingMode: "GLOBAL" }, net)).toMatchObject({ changes: true, replaces: [] });
  });

  it("replaces a subnetwork whose range shrinks, updates one whose range grows (IsShrinkageIpCidr)", () => {
    const sub = named({ name: "gke-ackone", ipCidrRange: "10.146.0.0/20" });
    const rules = gcp["gcp:compute/subnetwork:Subnetwork"];
    expect(decide(rules, sub, { ...sub, ipCidrRange: "10.146.0.0/19" }, sub)).toMatchObject({ changes: true, replaces: [] });
    expect(decide(rules, sub, { ...sub, ipCidrRange: "10.146.0.0/21" }, sub).replaces).toEqual(["ipCidrRange"]);
  });

  it("replaces what a changed provider project moves, and nothing when the project is unchanged", () => {
    const net = named({ name: "gke-ackone" });
    const olds = { ...net, project: "p1", selfLink: "x" };
    const rules = gcp["gcp:compute/network:Network"];
    expect(decide(rules, olds, net, net, { project: "p1" }).changes).toBe(false);
    expect(decide(rules, olds, net, net, { project: "p2" }).replaces).toEqual(["project"]);
  });

  it("treats a value unknown at preview as a possible change of a ForceNew input", () => {
    const route = named({ name: "r0", nextHopVpnTunnel: "projects/p/regions/r/vpnTunnels/t" });
    expect(decide(gcp["gcp:compute/route:Route"], route, { ...route, nextHopVpnTunnel: UNKNOWN }, route).replaces).toEqual(["nextHopVpnTunnel"]);
  });

  it("does not delete first when the bridge filled the name in", () => {
    const net = { name: "vpc-1a2b3c4", __defaults: ["name"], description: "a" };
    expect(decide(gcp["gcp:compute/network:Network"], net, { ...net, description: "b" }, net)).toMatchObject({
      replaces: ["description"],
      deleteBeforeReplace: false,
    });
  });
});

describe("Alibaba", () => {
  const tunnel = (psk: string, cgw = "cgw-1") => ({
    role: "master",
    customerGatewayId: cgw,
    tunnelIkeConfig: { psk: secret(psk), ikeVersion: "ikev2" },
    tunnelIpsecConfig: { ipsecEncAlg: "aes256" },
  });
  const connection = named({ vpnConnectionName: "ack-gke-ipsec", vpnGatewayId: "vpn-1", tunnelOptionsSpecifications: [tunnel("a")] });
  const rules = ali["alicloud:vpn/connection:Connection"];

  it("updates a VPN connection in place when a tunnel's pre-shared key changes (psk is not ForceNew in v1.289.0)", () => {
    expect(decide(rules, connection, { ...connection, tunnelOptionsSpecifications: [tunnel("b")] }, connection)).toMatchObject({ changes: true, replaces: [] });
  });

  it("replaces a VPN connection whose tunnel moves to another customer gateway", () => {
    const d = decide(rules, connection, { ...connection, tunnelOptionsSpecifications: [tunnel("a", "cgw-2")] }, connection);
    expect(d).toMatchObject({ replaces: ["tunnelOptionsSpecifications"], deleteBeforeReplace: false });
  });

  it("replaces an ACS cluster whose profile changes, deleting first because its name is given", () => {
    const acs = named({ name: "ackone-provider-acs", profile: "Acs", vswitchIds: ["vsw-1"] });
    const d = decide(ali["alicloud:cs/managedKubernetes:ManagedKubernetes"], acs, { ...acs, profile: "Default" }, acs);
    expect(d).toMatchObject({ replaces: ["profile"], deleteBeforeReplace: true });
    // vSwitches of an ACS cluster are not ForceNew upstream: an update
    expect(decide(ali["alicloud:cs/managedKubernetes:ManagedKubernetes"], acs, { ...acs, vswitchIds: ["vsw-2"] }, acs).replaces).toEqual([]);
  });

  it("replaces an ASK cluster whose vSwitches change (ForceNew for serverless)", () => {
    const ask = named({ name: "ackone-provider-ask", vswitchIds: ["vsw-1"] });
    expect(decide(ali["alicloud:cs/serverlessKubernetes:ServerlessKubernetes"], ask, { ...ask, vswitchIds: ["vsw-2"] }, ask).replaces).toEqual(["vswitchIds"]);
  });

  it("replaces a VPN gateway whose bandwidth changes, create-before-delete (its name input is the bridge's)", () => {
    const gw = { vpnGatewayName: "ack-gke-vpn", bandwidth: 10, name: "ack-gke-alibaba-gateway-1a2b3c4", __defaults: ["name"] };
    expect(decide(ali["alicloud:vpn/gateway:Gateway"], gw, { ...gw, bandwidth: 100 }, gw)).toMatchObject({
      replaces: ["bandwidth"],
      deleteBeforeReplace: false,
    });
  });
});

describe("random", () => {
  const rules = rnd["random:index/randomPassword:RandomPassword"];
  const psk = { length: 64, special: false, minUpper: 4 };

  it("replaces a password on any argument change, but not when an argument only spells out its default", () => {
    expect(decide(rules, psk, { ...psk, length: 32 }, psk).replaces).toEqual(["length"]);
    expect(decide(rules, psk, { ...psk, upper: true }, psk).changes).toBe(false);
  });

  it("replaces on a changed keeper, not on a keeper whose value is null on both sides", () => {
    const kept = { ...psk, keepers: { a: "1" } };
    expect(decide(rules, kept, { ...psk, keepers: { a: "2" } }, kept).replaces).toEqual(["keepers"]);
    expect(decide(rules, psk, { ...psk, keepers: { a: null } }, psk).replaces).toEqual([]);
  });
});

it("cidrContains", () => {
  expect(cidrContains("10.0.0.0/8", "10.1.0.0/16")).toBe(true);
  expect(cidrContains("10.1.0.0/16", "10.0.0.0/8")).toBe(false);
});
