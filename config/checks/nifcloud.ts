/** The checks only topology nifcloud-gke runs: the NIFCLOUD gateway's address and the one block it routes. */
import { isIpv4, overlaps, parseCidr } from "../../lib/cidr";
import { DraftConfig } from "../draft";
import { Problems } from "../problems";
import { allRanges, routedRanges, singleCoveringBlock } from "../ranges";
import { hostProblem } from "./hostAddress";

/** The NIFCLOUD gateway's LAN address is a usable host of its LAN. */
export function checkGatewayAddress(problems: Problems, config: DraftConfig): void {
  config.vpnLinks.forEach((link, i) => {
    const peerNet = config.networks.find((n) => n.name === link.peerNetwork);
    // A value that is no IPv4 address was reported when it was read.
    if (link.peer.kind !== "nifcloud" || !peerNet || !isIpv4(link.peer.gatewayPrivateIp)) return;
    const why = hostProblem(link.peer.gatewayPrivateIp, peerNet.nodeCidr);
    if (why) {
      problems.add(
        `vpnLinks[${i}].peer.gatewayPrivateIp`,
        link.peer.gatewayPrivateIp,
        `${why} (${peerNet.name}), so it is not a usable host address`,
        "pick a free host address inside the private LAN, e.g. the .2 address",
      );
    }
  });
}

/** NIFCLOUD routes one LAN-side block to the tunnel: it must not swallow the peer's own ranges. */
export function checkNifcloudCoveringBlock(problems: Problems, config: DraftConfig): void {
  config.vpnLinks.forEach((link, i) => {
    if (link.peer.kind !== "nifcloud") return;
    const gcpNet = config.networks.find((n) => n.name === link.gcpNetwork);
    const peerNet = config.networks.find((n) => n.name === link.peerNetwork);
    if (!gcpNet || !peerNet || !routedRanges(gcpNet).every((r) => parseCidr(r))) return;
    const block = singleCoveringBlock(routedRanges(gcpNet));
    const blockCidr = parseCidr(block);
    for (const range of allRanges(peerNet)) {
      const cidr = parseCidr(range);
      if (blockCidr && cidr && overlaps(blockCidr, cidr)) {
        problems.add(
          `vpnLinks[${i}].gcpNetwork`,
          link.gcpNetwork,
          `routes ${block} to NIFCLOUD (the one block covering its node, pod and service ranges), which overlaps ${peerNet.name}'s ${range}`,
          "keep the GCP network's node, pod and service ranges inside one compact block, e.g. all within 10.128.0.0/12",
        );
      }
    }
  });
}
