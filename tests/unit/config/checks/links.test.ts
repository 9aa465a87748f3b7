/** Links: the networks they join, shared peer objects, topology mismatches, https endpoints. */
import { checkLinkNetworks, checkSharedPeerObjects } from "../../../../config/checks/links";
import { DraftConfig } from "../../../../config/draft";
import { Problems } from "../../../../config/problems";
import { alibabaPeer, draftConfig, link, nifcloudPeer, problemsOf } from "../../../helpers/draftConfig";
import { stackProblems } from "../../../helpers/stackConfig";

const P = "multicloud-mesh:";

describe("checkLinkNetworks", () => {
  it("accepts a link from a GCP network to a network of its peer's cloud", () => {
    expect(problemsOf(checkLinkNetworks, draftConfig())).toEqual([]);
  });
  it("rejects the two ends swapped, listing the networks of the right cloud", () => {
    expect(problemsOf(checkLinkNetworks, draftConfig({ vpnLinks: [link({ gcpNetwork: "nifclan", peerNetwork: "gcp-net" })] }))).toEqual([
      `${P}vpnLinks[0].gcpNetwork = "nifclan": does not name a network with cloud: gcp. Fix: use one of gcp-net`,
      `${P}vpnLinks[0].peerNetwork = "gcp-net": does not name a network with cloud: nifcloud. Fix: use one of nifclan`,
    ]);
  });
  it("says which network to add when none of the peer's cloud is declared", () => {
    expect(problemsOf(checkLinkNetworks, draftConfig({ vpnLinks: [link({ peer: alibabaPeer(), peerNetwork: "nifclan" })] }))).toEqual([
      `${P}vpnLinks[0].peerNetwork = "nifclan": does not name a network with cloud: alibaba. Fix: use one of (none: add a network with cloud: alibaba)`,
    ]);
  });
  it("says nothing of a name that may be an entry that could not be read", () => {
    const config = draftConfig({ vpnLinks: [link({ gcpNetwork: "unread" })] });
    expect(problemsOf(checkLinkNetworks, { ...config, networksComplete: false })).toEqual([]);
  });
});

describe("checkSharedPeerObjects", () => {
  const run = (config: DraftConfig) => {
    const problems = new Problems();
    checkSharedPeerObjects(problems, config.vpnLinks);
    return problems.list;
  };
  const second = (over: Parameters<typeof link>[0]) =>
    draftConfig({ vpnLinks: [link(), link({ name: "two", gcpGatewayName: "two-vpn", gcpTunnelName: "two-tn", ...over })] });
  it("accepts two links that share only objects both adopt", () => {
    expect(run(second({ peer: nifcloudPeer({ gatewayName: "VpnTwo", customerGatewayName: "CgwTwo" }) }))).toEqual([]);
  });
  it("rejects a GCP gateway name and a NIFCLOUD gateway both links would own", () => {
    expect(run(second({ gcpGatewayName: "nifc-anthos-vpn", peer: nifcloudPeer({ customerGatewayName: "CgwTwo" }) }))).toEqual([
      `${P}vpnLinks[1].gcpGatewayName = "nifc-anthos-vpn": is also vpnLinks[0].gcpGatewayName: both links would own one object and one destroy would delete the other's. Fix: give each link its own names`,
      `${P}vpnLinks[1].peer.gatewayName = "NifcAnthosVpn": is also vpnLinks[0].peer.gatewayName: both links would own one object and one destroy would delete the other's. Fix: give each link its own names`,
    ]);
  });
  it("rejects an Alibaba connection name used twice", () => {
    const config = draftConfig({
      vpnLinks: [
        link({ name: "a", peer: alibabaPeer() }),
        link({ name: "b", gcpGatewayName: "b-vpn", gcpTunnelName: "b-tn", peer: alibabaPeer({ gatewayName: "b-gw", customerGatewayName: "b-gcp" }) }),
      ],
    });
    expect(run(config)).toEqual([
      `${P}vpnLinks[1].peer.connectionName = "ack-gke-conn": is also vpnLinks[0].peer.connectionName: both links would own one object and one destroy would delete the other's. Fix: give each link its own names`,
    ]);
  });
});

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
