/** One VPN link as read: the peer typed by its kind, defaults that follow the kind, crypto both sides speak. */
import { Problems, Reader } from "../../../../config/problems";
import { readCrypto, readLink, readNifcloudPeer } from "../../../../config/read/link";
import { rawConfig, stackProblems, validatedAs } from "../../../helpers/stackConfig";
import { DEFAULT_IPSEC } from "../../../helpers/ipsec";

const reading = <T>(read: (r: Reader) => T, value: Record<string, unknown>, path = "vpnLinks[0]") => {
  const problems = new Problems();
  return { result: read(new Reader(problems, path, value)), problems: problems.list };
};

const NIFCLOUD_PEER = {
  kind: "nifcloud",
  region: "jp-east-1",
  zone: "east-11",
  firewallGroup: "FWNIFC",
  privateLan: { name: "NifcAnthosLan" },
  gatewayName: "NifcAnthosVpn",
  gatewayPrivateIp: "172.16.232.2",
  customerGatewayName: "VPNCGW",
};
const ALIBABA_PEER = { kind: "alibaba", bandwidth: 10, gatewayName: "ackone-vpn", customerGatewayName: "gke-cgw", connectionName: "gke-ipsec" };
const link = (peer: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: "nifc-anthos",
  gcpNetwork: "anthos-hybrid",
  peerNetwork: "nifclan",
  peer,
  ...extra,
});

describe("readCrypto", () => {
  it("defaults to IKEv2, AES-256, SHA-256 and DH group 14 when the section is absent", () => {
    expect(readCrypto(undefined, "nifcloud")).toEqual({ ...DEFAULT_IPSEC, allowWeak: false });
  });

  it("accepts only DH groups both Cloud VPN and the peer negotiate", () => {
    const nifcloud20 = reading((r) => readCrypto(r, "nifcloud"), { dhGroup: 20 }, "vpnLinks[0].crypto");
    expect(nifcloud20).toMatchObject({ result: { dhGroup: 20 }, problems: [] });
    const alibaba20 = reading((r) => readCrypto(r, "alibaba"), { dhGroup: 20 }, "vpnLinks[0].crypto");
    expect(alibaba20.problems).toEqual([expect.stringMatching(/vpnLinks\[0\]\.crypto\.dhGroup = 20: is not supported\. Fix: use one of 2, 5, 14, 24/)]);
    // Alibaba offers group 1; Cloud VPN does not.
    expect(reading((r) => readCrypto(r, "alibaba"), { dhGroup: 1 }).problems).toHaveLength(1);
  });

  it("rejects a lifetime neither peer accepts and an allowWeak given as a string", () => {
    const { problems } = reading((r) => readCrypto(r, "nifcloud"), { espLifetimeSeconds: 86401, allowWeak: "yes" }, "vpnLinks[0].crypto");
    expect(problems).toEqual([
      expect.stringMatching(/crypto\.espLifetimeSeconds = 86401: must be a whole number from 30 to 86400/),
      expect.stringMatching(/crypto\.allowWeak = "yes": must be true or false, not a string/),
    ]);
  });
});

describe("readNifcloudPeer", () => {
  it("reads the seed's peer with a small gateway", () => {
    const { result, problems } = reading(readNifcloudPeer, NIFCLOUD_PEER, "vpnLinks[0].peer");
    expect(problems).toEqual([]);
    expect(result).toMatchObject({ kind: "nifcloud", gatewayType: "small", gatewayName: "NifcAnthosVpn", gatewayPrivateIp: "172.16.232.2" });
  });

  it.each([
    [
      "a plain-http endpoint",
      { endpointUrl: "http://jp-east-1.computing.api.nifcloud.com/api/" },
      /peer\.endpointUrl = "http:\/\/.*Fix: use an https:\/\/ URL/,
    ],
    ["an unknown region", { region: "jp-north-1" }, /peer\.region = "jp-north-1".*Fix: use a NIFCLOUD region/],
    ["a zone of another form", { zone: "east11" }, /peer\.zone = "east11".*Fix: use a NIFCLOUD zone such as east-11/],
    ["a gateway name of 16 characters", { gatewayName: "NifcAnthosVpnGw1" }, /peer\.gatewayName = "NifcAnthosVpnGw1".*Fix: use 1-15 ASCII letters and digits/],
    ["a gateway address with too few parts", { gatewayPrivateIp: "172.16.232" }, /peer\.gatewayPrivateIp = "172\.16\.232".*Fix: use an IPv4 address/],
    ["an unknown gateway type", { gatewayType: "xlarge" }, /peer\.gatewayType = "xlarge": is not supported\. Fix: use one of "small", "medium", "large"/],
  ])("rejects %s", (_what, change, expected) => {
    const { problems } = reading(readNifcloudPeer, { ...NIFCLOUD_PEER, ...change }, "vpnLinks[0].peer");
    expect(problems).toEqual([expect.stringMatching(expected)]);
  });
});

