/** Script results: parsed, typed, and errors that name the script and the missing key. */
import { countsByCluster, parseResult, stringFields } from "../../../../components/command/scriptCommand";
import { scriptPath } from "../../../../lib/scriptCommandLine";

const SCRIPT = scriptPath("nifcloud/vpn-gateway.sh");

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
  const probe = scriptPath("mesh/probe.sh");
  expect(countsByCluster({ east: { v1: 5, v2: 5 } }, probe)).toEqual({ east: { v1: 5, v2: 5 } });
  expect(() => countsByCluster({ east: "5" }, probe)).toThrow(`${probe} printed no answer counts for "east"`);
});
