/* eslint-disable @typescript-eslint/no-require-imports */
import { diffResponse } from "../../../../../../rehearsal/plugins/clouds/shared/server";

const proto = require("@pulumi/pulumi/proto/provider_pb");

it("answers the engine with replaces, delete-before-replace and a detailed diff marking the replacing inputs", () => {
  const resp = diffResponse({ changes: true, replaces: ["sharedSecret"], deleteBeforeReplace: true, detailed: { sharedSecret: "update", description: "add" } });
  expect(resp.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_SOME);
  expect(resp.getReplacesList()).toEqual(["sharedSecret"]);
  expect(resp.getDeletebeforereplace()).toBe(true);
  expect(resp.getHasdetaileddiff()).toBe(true);
  expect(resp.getDetaileddiffMap().get("sharedSecret").getKind()).toBe(proto.PropertyDiff.Kind.UPDATE_REPLACE);
  expect(resp.getDetaileddiffMap().get("description").getKind()).toBe(proto.PropertyDiff.Kind.ADD);
});

it("answers no change as DIFF_NONE", () => {
  expect(diffResponse({ changes: false, replaces: [], deleteBeforeReplace: false, detailed: {} }).getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_NONE);
});
