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
   * What the revision-labelled namespaces wait for, each itself: the control plane of the
   * revision, so a new revision's label never points injection at a control plane that is not
   * there yet (`istio-system` does not wait: the install needs its network label). @default none
   */
  readonly after?: pulumi.Input<pulumi.Resource[]>;
  /**
   * Namespaces that already exist and that the stack adopts: a server-side-apply patch sets only
   * the stack's labels, and destroy gives back only those (the namespace is never created or
   * deleted). @default none
   */
  readonly adopt?: readonly string[];
}

/**
 * `istio-system` with the cluster's network label (before the install, which keeps it), the
 * gateway namespace and the workload namespaces, labelled with the revision once its control
 * plane runs (and not with `istio-injection`, which would override it).
 */
export class MeshNamespaces extends pulumi.ComponentResource {
  readonly istioSystem: k8s.core.v1.Namespace | k8s.core.v1.NamespacePatch;
  readonly gateway: k8s.core.v1.Namespace | k8s.core.v1.NamespacePatch;
  readonly workloads: (k8s.core.v1.Namespace | k8s.core.v1.NamespacePatch)[];

  constructor(name: string, args: MeshNamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:MeshNamespaces", name, {}, opts);
    const child = { parent: this };
    const adopted = new Set(args.adopt ?? []);
    const namespace = (ns: string, labels: Record<string, string>, options: pulumi.CustomResourceOptions) =>
      adopted.has(ns)
        ? new k8s.core.v1.NamespacePatch(`${name}-${ns}`, { metadata: { name: ns, labels } }, options)
        : new k8s.core.v1.Namespace(`${name}-${ns}`, { metadata: { name: ns, labels } }, options);
    const revisioned = (ns: string) => namespace(ns, { [REVISION_LABEL]: args.revision }, { ...child, dependsOn: args.after });
    this.istioSystem = namespace(ISTIO_SYSTEM, { [NETWORK_LABEL]: args.meshNetwork }, child);
    this.gateway = revisioned(args.gatewayNamespace);
    this.workloads = args.workloadNamespaces.filter((ns) => ns !== args.gatewayNamespace).map(revisioned);
    this.registerOutputs({});
  }
}