describe("readLink", () => {
  it("names the GCP gateway and tunnel after the link and routes a NIFCLOUD link by route", () => {
    const { result, problems } = reading(readLink, link(NIFCLOUD_PEER));
    expect(problems).toEqual([]);
    expect(result).toMatchObject({ gcpGatewayName: "nifc-anthos-vpn", gcpTunnelName: "nifc-anthos-tn", routing: "route-based", peer: { kind: "nifcloud" } });
  });

  it("routes an Alibaba link by policy and reads its peer as an Alibaba one", () => {
    const { result, problems } = reading(readLink, link(ALIBABA_PEER, { name: "gke-ackone" }));
    expect(problems).toEqual([]);
    expect(result).toMatchObject({ routing: "policy-based", peer: { kind: "alibaba", connectionName: "gke-ipsec" } });
  });

  it("reads no peer of an unknown kind, reporting the kind alone", () => {
    const { result, problems } = reading(readLink, link({ kind: "aws" }));
    expect(result).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/vpnLinks\[0\]\.peer\.kind = "aws": is not supported\. Fix: use one of "nifcloud", "alibaba"/)]);
  });

  it("rejects a link name GCP cannot use", () => {
    const { problems } = reading(readLink, link(NIFCLOUD_PEER, { name: "Nifc_Anthos" }));
    expect(problems).toEqual([
      expect.stringMatching(/vpnLinks\[0\]\.name = "Nifc_Anthos".*Fix: use lower-case letters, digits and hyphens/),
      // The derived names inherit the bad name: each is reported under its own key.
      expect.stringMatching(/vpnLinks\[0\]\.gcpGatewayName = "Nifc_Anthos-vpn"/),
      expect.stringMatching(/vpnLinks\[0\]\.gcpTunnelName = "Nifc_Anthos-tn"/),
    ]);
  });
});

describe("in the dev stack, a bad link", () => {
  const cases: [string, (v: Record<string, any>) => void, RegExp][] = [
    [
      "a long NIFCLOUD name",
      (v) => {
        v.vpnLinks[0].peer.gatewayName = "NifcAnthosVpnGateway";
      },
      /vpnLinks\[0\]\.peer\.gatewayName = "NifcAnthosVpnGateway": does not match .*Fix: use 1-15 ASCII letters and digits/,
    ],
    [
      "a NIFCLOUD name with a hyphen",
      (v) => {
        v.vpnLinks[0].peer.firewallGroup = "fw-nifc";
      },
      /vpnLinks\[0\]\.peer\.firewallGroup = "fw-nifc"/,
    ],
    [
      "an unsupported cipher",
      (v) => {
        v.vpnLinks[0].crypto.encryption = "des";
      },
      /vpnLinks\[0\]\.crypto\.encryption = "des": is not supported\. Fix: use one of "aes128", "aes256", "3des"/,
    ],
    [
      "a DH group GCP does not speak",
      (v) => {
        v.vpnLinks[0].crypto.dhGroup = 1;
      },
      /vpnLinks\[0\]\.crypto\.dhGroup = 1: is not supported/,
    ],
    [
      "a lifetime out of range",
      (v) => {
        v.vpnLinks[0].crypto.ikeLifetimeSeconds = 10;
      },
      /ikeLifetimeSeconds = 10: must be a whole number from 30 to 86400/,
    ],
    [
      "a malformed IP",
      (v) => {
        v.vpnLinks[0].peer.gatewayPrivateIp = "172.16.232";
      },
      /gatewayPrivateIp = "172\.16\.232": is not an IPv4 address \(four numbers from 0 to 255\)/,
    ],
  ];
  it.each(cases)("rejects %s", (_what, edit, expected) => {
    expect(stackProblems("dev", edit).join("\n")).toMatch(expected);
  });
});

