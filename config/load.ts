/** Reads the stack's configuration once, validates it, and hands secrets out as Pulumi secrets. */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, PROJECT } from "./problems";
import { StackConfig } from "./types";
import { Secret } from "./secret";
import { RawConfig, validateWithWarnings } from "./validate";

// Exported by the SDK's runtime but missing from its typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret: (key: string) => boolean };

/** The project's config keys as plain data, structured values parsed from their JSON form. */
export function readRawConfig(): RawConfig {
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  const prefix = `${PROJECT}:`;
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    const secret = runtimeConfig.isConfigSecret(fullKey);
    // Structured values arrive as JSON text, secret ones too (a mapping with one `secure:` value
    // inside arrives decrypted as one secret text); a secret string (a kubeconfig) stays verbatim.
    values[key] = secret ? parseStructured(text) : parseValue(text);
    if (secret) secretKeys.add(key);
  }
  return { values, secretKeys };
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A mapping or list from its JSON text; any other text as it is (a secret number stays text). */
function parseStructured(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return text;
  const value = parseValue(text);
  return value !== null && typeof value === "object" ? value : text;
}

/** A validated secret as a Pulumi secret: encrypted in state, never shown in logs. */
export function secretOutput(secret: Secret): pulumi.Output<string> {
  return pulumi.secret(secret.reveal());
}

/**
 * Validates everything before any resource is registered. A bad configuration is the program's
 * whole error: a RunError, which the SDK prints by its message alone, once; any other error it
 * prints with util.inspect, stack trace and own properties, so the problems would show twice
 * (@pulumi/pulumi cmd/run/run.js, the uncaught-error handler). The ConfigError is its cause.
 */
export function loadConfig(): StackConfig {
  try {
    const { config, warnings } = validateWithWarnings(readRawConfig());
    warnings.forEach((w) => void pulumi.log.warn(w));
    return config;
  } catch (e) {
    if (e instanceof ConfigError) throw new pulumi.RunError(e.message, { cause: e });
    throw e;
  }
}
