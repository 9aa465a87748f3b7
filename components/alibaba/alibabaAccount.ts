import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { AlibabaCredentials, alibabaScriptEnv } from "../ackone/alibabaCredentials";
import { NO_RESULT, ScriptCommand } from "../command/scriptCommand";

export interface AlibabaAccountArgs {
  /** Alibaba API credentials (secret), for the preflight script and the activation. */
  readonly credentials: AlibabaCredentials;
}

/**
 * What an Alibaba account needs before the stack creates anything there, in this order:
 * 1. the roles ACK and ACK One assume, checked by scripts/alibaba/preflight.sh, which fails
 *    naming each missing role and how to grant it (only the account owner or a RAM
 *    administrator can), so a new account stops before anything is created or activated;
 * 2. ACK activated: `alicloud.cs.getAckService` with `enable: "On"` calls OpenAckService
 *    (cs/OpenAckService.json, `type: propayasgo`: ACK managed, ACK Serverless / ACS and registered
 *    clusters) and takes "already opened" (ORDER.OPEND) as done (terraform-provider-alicloud
 *    v1.289.0 alicloud/data_source_alicloud_ack_service.go). Activation cannot be undone, hence
 *    after the role check.
 * `ready` resolves once both are done: give it as `dependsOn` to the provider every Alibaba
 * resource uses, and each of them waits for both.
 */
export class AlibabaAccount extends pulumi.ComponentResource {
  readonly preflight: ScriptCommand;
  /** Resolves to the preflight once ACK is activated; carries the preflight as a dependency. */
  readonly ready: pulumi.Output<pulumi.Resource[]>;

  constructor(name: string, args: AlibabaAccountArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:alibaba:AlibabaAccount", name, {}, opts);
    const { credentials } = args;
    this.preflight = new ScriptCommand(
      `${name}-preflight`,
      { script: "alibaba/preflight.sh", environment: alibabaScriptEnv(credentials), result: NO_RESULT },
      { parent: this },
    );
    // The invoke needs a provider of its own: the stack's provider waits for this activation.
    const activationProvider = new alicloud.Provider(
      `${name}-activation`,
      { region: credentials.region, accessKey: credentials.accessKeyId, secretKey: credentials.accessKeySecret },
      { parent: this },
    );
    // An output invoke with `dependsOn` waits for the preflight (and answers unknown in a
    // preview of a stack whose preflight has not run yet: a preview activates nothing).
    const activation = alicloud.cs.getAckServiceOutput(
      { enable: "On", type: "propayasgo" },
      { parent: this, provider: activationProvider, dependsOn: [this.preflight] },
    );
    this.ready = activation.apply(() => [this.preflight]);
    this.registerOutputs({});
  }
}
