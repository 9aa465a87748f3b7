/** Resolves a link's network names to the networks, typed by the peer's cloud. */
import { DraftConfig, DraftLink } from "./draft";
import { AlibabaLinkSpec, AlibabaNetworkSpec, GcpNetworkSpec, NetworkSpec, NifcloudLinkSpec, NifcloudNetworkSpec } from "./types";

const isGcp = (n: NetworkSpec | undefined): n is GcpNetworkSpec => n?.cloud === "gcp";
const isNifcloud = (n: NetworkSpec | undefined): n is NifcloudNetworkSpec => n?.cloud === "nifcloud";
const isAlibaba = (n: NetworkSpec | undefined): n is AlibabaNetworkSpec => n?.cloud === "alibaba";

const networksOf = (config: DraftConfig, link: DraftLink) => ({
  gcp: config.networks.find((n) => n.name === link.gcpNetwork),
  peer: config.networks.find((n) => n.name === link.peerNetwork),
});

/** The link with its networks when its peer is NIFCLOUD and both networks match (the checks report when not). */
export function resolveNifcloudLink(config: DraftConfig, link: DraftLink): NifcloudLinkSpec | undefined {
  const { gcp, peer } = networksOf(config, link);
  const spec = link.peer;
  return spec.kind === "nifcloud" && isGcp(gcp) && isNifcloud(peer) ? { ...link, peer: spec, networks: { gcp, peer } } : undefined;
}

/** The link with its networks when its peer is Alibaba and both networks match. */
export function resolveAlibabaLink(config: DraftConfig, link: DraftLink): AlibabaLinkSpec | undefined {
  const { gcp, peer } = networksOf(config, link);
  const spec = link.peer;
  return spec.kind === "alibaba" && isGcp(gcp) && isAlibaba(peer) ? { ...link, peer: spec, networks: { gcp, peer } } : undefined;
}
