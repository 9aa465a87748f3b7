import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** Longest key both NIFCLOUD (1-64) and Alibaba / Cloud VPN accept; letters and digits only. */
export const PRE_SHARED_KEY_LENGTH = 64;

/**
 * Generates the link's pre-shared key once and keeps it in state as a secret. Rotating it is a
 * `pulumi up --replace` of this resource (which replaces both tunnel ends).
 */
export function preSharedKey(name: string, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
  const key = new random.RandomPassword(
    name,
    {
      length: PRE_SHARED_KEY_LENGTH,
      special: false,
      upper: true,
      lower: true,
      numeric: true,
      minUpper: 4,
      minLower: 4,
      minNumeric: 4,
    },
    { ...opts, additionalSecretOutputs: ["result"] },
  );
  return pulumi.secret(key.result);
}
