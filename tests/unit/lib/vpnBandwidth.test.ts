import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { alibabaApiDir } from "../../helpers/alibabaApiDir";
import { PUBLIC_VPN_GATEWAY_BANDWIDTHS, checkVpnGatewayBandwidth } from "../../../lib/vpnBandwidth";

// Alibaba's API definitions live beside the checkout (tests/helpers/alibabaApiDir.ts); a clone
// without them reports this comparison as skipped.
const VENDOR = path.join(alibabaApiDir() ?? "/nonexistent", "vpc/CreateVpnGateway.json");
const withVendor = fs.existsSync(VENDOR) ? it : it.skip;

describe("public VPN gateway bandwidth", () => {
  withVendor("is exactly the list in Alibaba's CreateVpnGateway definition (vpc/CreateVpnGateway.json)", () => {
    const api = JSON.parse(fs.readFileSync(VENDOR, "utf8")) as { parameters: { name: string; description: string }[] };
    const text = api.parameters.find((p) => p.name === "Bandwidth")!.description;
    const publicLine = text.split("\n").find((l) => l.includes("public VPN gateway"))!;
    const documented = [...publicLine.matchAll(/\*\*(\d+)\*\*/g)].map((m) => Number(m[1]));
    expect([...PUBLIC_VPN_GATEWAY_BANDWIDTHS]).toEqual(documented);
  });

  it("accepts each documented value", () => {
    PUBLIC_VPN_GATEWAY_BANDWIDTHS.forEach((b) => expect(checkVpnGatewayBandwidth("vpn.bandwidth", b)).toBeUndefined());
  });

  it("rejects what the API rejects, naming key, value and the fix", () => {
    expect(checkVpnGatewayBandwidth("alibaba:vpn.bandwidth", 5)).toBe(
      "alibaba:vpn.bandwidth: 5 is not a bandwidth a public Alibaba VPN gateway accepts; set it to one of 10, 100, 200, 500, 1000 Mbit/s (nearest: 10)",
    );
    expect(checkVpnGatewayBandwidth("k", 20)).toContain("(nearest: 100)");
    expect(checkVpnGatewayBandwidth("k", 50)).toContain("50 is not");
    expect(checkVpnGatewayBandwidth("k", 2000)).toContain("(nearest: 1000)");
    expect(checkVpnGatewayBandwidth("k", "100")).toContain("'100' is not");
  });

  it("accepts no value outside the list", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 5000 }), (n) => {
        const accepted = checkVpnGatewayBandwidth("k", n) === undefined;
        expect(accepted).toBe((PUBLIC_VPN_GATEWAY_BANDWIDTHS as readonly number[]).includes(n));
      }),
    );
  });
});
