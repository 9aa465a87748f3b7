import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ConfigError } from "../../config/problems";
import { ConfigOf, Topology } from "../../config/types";
import { RawConfig, validateConfig } from "../../config/validate";

export const ROOT = path.resolve(__dirname, "../..");

/** The `multicloud-mesh:` values of a committed stack file, as the runtime would hand them over. */
export function stackValues(stack: string): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(doc.config)
      .filter(([k]) => k.startsWith("multicloud-mesh:"))
      .map(([k, v]) => [k.slice("multicloud-mesh:".length), v]),
  );
}

export const FAKE_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: anthos\n  cluster:\n    server: https://172.16.232.10:443\n";

/** Secrets the dev stack expects from `pulumi config set --secret`. */
export const DEV_SECRETS: Record<string, string> = {
  anthosKubeconfig: FAKE_KUBECONFIG,
  nifcloudAccessKeyId: "AKIDEXAMPLE",
  nifcloudSecretAccessKey: "secret-access-key-example",
};

/** Secrets the ack-dev stack expects. */
export const ACK_SECRETS: Record<string, string> = {
  alibabaAccessKeyId: "LTAI5tEXAMPLEKEYID",
  alibabaAccessKeySecret: "alibaba-access-key-secret-example",
};

/** Secrets the local stack expects: the two clusters' kubeconfigs. */
export const LOCAL_SECRETS: Record<string, string> = {
  eastKubeconfig: FAKE_KUBECONFIG.replace("https://172.16.232.10:443", "https://127.0.0.1:16443"),
  westKubeconfig: FAKE_KUBECONFIG.replace("https://172.16.232.10:443", "https://127.0.0.1:26443"),
};

export function rawConfig(stack: string, secrets: Record<string, string> = DEV_SECRETS, edit?: (v: Record<string, unknown>) => void): RawConfig {
  const values: Record<string, unknown> = { ...structuredClone(stackValues(stack)), ...secrets };
  edit?.(values);
  return { values, secretKeys: new Set(Object.keys(secrets)) };
}

/** The secrets each committed stack expects, by stack name. */
export const STACK_SECRETS: Record<string, Record<string, string>> = { dev: DEV_SECRETS, "ack-dev": ACK_SECRETS, local: LOCAL_SECRETS };

/** The problems validation reports for a committed stack after `edit`; [] when it is valid. */
export function stackProblems(stack: string, edit: (v: Record<string, any>) => void, secrets = STACK_SECRETS[stack]): string[] {
  try {
    validateConfig(rawConfig(stack, secrets, edit));
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return [...e.problems];
  }
}

/** Validates and checks the topology, so a test reads that topology's fields without casts. */
export function validatedAs<T extends Topology>(topology: T, raw: RawConfig): ConfigOf<T> {
  const config = validateConfig(raw);
  if (config.topology !== topology) throw new Error(`expected topology ${topology}, got ${config.topology}`);
  return config as ConfigOf<T>;
}
