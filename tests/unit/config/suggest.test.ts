import { editDistance, nearestKey } from "../../../config/suggest";

it("counts a swap of neighbours as one edit", () => {
  expect(editDistance("prot", "port")).toBe(1);
  expect(editDistance("deletionProtecton", "deletionProtection")).toBe(1);
});

it("suggests the key in another case, or the nearest within two edits", () => {
  expect(nearestKey("podCIDR", ["podCidr", "serviceCidr"])).toBe("podCidr");
  expect(nearestKey("dhgroup", ["dhGroup", "ikeVersion"])).toBe("dhGroup");
  expect(nearestKey("flavour", ["cloud", "name", "nodeCidr"])).toBeUndefined();
});
