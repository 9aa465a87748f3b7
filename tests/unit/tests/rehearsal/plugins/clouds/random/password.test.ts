import { createPassword } from "../../../../../../rehearsal/plugins/clouds/random/password";

const PSK = { length: 64, upper: true, lower: true, numeric: true, special: false, minUpper: 4, minLower: 4, minNumeric: 4, minSpecial: 0 };

it("makes the project's pre-shared key: 64 letters and digits, at least 4 of each class", () => {
  const key = createPassword(PSK);
  expect(key).toMatch(/^[A-Za-z0-9]{64}$/);
  for (const cls of [/[A-Z]/g, /[a-z]/g, /[0-9]/g]) expect((key.match(cls) ?? []).length).toBeGreaterThanOrEqual(4);
});

it("makes a different value for each resource (crypto random)", () => {
  expect(new Set(Array.from({ length: 20 }, () => createPassword(PSK))).size).toBe(20);
});

it("uses overrideSpecial as the special set, and refuses a length below the minimums' sum", () => {
  const key = createPassword({
    ...PSK,
    length: 8,
    upper: false,
    lower: false,
    numeric: false,
    special: true,
    minUpper: 0,
    minLower: 0,
    minNumeric: 0,
    overrideSpecial: "#",
  });
  expect(key).toBe("########");
  expect(() => createPassword({ ...PSK, length: 11 })).toThrow("must be at least sum of min_upper, min_lower, min_numeric, min_special");
});
