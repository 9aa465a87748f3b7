/** firewall-group.sh's result: the group, its ownership and the rules this stack added. */
import { firewallResult } from "../../../../components/vpn/nifcloudVpnPeer";

const SCRIPT = "scripts/nifcloud/firewall-group.sh";

it("types the group, its ownership and the added rule keys", () => {
  expect(firewallResult({ GroupName: "FWNIFC", Ownership: "adopt", AddedRules: ["IN|UDP|500|500|34.120.0.10/32"] }, SCRIPT)).toEqual({
    GroupName: "FWNIFC",
    Ownership: "adopt",
    AddedRules: ["IN|UDP|500|500|34.120.0.10/32"],
  });
});

it("rejects the old shape without ownership or added rules, naming the script", () => {
  expect(() => firewallResult({ GroupName: "FWNIFC" }, SCRIPT)).toThrow(`${SCRIPT} printed no "Ownership"`);
  expect(() => firewallResult({ GroupName: "FWNIFC", Ownership: "own", AddedRules: "all" }, SCRIPT)).toThrow(`${SCRIPT} printed no "AddedRules" list`);
});
