import * as pulumi from "@pulumi/pulumi";
import { STACK_SECRETS, stackValues } from "./stackConfig";

/** Changes a test makes to a committed stack's values (secrets included) before the program runs (a variant). */
export type StackEdit = (values: Record<string, any>) => void;

/**
 * Hands a committed stack's config (after `edit`) and its secrets to the Pulumi runtime, as
 * `pulumi up` would. Kept apart from `stackConfig` so that validation tests never load the SDK.
 */
export function setStackConfig(stack: string, edit?: StackEdit): void {
  const secrets = STACK_SECRETS[stack] ?? {};
  const values: Record<string, any> = { ...structuredClone(stackValues(stack)), ...secrets };
  edit?.(values);
  const config = Object.fromEntries(Object.entries(values).map(([k, v]) => [`multicloud-mesh:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
  pulumi.runtime.setAllConfig(
    config,
    Object.keys(secrets).map((k) => `multicloud-mesh:${k}`),
  );
}
