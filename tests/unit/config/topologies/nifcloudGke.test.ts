/** The nifcloud-gke topology: what it requires beyond the shared sections, and the checks it runs of its own. */
import { DEV_SECRETS, stackProblems } from "../../../helpers/stackConfig";

type Values = Record<string, any>;

describe("the nifcloud-gke topology", () => {
  it("requires the NIFCLOUD credentials as secrets", () => {
    const { nifcloudSecretAccessKey, ...rest } = DEV_SECRETS;
    expect(nifcloudSecretAccessKey).toBeDefined();
    expect(stackProblems("dev", () => undefined, rest).join("\n")).toMatch(/nifcloudSecretAccessKey = \(not set\): is a NIFCLOUD API credential/);
  });

  it("accepts the committed dev stack", () => {
    expect(stackProblems("dev", () => undefined)).toEqual([]);
  });

  // One case per family the topology adds to the shared checks: NIFCLOUD's, GKE's and the mesh's.
  it.each<[string, (v: Values) => void, RegExp]>([
    [
      "NIFCLOUD: the gateway on its LAN's network address",
      (v) => (v.vpnLinks[0].peer.gatewayPrivateIp = "172.16.232.0"),
      /peer\.gatewayPrivateIp = "172\.16\.232\.0": is the network address/,
    ],
    [
      "NIFCLOUD: the bare-metal API server off the routed LAN",
      (v) => (v.clusters[1].existing.apiServer = "https://203.0.113.10:443"),
      /existing\.apiServer = .*GKE's control plane cannot reach it/,
    ],
    ["GKE: a zone of another region", (v) => (v.clusters[0].gke.location = "asia-northeast1-a"), /clusters\[0\]\.gke\.location = "asia-northeast1-a"/],
    [
      "the mesh: the east-west address on the VPN gateway's",
      (v) => (v.clusters[1].eastWestAddress = "172.16.232.2"),
      /eastWestAddress = "172\.16\.232\.2": is also vpnLinks\[0\]\.peer\.gatewayPrivateIp/,
    ],
  ])("runs its own check of %s", (_what, edit, expected) => {
    expect(stackProblems("dev", edit).join("\n")).toMatch(expected);
  });
});
