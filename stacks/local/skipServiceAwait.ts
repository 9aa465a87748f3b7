import * as pulumi from "@pulumi/pulumi";

/**
 * Pods on the local control planes become Running and Ready on kwok's fake node, so Deployments
 * are awaited for real. Services are applied without the await: the Kubernetes provider v2 that
 * the module proxy serves never finishes its Service wait here, although the Endpoints fill in
 * (not checked with v4, which users get). Registered by the local stack only.
 */
export function skipServiceAwait(): void {
  // A stack transformation runs inside the program, so it needs no engine callback support.
  pulumi.runtime.registerStackTransformation((args) => {
    if (args.type !== "kubernetes:core/v1:Service") return undefined;
    const props = args.props as { metadata?: pulumi.Input<{ annotations?: pulumi.Input<Record<string, pulumi.Input<string>>> }> };
    const metadata = pulumi.output(props.metadata ?? {}).apply((m) => ({
      ...m,
      annotations: { ...(m.annotations ?? {}), "pulumi.com/skipAwait": "true" },
    }));
    return { props: { ...args.props, metadata }, opts: args.opts };
  });
}
