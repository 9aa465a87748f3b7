import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export const ISTIO_SYSTEM = "istio-system";
export const NETWORK_LABEL = "topology.istio.io/network";
export const REVISION_LABEL = "istio.io/rev";

/** The cluster's Kubernetes provider comes through the resource options (`providers`). */
export interface MeshNamespacesArgs {
  /** This cluster's Istio network; set before the install, which never overwrites it. */
  readonly meshNetwork: string;
  /** Mesh revision label (istio.io/rev). */
  readonly revision: string;
  /** Namespace of the east-west gateway. */
  readonly gatewayNamespace: string;
  /** Namespaces labelled with the revision for sidecar injection. */
  readonly workloadNamespaces: readonly string[];
  /**
   * The control plane of the revision: the revision-labelled namespaces are created and
   * relabelled only once it runs, so a new revision's label never points injection at a control
   * plane that is not there yet. @default none
   */
  readonly labelAfter?: pulumi.Input<pulumi.Resource[]>;
}

/**
 * `istio-system` with the cluster's network label (before the install, which keeps it), the
 * gateway namespace and the workload namespaces, labelled with the revision once its control
 * plane runs (and not with `istio-injection`, which would override it).
 */
export class MeshNamespaces extends pulumi.ComponentResource {
  readonly istioSystem: k8s.core.v1.Namespace;
  readonly gateway: k8s.core.v1.Namespace;
  readonly workloads: k8s.core.v1.Namespace[];

  constructor(name: string, args: MeshNamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:MeshNamespaces", name, {}, opts);
    const child = { parent: this };
    const revisioned = (ns: string) =>
      new k8s.core.v1.Namespace(
        `${name}-${ns}`,
        {
          metadata: { name: ns, labels: { [REVISION_LABEL]: args.revision } },
        },
        { ...child, dependsOn: args.labelAfter },
      );
    this.istioSystem = new k8s.core.v1.Namespace(
      `${name}-${ISTIO_SYSTEM}`,
      {
        metadata: { name: ISTIO_SYSTEM, labels: { [NETWORK_LABEL]: args.meshNetwork } },
      },
      child,
    );
    this.gateway = revisioned(args.gatewayNamespace);
    this.workloads = args.workloadNamespaces.filter((ns) => ns !== args.gatewayNamespace).map(revisioned);
    this.registerOutputs({});
  }
}
