import * as pulumi from "@pulumi/pulumi";

/** Kinds whose readiness the provider judges by pods and endpoints. */
const POD_READINESS_TYPES = new Set(["kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service"]);

/**
 * Pods on the local control planes become Running and Ready on kwok's fake node, so the
 * provider's readiness waits run. Only under the Kubernetes provider v2 that the module proxy
 * serves (scripts/local/lib.sh sets MESH_LOCAL_SKIP_POD_AWAIT=true for that engine) are
 * Deployments and Services applied without them: its waits follow one watch and miss the last
 * event now and then, although the Deployment is Available. Registered by the local stack only.
 */
export function skipAwaitUnderProviderV2(): void {
  if (process.env.MESH_LOCAL_SKIP_POD_AWAIT !== "true") return;
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
