import * as pulumi from "@pulumi/pulumi";

/** Kinds whose readiness the provider judges by running pods. */
const POD_READINESS_TYPES = new Set(["kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service"]);

/**
 * Local control planes run no nodes, so no pod ever starts: Deployments and Services are
 * applied without waiting for readiness. Everything else (token Secrets, CRDs, namespace
 * deletion) is still awaited. Registered by the local stack only.
 */
export function skipPodReadiness(): void {
  // A stack transformation runs inside the program, so it needs no engine callback support.
  pulumi.runtime.registerStackTransformation((args) => {
    if (!POD_READINESS_TYPES.has(args.type)) return undefined;
    const props = args.props as { metadata?: pulumi.Input<{ annotations?: pulumi.Input<Record<string, pulumi.Input<string>>> }> };
    const metadata = pulumi.output(props.metadata ?? {}).apply((m) => ({
      ...m,
      annotations: { ...(m.annotations ?? {}), "pulumi.com/skipAwait": "true" },
    }));
    return { props: { ...args.props, metadata }, opts: args.opts };
  });
}