describe("the NIFCLOUD peer in a whole config: who owns each object, and how the private LAN is named", () => {
  type Edit = (v: Record<string, any>) => void;
  const peer =
    (edit: (p: Record<string, any>) => void): Edit =>
    (v) =>
      edit(v.vpnLinks[0].peer);
  const peerOf = (edit: Edit) => validatedAs("nifcloud-gke", rawConfig("dev", undefined, edit)).vpnLinks[0].peer;

  it("adopts the servers' firewall group and existing LAN in dev, and owns the gateways", () => {
    const p = peerOf(() => undefined);
    expect(p.ownership).toEqual({ firewallGroup: "adopt", privateLan: "adopt", vpnGateway: "own", customerGateway: "own" });
    expect(p.privateLan).toEqual({ networkId: "net-0a1b2c3d" });
    expect(p).toMatchObject({ pollSeconds: 20, serverFirewallGroup: "FWNIFC" });
    // No mark unless set: the program marks with the project and the stack (nifcloudOwnerMark).
    expect(p.ownerMark).toBeUndefined();
  });

  it("keeps older stack files valid: privateLan.create maps to the LAN's ownership, the rest is owned", () => {
    const older = peer((p) => {
      delete p.ownership;
      p.privateLan = { name: "NifcAnthosLan", create: true };
    });
    expect(peerOf(older).ownership).toEqual({ firewallGroup: "own", privateLan: "own", vpnGateway: "own", customerGateway: "own" });
    const adopted = peer((p) => {
      delete p.ownership;
      p.privateLan = { name: "NifcAnthosClsLan", create: false };
    });
    expect(peerOf(adopted).ownership.privateLan).toBe("adopt");
  });

  it("rejects privateLan.create that contradicts ownership.privateLan", () => {
    expect(
      stackProblems(
        "dev",
        peer((p) => (p.privateLan.create = true)),
      ),
    ).toEqual([
      expect.stringMatching(
        /vpnLinks\[0\]\.peer\.privateLan\.create = true: contradicts vpnLinks\[0\]\.peer\.ownership\.privateLan: adopt\. Fix: remove privateLan\.create/,
      ),
    ]);
  });

  it("caps the name of a LAN the stack creates at 15 alphanumerics, and not an adopted one's", () => {
    expect(
      stackProblems(
        "dev",
        peer((p) => ((p.ownership.privateLan = "own"), (p.privateLan = { name: "NifcAnthosClsLan" }))),
      ),
    ).toEqual([expect.stringMatching(/vpnLinks\[0\]\.peer\.privateLan\.name = "NifcAnthosClsLan": does not match .*Fix: use 1-15 ASCII letters and digits/)]);
    expect(stackProblems("dev", () => undefined)).toEqual([]);
    expect(
      stackProblems(
        "dev",
        peer((p) => (p.privateLan = { name: "NifcAnthosClsLan" })),
      ),
    ).toEqual([]);
  });

  it("adopts a LAN by network id, and needs a name or an id", () => {
    expect(peerOf(peer((p) => (p.privateLan = { networkId: "net-0a1b2c3d" }))).privateLan).toEqual({ networkId: "net-0a1b2c3d" });
    expect(
      stackProblems(
        "dev",
        peer((p) => (p.privateLan = { networkId: "0a1b2c3d" })),
      ),
    ).toEqual([expect.stringMatching(/privateLan\.networkId = "0a1b2c3d": does not match .*Fix: use the LAN's network id/)]);
    expect(
      stackProblems(
        "dev",
        peer((p) => (p.privateLan = {})),
      ),
    ).toEqual([expect.stringMatching(/vpnLinks\[0\]\.peer\.privateLan = .*must name the adopted LAN/)]);
    expect(
      stackProblems(
        "dev",
        peer((p) => ((p.ownership.privateLan = "own"), (p.privateLan = { networkId: "net-1", name: "Lan1" }))),
      ),
    ).toEqual([expect.stringMatching(/privateLan\.networkId = "net-1": names an existing LAN, but the stack owns \(creates\) this one/)]);
  });

  it("says where an adopted LAN's network id comes from: the CLI command that lists the LANs", () => {
    const listing = /nifcloud computing nifty-describe-private-lans/;
    const cases: Edit[] = [
      peer((p) => (p.privateLan = {})),
      peer((p) => (p.privateLan = { networkId: "0a1b2c3d" })),
      peer((p) => ((p.ownership.privateLan = "own"), (p.privateLan = { name: "NifcAnthosClsLan" }))),
    ];
    for (const edit of cases) expect(stackProblems("dev", edit)).toEqual([expect.stringMatching(listing)]);
  });

  it("accepts only own or adopt per object", () => {
    expect(
      stackProblems(
        "dev",
        peer((p) => (p.ownership.vpnGateway = "borrow")),
      ),
    ).toEqual([expect.stringMatching(/vpnLinks\[0\]\.peer\.ownership\.vpnGateway = "borrow": is not supported\. Fix: use one of "own", "adopt"/)]);
  });

  it("limits the owner mark to NIFCLOUD's 40-character description", () => {
    expect(
      stackProblems(
        "dev",
        peer((p) => (p.ownerMark = "x".repeat(41))),
      ),
    ).toEqual([expect.stringMatching(/peer\.ownerMark = "x{41}": does not match/)]);
  });
});
