import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand } from "../command/scriptCommand";

export interface McsVerificationArgs {
  /** Secret kubeconfig of the consumer cluster. */
  readonly kubeconfig: pulumi.Input<string>;
  readonly namespace: string;
  readonly consumer: string;
  /** The imported Service's URL. */
  readonly url: string;
  readonly requests: number;
  /** The consumer and everything the call crosses. */
  readonly after: pulumi.Resource[];
}

/** Seed 001's check: the consumer calls the imported service; the answer is a stack output. */
export class McsVerification extends pulumi.ComponentResource {
  readonly answer: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: McsVerificationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:verify:McsVerification", name, {}, opts);
    const probe = new ScriptCommand(
      `${name}-probe`,
      {
        script: "scripts/ackone/mcs-probe.sh",
        environment: {
          KUBECONFIG_DATA: pulumi.secret(args.kubeconfig),
          PROBE_NAMESPACE: args.namespace,
          PROBE_DEPLOYMENT: args.consumer,
          PROBE_URL: args.url,
          PROBE_REQUESTS: String(args.requests),
        },
        replaceOn: [args.url, args.consumer],
      },
      { parent: this, dependsOn: args.after },
    );
    this.answer = probe.result;
    this.registerOutputs({ answer: this.answer });
  }
}
