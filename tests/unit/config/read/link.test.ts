/** The NIFCLOUD peer: who owns each object, and how the private LAN is named. */
import { rawConfig, stackProblems, validatedAs } from "../../../helpers/stackConfig";

type Edit = (v: Record<string, any>) => void;
const peer =
  (edit: (p: Record<string, any>) => void): Edit =>
  (v) =>
    edit(v.vpnLinks[0].peer);
const peerOf = (edit: Edit) => validatedAs("nifcloud-gke", rawConfig("dev", undefined, edit)).vpnLinks[0].peer;

it("adopts the servers' firewall group and existing LAN in dev, and owns the gateways", () => {
  const p = peerOf(() => undefined);
  expect(p.ownership).toEqual({ firewallGroup: "adopt", privateLan: "adopt", vpnGateway: "own", customerGateway: "own" });
  expect(p.privateLan).toEqual({ name: "NifcAnthosClsLan" });
  expect(p).toMatchObject({ pollSeconds: 20, ownerMark: "multicloud-mesh", serverFirewallGroup: "FWNIFC" });
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
      peer((p) => (p.ownership.privateLan = "own")),
    ),
  ).toEqual([expect.stringMatching(/vpnLinks\[0\]\.peer\.privateLan\.name = "NifcAnthosClsLan": does not match .*Fix: use 1-15 ASCII letters and digits/)]);
  expect(stackProblems("dev", () => undefined)).toEqual([]);
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
