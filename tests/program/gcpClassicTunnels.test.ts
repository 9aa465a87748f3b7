/** Classic VPN tunnels under mocks: one policy-based tunnel (the NIFCLOUD link's) and two route-based ones (Alibaba's). */
import * as pulumi from "@pulumi/pulumi";
import { fakeCloudState } from "../helpers/fakeClouds";
import { Recorded, isSecretValue, plain, recordResources, settle } from "../helpers/mocks";
import { DEFAULT_IPSEC } from "../helpers/ipsec";

let recorded: Recorded[];
let empty: unknown;
let unselected: unknown;
const named = (prefix: string, type: string) =>
  recorded.filter((r) => r.type === type && r.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));

beforeAll(async () => {
  ({ recorded } = await recordResources("multicloud-mesh", "components", fakeCloudState));
  const { GcpClassicTunnels } = await import("../../components/vpn/gcpClassicTunnels");
  const { GcpVpnGateway } = await import("../../components/vpn/gcpVpnGateway");
  const gateway = new GcpVpnGateway("gw", { name: "gw", region: "us-central1", network: "vpc-id" });
  const common = { region: "us-central1", network: "vpc-id", gateway, crypto: DEFAULT_IPSEC, peerRanges: ["192.168.0.0/16"] };
  new GcpClassicTunnels("one", {
    ...common,
    tunnels: [{ name: "tn", peerAddress: "198.51.100.99", preSharedKey: pulumi.secret("key") }],
    routing: "policy-based",
    localRanges: ["10.128.0.0/20", "10.132.0.0/14"],
  });
  new GcpClassicTunnels("two", {
    ...common,
    tunnels: [
      { name: "two-tn0", peerAddress: "198.51.100.1", preSharedKey: pulumi.secret("key-0") },
      { name: "two-tn1", peerAddress: "198.51.100.2", preSharedKey: pulumi.secret("key-1") },
    ],
  });
  try {
    new GcpClassicTunnels("none", { ...common, tunnels: [] });
  } catch (e) {
    empty = e;
  }
  try {
    new GcpClassicTunnels("unselected", { ...common, tunnels: [{ name: "u", peerAddress: "198.51.100.3", preSharedKey: "k" }], routing: "policy-based" });
  } catch (e) {
    unselected = e;
  }
  await settle(recorded);
});

describe("one policy-based tunnel", () => {
  it("selects the given ranges, meets the peer's address with a secret key, under the tunnel's own name", () => {
    const [tunnel] = named("one", "gcp:compute/vPNTunnel:VPNTunnel");
    expect(tunnel.name).toBe("one-tunnel");
    expect(plain(tunnel.inputs)).toMatchObject({
      name: "tn",
      peerIp: "198.51.100.99",
      localTrafficSelectors: ["10.128.0.0/20", "10.132.0.0/14"],
      remoteTrafficSelectors: ["192.168.0.0/16"],
    });
    expect(isSecretValue(tunnel.inputs.sharedSecret)).toBe(true);
  });
  it("routes each peer range into the tunnel, policy-based too", () => {
    expect(named("one", "gcp:compute/route:Route").map((r) => [r.name, r.inputs.name, r.inputs.destRange, r.inputs.priority])).toEqual([
      ["one-route-0", "tn-r0", "192.168.0.0/16", 1000],
    ]);
  });
});

describe("two route-based tunnels", () => {
  it("select everything and meet one peer address each", () => {
    const tunnels = named("two", "gcp:compute/vPNTunnel:VPNTunnel");
    expect(tunnels.map((t) => [t.name, t.inputs.name, plain(t.inputs.peerIp), t.inputs.localTrafficSelectors])).toEqual([
      ["two-tn0", "two-tn0", "198.51.100.1", ["0.0.0.0/0"]],
      ["two-tn1", "two-tn1", "198.51.100.2", ["0.0.0.0/0"]],
    ]);
  });
  it("route every peer range via both, the first tunnel preferred", () => {
    expect(named("two", "gcp:compute/route:Route").map((r) => [r.name, r.inputs.name, r.inputs.priority])).toEqual([
      ["two-tn0-r0", "two-tn0-r0", 1000],
      ["two-tn1-r0", "two-tn1-r0", 1100],
    ]);
  });
});

it("refuses no tunnel, and a policy-based tunnel without local ranges, naming the argument", () => {
  expect(String(empty)).toContain("tunnels: empty");
  expect(String(unselected)).toContain("localRanges: empty");
  expect(named("none", "gcp:compute/vPNTunnel:VPNTunnel")).toEqual([]);
  expect(named("unselected", "gcp:compute/vPNTunnel:VPNTunnel")).toEqual([]);
});
