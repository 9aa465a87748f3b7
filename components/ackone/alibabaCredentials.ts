import * as pulumi from "@pulumi/pulumi";

/** Alibaba API access for command scripts (scripts/alibaba/lib.sh). */
export interface AlibabaCredentials {
  readonly accessKeyId: pulumi.Output<string>;
  readonly accessKeySecret: pulumi.Output<string>;
  readonly region: string;
}

/** The environment scripts/alibaba/lib.sh reads; the key values stay secret. */
export function alibabaScriptEnv(credentials: AlibabaCredentials): Record<string, pulumi.Input<string>> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
    ALIBABA_CLOUD_REGION_ID: credentials.region,
  };
}
