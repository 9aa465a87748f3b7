/** Links: shared peer objects, topology mismatches, https endpoints. */
import { stackProblems } from "../../../helpers/stackConfig";

type Edit = (v: Record<string, any>) => void;

/** A second NIFCLOUD link from the first, with its own link and GCP names. */
const secondLink: Edit = (v) => {
  const copy = structuredClone(v.vpnLinks[0]);
  v.vpnLinks.push({ ...copy, name: "nifc-two", gcpGatewayName: "nifc-two-vpn", gcpTunnelName: "nifc-two-tn" });
};

/** Both links own every NIFCLOUD object, the LAN included. */
const owningEverything: Edit = (v) => {
  v.vpnLinks[0].peer.ownership = { firewallGroup: "own", privateLan: "own", vpnGateway: "own", customerGateway: "own" };
  v.vpnLinks[0].peer.privateLan = { name: "NifcAnthosLan" };
  secondLink(v);
};

describe("two links sharing NIFCLOUD object names", () => {
  it("are rejected for each shared object", () => {
    const problems = stackProblems("dev", owningEverything);
    for (const field of ["firewallGroup", "gatewayName", "customerGatewayName", "privateLan.name"]) {
      expect(problems).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `vpnLinks\\[1\\]\\.peer\\.${field.replace(".", "\\.")} = .*: is also vpnLinks\\[0\\]\\.peer\\.${field.replace(".", "\\.")}: .*Fix: give each link its own names`,
          ),
        ),
      );
    }
  });

  it("may share a private LAN that the second link adopts", () => {
    const problems = stackProblems("dev", (v) => {
      secondLink(v);
      v.vpnLinks[1].peer = {
        ...v.vpnLinks[1].peer,
        firewallGroup: "FWTWO",
        gatewayName: "VpnTwo",
        customerGatewayName: "CgwTwo",
        gatewayPrivateIp: "172.16.232.3",
      };
      v.vpnLinks[1].peer.privateLan = { name: "NifcAnthosLan", create: false };
    });
    expect(problems.filter((p) => p.includes("is also"))).toEqual([]);
  });

  it("may share the firewall group and LAN that both adopt (neither deletes them)", () => {
    const problems = stackProblems("dev", secondLink);
    expect(problems.filter((p) => /peer\.(firewallGroup|privateLan)/.test(p))).toEqual([]);
    expect(problems).toContainEqual(expect.stringMatching(/vpnLinks\[1\]\.peer\.gatewayName = .*is also vpnLinks\[0\]\.peer\.gatewayName/));
  });
});

describe("the endpoint URL", () => {
  it("rejects plain http", () => {
    expect(stackProblems("dev", (v) => (v.vpnLinks[0].peer.endpointUrl = "http://jp-east-1.computing.api.nifcloud.com/api/"))).toEqual([
      expect.stringMatching(/vpnLinks\[0\]\.peer\.endpointUrl = "http:\/\/.*: does not match .*Fix: use an https:\/\/ URL/),
    ]);
  });
  it("accepts https", () => {
    expect(stackProblems("dev", (v) => (v.vpnLinks[0].peer.endpointUrl = "https://jp-east-1.computing.api.nifcloud.com/api/"))).toEqual([]);
  });
});

describe("a link of another topology's peer", () => {
  it("is rejected in nifcloud-gke, not cast to a NIFCLOUD peer", () => {
    const problems = stackProblems("dev", (v) => {
      v.vpnLinks[0].peer = { kind: "alibaba", gatewayName: "ack-gke-vpn", customerGatewayName: "gcp-ack-gke", connectionName: "ack-gke-ipsec" };
    });
    expect(problems).toContainEqual(expect.stringMatching(/vpnLinks\[0\]\.peer\.kind = "alibaba": is not a peer of topology nifcloud-gke/));
  });

  it("a second link in alibaba-gke is rejected, not ignored", () => {
    const problems = stackProblems("ack-dev", (v) =>
      v.vpnLinks.push({ ...structuredClone(v.vpnLinks[0]), name: "ack-two", gcpGatewayName: "ack-two-vpn", gcpTunnelName: "ack-two-tn" }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/vpnLinks\[1\] = "ack-two": is a second link: topology alibaba-gke builds exactly one\. Fix: keep one vpnLinks entry/),
    );
  });
});
