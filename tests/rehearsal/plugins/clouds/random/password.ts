import * as crypto from "crypto";

/** random_password's inputs (terraform-provider-random v3.9.0 passwordSchemaV3) with its defaults. */
export interface PasswordParams {
  readonly length: number;
  readonly upper: boolean;
  readonly minUpper: number;
  readonly lower: boolean;
  readonly minLower: number;
  readonly numeric: boolean;
  readonly minNumeric: number;
  readonly special: boolean;
  readonly minSpecial: number;
  readonly overrideSpecial?: string;
}

const NUMERIC = "0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

function pick(chars: string, count: number): string[] {
  if (count > 0 && chars === "") throw new Error("charSet is empty");
  return Array.from({ length: Math.max(0, count) }, () => chars[crypto.randomInt(chars.length)]);
}

/**
 * The password as terraform-provider-random v3.9.0 internal/random/string.go CreateString makes
 * it, with crypto random: each class's minimum first, the rest from every enabled class, then
 * shuffled. So each resource gets its own value, kept in state until the resource is replaced.
 */
export function createPassword(p: PasswordParams): string {
  const special = p.overrideSpecial ? p.overrideSpecial : SPECIAL;
  const chars = (p.upper ? UPPER : "") + (p.lower ? LOWER : "") + (p.numeric ? NUMERIC : "") + (p.special ? special : "");
  if (chars === "") throw new Error("the character set specified is empty");
  const minimum = p.minUpper + p.minLower + p.minNumeric + p.minSpecial;
  // passwordSchemaV3 length: int64validator.AtLeastSumOf(min_upper, min_lower, min_numeric, min_special).
  if (p.length < minimum) throw new Error(`Attribute length value must be at least sum of min_upper, min_lower, min_numeric, min_special, got: ${p.length}`);
  const result = [...pick(NUMERIC, p.minNumeric), ...pick(LOWER, p.minLower), ...pick(UPPER, p.minUpper), ...pick(special, p.minSpecial)];
  result.push(...pick(chars, p.length - result.length));
  const order = crypto.randomBytes(result.length);
  return result
    .map((c, i) => [c, order[i]] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([c]) => c)
    .join("");
}
