/** Script results: parsed, typed, and errors that name the script and the missing key; the command line that runs a script. */
import { countsByCluster, parseResult, scriptCommandLine, stringFields } from "../../../../components/command/scriptCommand";
import { diffCommand } from "../../../rehearsal/plugins/command/diff";

const SCRIPT = "scripts/nifcloud/vpn-gateway.sh";

it("reads the last line of stdout as the JSON object", () => {
  expect(parseResult(SCRIPT, 'log line\n{"VpnGatewayId":"vpngw-1","PublicIp":"203.0.113.5"}\n')).toEqual({ VpnGatewayId: "vpngw-1", PublicIp: "203.0.113.5" });
});

it("names the script when the last line is no JSON object", () => {
  expect(() => parseResult(SCRIPT, "done")).toThrow(`${SCRIPT} printed no JSON object as its last line of output`);
});

it("types required string fields", () => {
  expect(stringFields("VpnGatewayId", "PublicIp")({ VpnGatewayId: "vpngw-1", PublicIp: "203.0.113.5", extra: 1 }, SCRIPT)).toEqual({
    VpnGatewayId: "vpngw-1",
    PublicIp: "203.0.113.5",
  });
});

it("names the script and the missing key", () => {
  expect(() => stringFields("VpnGatewayId", "PublicIp")({ VpnGatewayId: "vpngw-1" }, SCRIPT)).toThrow(
    `${SCRIPT} printed no "PublicIp" in its JSON result (it printed: VpnGatewayId)`,
  );
});

it("reads answer counts per cluster and rejects anything else", () => {
  expect(countsByCluster({ east: { v1: 5, v2: 5 } }, "scripts/mesh/probe.sh")).toEqual({ east: { v1: 5, v2: 5 } });
  expect(() => countsByCluster({ east: "5" }, "scripts/mesh/probe.sh")).toThrow('scripts/mesh/probe.sh printed no answer counts for "east"');
});

it("runs the script in place of /bin/sh, the process @pulumi/command kills on a cancel", () => {
  expect(scriptCommandLine(SCRIPT, "delete")).toBe(`exec bash ${SCRIPT} delete`);
});

it("moves a stack from the former command lines with an update, never a replacement (pulumi-command v1.2.1: only triggers replace)", () => {
  const environment = { GW_NAME: "NifcAnthosVpn" };
  const triggers = ["NifcAnthosVpn"];
  const former = { create: `bash ${SCRIPT} create`, update: `bash ${SCRIPT} update`, delete: `bash ${SCRIPT} delete`, environment, triggers };
  const state = { ...former, logging: "stdoutAndStderr", stdout: '{"VpnGatewayId":"vpngw-1"}', stderr: "" };
  const inputs = { create: scriptCommandLine(SCRIPT, "create"), update: scriptCommandLine(SCRIPT, "update"), delete: scriptCommandLine(SCRIPT, "delete") };
  const diff = diffCommand(state, { ...inputs, environment, triggers, logging: "stdoutAndStderr" });
  expect(diff.changes).toBe(true);
  expect(diff.replaces).toEqual([]);
  expect(diff.diffs.sort()).toEqual(["create", "delete", "update"]);
});
