/** A link's network names resolved to the networks, typed by the peer's cloud. */
import { DraftConfig, DraftLink } from "../../../config/draft";
import { resolveAlibabaLink, resolveNifcloudLink } from "../../../config/resolve";
import { NetworkSpec } from "../../../config/types";

const gcp: NetworkSpec = { name: "anthos-hybrid", cloud: "gcp", nodeCidr: "10.128.0.0/20", podCidr: "10.132.0.0/14", serviceCidr: "10.136.0.0/20" };
const nifclan: NetworkSpec = { name: "nifclan", cloud: "nifcloud", nodeCidr: "172.16.232.0/24" };
const vpc: NetworkSpec = {
  name: "ackone-vpc",
  cloud: "alibaba",
  nodeCidr: "192.168.0.0/16",
  serviceCidr: "172.21.0.0/20",
  zones: [{ zoneId: "ap-northeast-1a", cidr: "192.168.1.0/24" }],
};

const nifcloudLink = { name: "nifc-anthos", gcpNetwork: "anthos-hybrid", peerNetwork: "nifclan", peer: { kind: "nifcloud" } } as unknown as DraftLink;
const alibabaLink = { name: "gke-ackone", gcpNetwork: "anthos-hybrid", peerNetwork: "ackone-vpc", peer: { kind: "alibaba" } } as unknown as DraftLink;
const config = (networks: NetworkSpec[]) => ({ networks }) as unknown as DraftConfig;
const withNetworks = (link: DraftLink, gcpNetwork: string, peerNetwork: string): DraftLink => ({ ...link, gcpNetwork, peerNetwork });

describe("resolveNifcloudLink", () => {
  it("hands the link its GCP network and its NIFCLOUD network", () => {
    const resolved = resolveNifcloudLink(config([gcp, nifclan, vpc]), nifcloudLink);
    expect(resolved?.networks).toEqual({ gcp, peer: nifclan });
    expect(resolved?.peer).toBe(nifcloudLink.peer);
  });

  it.each([
    ["the peer network is an Alibaba one", withNetworks(nifcloudLink, "anthos-hybrid", "ackone-vpc")],
    ["the GCP side names the NIFCLOUD network", withNetworks(nifcloudLink, "nifclan", "nifclan")],
    ["the peer network is not declared", withNetworks(nifcloudLink, "anthos-hybrid", "nowhere")],
    ["the peer is an Alibaba one", alibabaLink],
  ])("resolves nothing when %s", (_what, link) => {
    expect(resolveNifcloudLink(config([gcp, nifclan, vpc]), link)).toBeUndefined();
  });
});

describe("resolveAlibabaLink", () => {
  it("hands the link its GCP network and its Alibaba VPC", () => {
    expect(resolveAlibabaLink(config([gcp, nifclan, vpc]), alibabaLink)?.networks).toEqual({ gcp, peer: vpc });
  });

  it.each([
    ["the peer network is a NIFCLOUD one", withNetworks(alibabaLink, "anthos-hybrid", "nifclan")],
    ["the GCP network is missing", withNetworks(alibabaLink, "gone", "ackone-vpc")],
    ["the peer is a NIFCLOUD one", withNetworks(nifcloudLink, "anthos-hybrid", "ackone-vpc")],
  ])("resolves nothing when %s", (_what, link) => {
    expect(resolveAlibabaLink(config([gcp, nifclan, vpc]), link)).toBeUndefined();
  });
});
