/** VpnPair on its own under mocks: a pluggable VPN peer. */
import * as pulumi from "@pulumi/pulumi";
import { fakeCloudState } from "../helpers/fakeClouds";
import { Recorded, isSecretValue, plain, recordResources, settle } from "../helpers/mocks";
import { DEFAULT_IPSEC } from "../helpers/ipsec";

let recorded: Recorded[];
const policy = DEFAULT_IPSEC;

beforeAll(async () => {
  ({ recorded } = await recordResources("multicloud-mesh", "components", fakeCloudState));
  const { VpnPair } = await import("../../components/vpn/vpnPair");

  const seen: Record<string, unknown> = {};
  new VpnPair("link", {
    gatewayName: "gw",
    tunnelName: "tn",
    region: "us-central1",
    network: "vpc-id",
    crypto: policy,
    routing: "policy-based",
    gcpRanges: ["10.128.0.0/20", "10.132.0.0/14"],
    peerRanges: ["192.168.0.0/16"],
    peer: (request) => {
      seen.request = request.name;
      request.gcpVpnAddress.apply((ip) => {
        seen.gcpIp = ip;
      });
      return { publicIp: pulumi.output("198.51.100.99"), ready: [] };
    },
  });
  await settle(recorded);
});

describe("VpnPair with any peer", () => {
  it("gives the peer the GCP address and points the tunnel at the peer's address", () => {
    const tunnel = recorded.find((r) => r.type === "gcp:compute/vPNTunnel:VPNTunnel")!;
    expect(plain(tunnel.inputs)).toMatchObject({
      peerIp: "198.51.100.99",
      localTrafficSelectors: ["10.128.0.0/20", "10.132.0.0/14"],
      remoteTrafficSelectors: ["192.168.0.0/16"],
    });
    expect(isSecretValue(tunnel.inputs.sharedSecret)).toBe(true);
  });
  it("routes each peer range into the tunnel, policy-based too", () => {
    const routes = recorded.filter((r) => r.type === "gcp:compute/route:Route");
    expect(routes.map((r) => r.inputs.destRange)).toEqual(["192.168.0.0/16"]);
  });
});
