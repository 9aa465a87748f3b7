/**
 * Property values as the Node SDK's plug-in server hands them over (`Struct.toJavaScript()`): secrets,
 * unknowns and resource references are objects marked with a signature key
 * (@pulumi/pulumi runtime/rpc.js specialSigKey and its signature constants).
 */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";
/** A value the engine does not know yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Wire = Record<string, unknown>;

function signature(value: unknown): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Wire)[SIGNATURE_KEY] : undefined;
}

export function isSecret(value: unknown): value is { value: unknown } {
  return signature(value) === SECRET_SIGNATURE;
}

/** Wraps a value as a secret, as the engine sends one. */
export function secret(value: unknown): Wire {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** The value with every secret unwrapped, for running the command (never for logging). */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (value !== null && typeof value === "object" && signature(value) === undefined) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

/** pulumi sdk v3.224.0 resource/properties.go:398-403 HasValue: null and absent are the same. */
export function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined;
}

function isPlainObject(value: unknown): value is Wire {
  return value !== null && typeof value === "object" && !Array.isArray(value) && signature(value) === undefined;
}

/**
 * Whether two values differ, as pulumi sdk v3.224.0 resource/properties_diff.go compares them
 * (PropertyValue.diff :275-332, PropertyMap.diff :187-248, DeepEquals :359-470): objects key by key
 * with null equal to absent, arrays element by element, a secret equal only to a secret of an equal
 * value, a resource reference by URN and id (its package version is ignored).
 */
export function differs(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((item, i) => differs(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].some((k) => (k in a && k in b ? differs(a[k], b[k]) : hasValue(a[k]) || hasValue(b[k])));
  }
  if (isSecret(a) || isSecret(b)) return !(isSecret(a) && isSecret(b)) || differs(a.value, b.value);
  if (signature(a) === RESOURCE_SIGNATURE && signature(b) === RESOURCE_SIGNATURE) {
    const [ra, rb] = [a as Wire, b as Wire];
    return ra.urn !== rb.urn || differs(ra.id, rb.id);
  }
  if (signature(a) !== undefined || signature(b) !== undefined) return JSON.stringify(a) !== JSON.stringify(b);
  return (a ?? null) !== (b ?? null);
}
