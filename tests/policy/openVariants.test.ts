/**
 * The pack catches every way of opening a rule to the internet, not only the literal 0.0.0.0/0:
 * ranges whose union covers a public share of IPv4, a GCP ingress rule with no source at all, the
 * NIFCLOUD rules in the API's own `IpRanges` form, and a GKE control plane reachable from anywhere.
 * Crafted resources, shaped as the program registers them, against the pack's rules.
 */
import { controlPlaneAccess } from "../../components/gke/controlPlaneAccess";
import { scriptCommandLine } from "../../lib/scriptCommandLine";
import { RESOURCE_RULES } from "../../policy/rules/catalog";
import { Resource } from "../../policy/rules/resource";

/** Every message the pack's resource rules report for one resource. */
const violations = (r: Resource): string[] => RESOURCE_RULES.flatMap((rule) => rule.check(r, { lifecycle: "ephemeral" }));

const gcpFirewall = (props: Record<string, unknown>): Resource => ({
  type: "gcp:compute/firewall:Firewall",
  name: "open-fw",
  props: { direction: "INGRESS", allows: [{ protocol: "tcp", ports: ["15443"] }], ...props },
});
const alibabaRule = (cidrIp: string): Resource => ({
  type: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
  name: "open-sg",
  props: { type: "ingress", ipProtocol: "tcp", portRange: "15443/15443", policy: "accept", cidrIp },
});
const nifcloudRules = (rules: object[]): Resource => ({
  type: "command:local:Command",
  name: "fw-run",
  props: { create: scriptCommandLine("nifcloud/firewall-group.sh", "create"), environment: { FW_RULES: JSON.stringify(rules) } },
});
const gkeCluster = (props: Record<string, unknown>): Resource => ({
  type: "gcp:container/cluster:Cluster",
  name: "gke-cluster",
  props: { name: "c", location: "us-central1-c", deletionProtection: false, ...props },
});

describe("open variants the pack fails", () => {
  it.each([
    ["two halves of IPv4", gcpFirewall({ sourceRanges: ["0.0.0.0/1", "128.0.0.0/1"] })],
    ["no source at all (GCP then admits 0.0.0.0/0)", gcpFirewall({})],
    ["a /7 of public space", gcpFirewall({ sourceRanges: ["8.0.0.0/7"] })],
    ["an Alibaba rule open to half of IPv4", alibabaRule("0.0.0.0/1")],
    ["a NIFCLOUD rule written with IpRanges", nifcloudRules([{ IpProtocol: "TCP", FromPort: 15443, InOut: "IN", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }])],
    ["a GKE control plane with no authorized networks", gkeCluster({})],
  ])("%s", (_, resource) => {
    expect(violations(resource)).toEqual([expect.stringMatching(/^(open-fw|open-sg|fw-run|gke-cluster) /)]);
  });

  it("names the resource, the public share and the fix", () => {
    expect(violations(gcpFirewall({ sourceRanges: ["8.0.0.0/7"] }))).toEqual([
      "open-fw admits 33554432 public IPv4 addresses (8.0.0.0/7), more than the 65536 of a /16; name the peer ranges or addresses instead",
    ]);
    expect(violations(gcpFirewall({}))).toEqual([
      "open-fw admits 0.0.0.0/0 (an ingress rule with no source admits every address); name the peer ranges or addresses instead",
    ]);
  });
});

describe("rules the pack keeps passing", () => {
  it.each([
    ["the peer's private ranges", gcpFirewall({ sourceRanges: ["172.16.232.0/24", "10.132.0.0/14"] })],
    ["a source tag instead of ranges", gcpFirewall({ sourceTags: ["mesh"] })],
    ["a deny rule from everywhere", gcpFirewall({ allows: undefined, denies: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"] })],
    ["a disabled rule", gcpFirewall({ disabled: true, sourceRanges: ["0.0.0.0/0"] })],
    ["an egress rule", gcpFirewall({ direction: "EGRESS", destinationRanges: ["0.0.0.0/0"] })],
    ["the user's own /16 of public space", gcpFirewall({ sourceRanges: ["203.0.0.0/16"] })],
    ["an Alibaba rule from GKE's ranges", alibabaRule("10.146.0.0/20")],
    ["NIFCLOUD IKE from the Cloud VPN address", nifcloudRules([{ IpProtocol: "UDP", FromPort: 500, InOut: "IN", IpRanges: [{ CidrIp: "34.1.2.3/32" }] }])],
    ["a GKE control plane behind authorized networks", gkeCluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "172.16.232.0/24" }] } })],
    ["a GKE cluster with only a private endpoint", gkeCluster({ privateClusterConfig: { enablePrivateEndpoint: true } })],
  ])("%s", (_, resource) => {
    expect(violations(resource)).toEqual([]);
  });
});

describe("GKE control planes the pack fails", () => {
  it("fails authorized networks that cover a public share, and Google Cloud's public addresses", () => {
    expect(violations(gkeCluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/0" }] } }))).toHaveLength(1);
    expect(violations(gkeCluster({ masterAuthorizedNetworksConfig: { cidrBlocks: [], gcpPublicCidrsAccessEnabled: true } }))).toEqual([
      expect.stringContaining("gke-cluster admits every Google Cloud public address to its control plane"),
    ]);
  });
});

describe("the gke-authorized-networks rule", () => {
  it("fails the preview (mandatory), now that the stacks' clusters meet it", () => {
    expect(RESOURCE_RULES.find((r) => r.name === "gke-authorized-networks")?.enforcement ?? "mandatory").toBe("mandatory");
  });
  it("passes what the GKE component sets, with no range (private endpoint only) or with a named public range", () => {
    expect(violations(gkeCluster({ ...controlPlaneAccess([]) }))).toEqual([]);
    expect(violations(gkeCluster({ ...controlPlaneAccess([{ name: "ci-runner", cidr: "8.8.4.0/24" }]) }))).toEqual([]);
  });
  it("fails a public endpoint with the authorized networks off, as the clusters were before", () => {
    expect(violations(gkeCluster({ privateClusterConfig: { enablePrivateEndpoint: false } }))).toEqual([
      expect.stringContaining("gke-cluster has a public control-plane endpoint and no master authorized networks"),
    ]);
  });
});
