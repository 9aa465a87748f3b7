import * as pulumi from "@pulumi/pulumi";
import { ResultParser, ScriptCommand } from "../command/scriptCommand";

/** What scripts/ackone/mcs-probe.sh prints: how many calls answered, and the first answer. */
export interface McsAnswer {
  readonly url: string;
  readonly answered: number;
  readonly requests: number;
  readonly sample: string;
}

export const parseMcsAnswer: ResultParser<McsAnswer> = (value, script) => {
  const { url, answered, requests, sample } = value;
  if (typeof url !== "string" || typeof answered !== "number" || typeof requests !== "number" || typeof sample !== "string") {
    const missing = ["url", "answered", "requests", "sample"].filter((k) => value[k] === undefined);
    throw new Error(`${script} printed no valid answer (missing or mistyped: ${missing.join(", ") || "url/answered/requests/sample types"})`);
  }
  return { url, answered, requests, sample };
};

export interface McsVerificationArgs {
  /** Secret kubeconfig of the consumer cluster. */
  readonly kubeconfig: pulumi.Input<string>;
  /** Namespace of the consumer Deployment. */
  readonly namespace: string;
  /** The consumer Deployment that makes the calls. */
  readonly consumer: string;
  /** The imported Service's URL. */
  readonly url: string;
  /** Calls to make. */
  readonly requests: number;
  /** The consumer and everything the call crosses. */
  readonly after: pulumi.Resource[];
}

/** The multi-cluster-services check: the consumer calls the imported service; the answer is a stack output. */
export class McsVerification extends pulumi.ComponentResource {
  readonly answer: pulumi.Output<McsAnswer>;

  constructor(name: string, args: McsVerificationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:verify:McsVerification", name, {}, opts);
    const probe = new ScriptCommand(
      `${name}-probe`,
      {
        script: "ackone/mcs-probe.sh",
        result: parseMcsAnswer,
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
