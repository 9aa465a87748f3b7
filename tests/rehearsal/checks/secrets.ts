import { Finding } from "./finding";

/** The engine's marker of a secret value in an exported state (apitype.SecretSig). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Every plaintext secret of a state exported with `--show-secrets`. */
export function secretValues(state: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record[SECRET_SIG] !== undefined && "plaintext" in record) {
        const plaintext = record.plaintext;
        if (typeof plaintext === "string") found.push(plaintext);
        return;
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(state);
  return found;
}

/**
 * The parts of secret values worth looking for: each whole value (a JSON string value unwrapped)
 * and every run of 16 or more key-like characters in it (a token inside a kubeconfig, a key in
 * a JSON document), so a secret printed in part is still found. Short and common runs (all one
 * character class of a base64 alphabet's padding, say) are left out by the length.
 */
export function secretAtoms(values: readonly string[]): string[] {
  const atoms = new Set<string>();
  for (const raw of values) {
    let value = raw;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === "string") value = parsed;
    } catch {
      // not JSON: the value as it is
    }
    if (value.length >= 8 && !value.includes("\n")) atoms.add(value);
    for (const match of value.matchAll(/[A-Za-z0-9+/=_.-]{16,}/g)) atoms.add(match[0]);
  }
  return [...atoms];
}

/** Where a secret must never appear in clear: `texts` maps a place (e.g. `engine output of up`) to its text. */
export function secretsInClear(atoms: readonly string[], texts: Readonly<Record<string, string>>, ignore: ReadonlySet<string> = new Set()): Finding[] {
  const findings: Finding[] = [];
  for (const [place, text] of Object.entries(texts)) {
    for (const atom of atoms) {
      if (ignore.has(atom) || !text.includes(atom)) continue;
      findings.push({ check: "secrets", message: `a secret value (${atom.length} characters, starting ${atom.slice(0, 3)}...) appears in clear in ${place}` });
    }
  }
  return findings;
}
