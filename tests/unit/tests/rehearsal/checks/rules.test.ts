import { ruleBreaks } from "../../../../rehearsal/checks/rules";

describe("refused operations", () => {
  const base = { start: 0, end: 1, cloud: "nifcloud" as const, op: "delete", type: "VpnGateway", name: "gw", by: "nifcloud-api" };

  it("reports a refusal for a cloud rule", () => {
    expect(ruleBreaks([{ ...base, ok: false, refused: "in-use", error: "Client.Inuse.VpnGateway" }])).toHaveLength(1);
  });

  it("ignores a failed lookup and a success", () => {
    expect(
      ruleBreaks([
        { ...base, op: "describe", ok: false, error: "NotFound" },
        { ...base, ok: true },
      ]),
    ).toEqual([]);
  });
});
