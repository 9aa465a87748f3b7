import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { RawConfig } from "../../config/validate";

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

export function rawConfig(stack: string, secrets: Record<string, string> = DEV_SECRETS, edit?: (v: Record<string, unknown>) => void): RawConfig {
  const values: Record<string, unknown> = { ...structuredClone(stackValues(stack)), ...secrets };
  edit?.(values);
  return { values, secretKeys: new Set(Object.keys(secrets)) };
}
