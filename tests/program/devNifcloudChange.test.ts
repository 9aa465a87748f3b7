/**
 * The `dev` program before and after a configuration change, under mocks: what an update must
 * never replace. A command resource is replaced exactly when its `triggers` change (delete
 * first: `deleteBeforeReplace`), so each change below must leave every trigger and URN as it was
 * and reach the scripts as new inputs, which the engine runs as `update` and keeps for `delete`.
 */
import { scriptCommandLine } from "../../lib/scriptCommandLine";
import { scriptOf } from "../helpers/fakeClouds";
import { isolatedRun } from "../helpers/isolatedRun";
import { Recorded, plain } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";

type Edit = (v: Record<string, any>) => void;

const key = (r: Recorded) => `${r.type}::${r.name}`;
const triggers = (run: ProgramRun) =>
  Object.fromEntries(run.recorded.filter((r) => r.inputs.triggers !== undefined).map((r) => [key(r), JSON.stringify(plain(r.inputs.triggers))]));
const urns = (run: ProgramRun) => run.registrations.map((r) => r.urn).sort();

/** A NIFCLOUD LAN the stack may own or adopt under one name. */
const lanNamed =
  (ownership: "own" | "adopt"): Edit =>
  (v) => {
    v.vpnLinks[0].peer.privateLan = { name: "NifcLan" };
    v.vpnLinks[0].peer.ownership = { firewallGroup: "adopt", privateLan: ownership, vpnGateway: "own", customerGateway: "own" };
  };

/** Rotated credentials, a renamed firewall group, every object's ownership switched. */
const rotatedRenamedSwitched: Edit = (v) => {
  lanNamed("own")(v);
  v.nifcloudAccessKeyId = "AKIDROTATED";
  v.nifcloudSecretAccessKey = "rotated-secret-access-key";
  v.vpnLinks[0].peer.firewallGroup = "FWMESH";
  v.vpnLinks[0].peer.ownership = { firewallGroup: "own", privateLan: "own", vpnGateway: "adopt", customerGateway: "adopt" };
};

let lanAdopted: ProgramRun;
let changed: ProgramRun;

beforeAll(async () => {
  lanAdopted = await isolatedRun("dev", lanNamed("adopt"));
  changed = await isolatedRun("dev", rotatedRenamedSwitched);
}, 120000);

describe("rotated credentials, a renamed firewall group, switched ownership", () => {
  it("replace nothing: every URN and every trigger stays", () => {
    expect(urns(changed)).toEqual(urns(lanAdopted));
    expect(triggers(changed)).toEqual(triggers(lanAdopted));
  });
  it("reach every NIFCLOUD script as an update, so the state (and delete) holds the new credentials", () => {
    const nifcloud = changed.ofType("command:local:Command").filter((c) => scriptOf(c).startsWith("nifcloud/"));
    expect(nifcloud).toHaveLength(5);
    nifcloud.forEach((c) => {
      expect(c.inputs.update).toBe(scriptCommandLine(scriptOf(c), "update"));
      expect(changed.env(c)).toMatchObject({ NIFCLOUD_ACCESS_KEY_ID: "AKIDROTATED", NIFCLOUD_SECRET_ACCESS_KEY: "rotated-secret-access-key" });
    });
  });
  it("hand the scripts the new name and ownership", () => {
    expect(changed.env(changed.commandFor("nifcloud/firewall-group.sh")[0])).toMatchObject({ FW_NAME: "FWMESH", FW_OWNERSHIP: "own" });
    expect(changed.env(changed.commandFor("nifcloud/private-lan.sh")[0])).toMatchObject({ LAN_NAME: "NifcLan", LAN_OWNERSHIP: "own" });
    expect(changed.env(changed.commandFor("nifcloud/vpn-gateway.sh")[0])).toMatchObject({ GW_OWNERSHIP: "adopt", GW_FIREWALL_GROUP: "FWMESH" });
    expect(changed.env(changed.commandFor("nifcloud/customer-gateway.sh")[0])).toMatchObject({ CGW_OWNERSHIP: "adopt" });
  });
});
