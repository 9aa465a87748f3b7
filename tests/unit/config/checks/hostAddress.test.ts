/** Host addresses: the network and broadcast addresses are not hosts; a .255 inside a /23 is. */
import { hostProblem } from "../../../../config/checks/hostAddress";
import { stackProblems } from "../../../helpers/stackConfig";

it.each([
  ["172.16.232.255", "172.16.232.0/24", /broadcast address/],
  ["172.16.232.0", "172.16.232.0/24", /network address/],
  ["172.16.233.2", "172.16.232.0/24", /is outside/],
  ["172.16.232.300", "172.16.232.0/24", /^is not an IPv4 address \(four numbers from 0 to 255\)$/],
  ["172.16.232", "172.16.232.0/24", /^is not an IPv4 address/],
])("%s in %s is not a host", (ip, cidr, why) => {
  expect(hostProblem(ip, cidr)).toMatch(why);
});

it.each([
  ["172.16.232.255", "172.16.232.0/23"],
  ["172.16.233.0", "172.16.232.0/23"],
  ["10.0.0.1", "10.0.0.0/31"],
])("%s in %s is a host", (ip, cidr) => {
  expect(hostProblem(ip, cidr)).toBeUndefined();
});

describe("in the dev stack", () => {
  it("rejects the LAN's broadcast address as the gateway's", () => {
    expect(stackProblems("dev", (v) => (v.vpnLinks[0].peer.gatewayPrivateIp = "172.16.232.255"))).toEqual([
      expect.stringMatching(/gatewayPrivateIp = "172\.16\.232\.255": is the broadcast address of 172\.16\.232\.0\/24 \(nifclan\).*Fix: pick a free host/),
    ]);
  });
  it("rejects the broadcast address as the east-west address", () => {
    expect(stackProblems("dev", (v) => (v.clusters[1].eastWestAddress = "172.16.232.255"))).toEqual([
      expect.stringMatching(/clusters\[1\]\.eastWestAddress = "172\.16\.232\.255": is the broadcast address/),
    ]);
  });
  it("accepts a .255 host in a /23 LAN", () => {
    expect(
      stackProblems("dev", (v) => {
        v.networks[1].nodeCidr = "172.16.232.0/23";
        v.vpnLinks[0].peer.gatewayPrivateIp = "172.16.232.255";
      }),
    ).toEqual([]);
  });
});
