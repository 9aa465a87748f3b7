/** Reads the stack's configuration once, validates it, and hands secrets out as Pulumi secrets. */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "./problems";
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
    // Secrets (kubeconfigs) stay verbatim; structured values arrive as JSON text.
    values[key] = secret ? text : parseValue(text);
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

/** A validated secret as a Pulumi secret: encrypted in state, never shown in logs. */
export function secretOutput(secret: Secret): pulumi.Output<string> {
  return pulumi.secret(secret.reveal());
}

/** Validates everything before any resource is registered; throws ConfigError listing every problem. */
export function loadConfig(): StackConfig {
  const { config, warnings } = validateWithWarnings(readRawConfig());
  warnings.forEach((w) => void pulumi.log.warn(w));
  return config;
}
