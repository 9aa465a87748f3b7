import * as crypto from "crypto";

/**
 * Property values as the engine sends them to a plug-in (pulumi/sdk/go/common/resource/plugin
 * rpc.go): a secret is an object carrying the signature key with the secret signature, an unknown
 * (a value not known at preview) is the unknown sentinel string.
 */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Props = Record<string, unknown>;

export function isSecret(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Props)[SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): Props {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** The value with every secret wrapper removed, deeply. */
export function reveal(v: unknown): unknown {
  if (isSecret(v)) return reveal(v.value);
  if (Array.isArray(v)) return v.map(reveal);
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
  return v;
}

/** True when the value is, or contains, a value unknown at preview. */
export function hasUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (isSecret(v)) return hasUnknown(v.value);
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (typeof v === "object" && v !== null) return Object.values(v).some(hasUnknown);
  return false;
}

/** True when the value is, or contains, a secret. */
export function containsSecret(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (typeof v === "object" && v !== null) return Object.values(v).some(containsSecret);
  return false;
}

const isPlainObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v) && !isSecret(v);

/**
 * The outputs as the engine keeps them from a bridged provider. The bridge does not accept
 * secrets (pulumi/pulumi-terraform-bridge#1506, "Accept secrets": the engine strips them before
 * the call), so it answers every input value in plain, marking only the fields its schema calls
 * Sensitive; the engine then marks secret each output whose input held a secret, recursing into
 * objects and wrapping anything else whole, a list included (pulumi/pulumi
 * sdk/go/common/resource/plugin/provider_plugin.go, annotateSecrets). A secret the stand-in
 * computed itself (a Sensitive field) stays as it is.
 */
export function engineOutputs(outputs: Props, inputs: Props): Props {
  const annotate = (out: unknown, input: unknown): unknown => {
    if (isPlainObject(out) && isPlainObject(input)) return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, k in input ? annotate(v, input[k]) : v]));
    return containsSecret(input) ? secret(reveal(out)) : out;
  };
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, k in inputs ? annotate(v, inputs[k]) : v]));
}

/** The value with every secret replaced by its SHA-256 fingerprint: what a state file may hold. */
export function fingerprintSecrets(v: unknown): unknown {
  if (isSecret(v))
    return {
      secretSha256: crypto
        .createHash("sha256")
        .update(JSON.stringify(reveal(v.value)))
        .digest("hex"),
    };
  if (Array.isArray(v)) return v.map(fingerprintSecrets);
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fingerprintSecrets(x)]));
  return v;
}

/** Deep equality of plain JSON values (secrets compared by value). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(reveal(a))) === JSON.stringify(canonical(reveal(b)));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Props)[k])]),
    );
  return v;
}

/** Every value at a dotted path; a list on the way applies the rest of the path to each element. */
export function valuesAt(v: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split(".");
  const step = (x: unknown): unknown[] => {
    const plain = isSecret(x) ? x.value : x;
    if (Array.isArray(plain)) return plain.flatMap(step);
    if (typeof plain !== "object" || plain === null) return [undefined];
    const next = (plain as Props)[head];
    return rest.length === 0 ? [next] : valuesAt(next, rest.join("."));
  };
  return step(v);
}

/** A string input, or undefined when it is absent or not known yet. */
export function str(v: unknown): string | undefined {
  const plain = reveal(v);
  return typeof plain === "string" && plain !== UNKNOWN ? plain : undefined;
}

/** Random lowercase letters and digits, as the clouds' generated ids use. */
export function randomSuffix(length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
  return Array.from(crypto.randomBytes(length), (b) => alphabet[b % alphabet.length]).join("");
}
