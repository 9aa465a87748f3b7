/** The NIFCLOUD checks: the gateway's LAN address and the one block NIFCLOUD routes to the tunnel. */
import { checkGatewayAddress, checkNifcloudCoveringBlock } from "../../../../config/checks/nifcloud";
import { alibabaNetwork, alibabaPeer, draftConfig, gcpNetwork, link, nifcloudNetwork, nifcloudPeer, problemsOf } from "../../../helpers/draftConfig";

const P = "multicloud-mesh:";

describe("checkGatewayAddress", () => {
  const at = (gatewayPrivateIp: string) => draftConfig({ vpnLinks: [link({ peer: nifcloudPeer({ gatewayPrivateIp }) })] });
  it("accepts a host of the LAN", () => {
    expect(problemsOf(checkGatewayAddress, at("172.16.232.2"))).toEqual([]);
  });
  it("rejects the LAN's network address", () => {
    expect(problemsOf(checkGatewayAddress, at("172.16.232.0"))).toEqual([
      `${P}vpnLinks[0].peer.gatewayPrivateIp = "172.16.232.0": is the network address of 172.16.232.0/24 (nifclan), so it is not a usable host address. Fix: pick a free host address inside the private LAN, e.g. the .2 address`,
    ]);
  });
  it("checks only NIFCLOUD peers", () => {
    const config = draftConfig({ networks: [gcpNetwork(), alibabaNetwork()], vpnLinks: [link({ peer: alibabaPeer() })] });
    expect(problemsOf(checkGatewayAddress, config)).toEqual([]);
  });
});

describe("checkNifcloudCoveringBlock", () => {
  it("accepts GCP ranges whose covering block stays clear of the LAN's ranges", () => {
    expect(problemsOf(checkNifcloudCoveringBlock, draftConfig())).toEqual([]);
  });
  it("rejects GCP ranges so far apart that their one block covers the LAN's service range", () => {
    const config = draftConfig({ networks: [gcpNetwork({ serviceCidr: "10.64.0.0/20" }), nifcloudNetwork()] });
    expect(problemsOf(checkNifcloudCoveringBlock, config)).toEqual([
      `${P}vpnLinks[0].gcpNetwork = "gcp-net": routes 10.0.0.0/8 to NIFCLOUD (the one block covering its node, pod and service ranges), which overlaps nifclan's 10.96.0.0/20. Fix: keep the GCP network's node, pod and service ranges inside one compact block, e.g. all within 10.128.0.0/12`,
    ]);
  });
});
