import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ISTIO_CRDS, crd } from "../kubernetes/crds";
import {
  ControlPlaneOptions,
  istiodClusterRole,
  istiodDeployment,
  istiodService,
  istiodServiceAccount,
  meshConfigMap,
  readerClusterRole,
  readerServiceAccount,
} from "./istioManifests";
import { MeshCluster } from "./meshCluster";

export interface ManifestInstallArgs {
  /** The mesh member cluster this is installed on. */
  readonly cluster: MeshCluster;
  /** Control-plane settings rendered into the manifests. */
  readonly options: ControlPlaneOptions;
}

/**
 * The control plane applied by Pulumi (installer: manifests): Istio's CRDs, istiod and its mesh
 * config, and the reader service account with its cluster role, which remote secrets use.
 */
export class ManifestInstall extends pulumi.ComponentResource {
  readonly crds: k8s.apiextensions.v1.CustomResourceDefinition[];
  readonly readerBinding: k8s.rbac.v1.ClusterRoleBinding;

  constructor(name: string, args: ManifestInstallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:ManifestInstall", name, {}, opts);
    const child = { parent: this, provider: args.cluster.provider };
    const { revision } = args.options;
    this.crds = ISTIO_CRDS.map((spec) => new k8s.apiextensions.v1.CustomResourceDefinition(`${name}-crd-${spec.plural}`, crd(spec), child));

    const reader = new k8s.core.v1.ServiceAccount(`${name}-reader-sa`, readerServiceAccount(revision), child);
    const readerRole = readerClusterRole(revision);
    const readerClusterRoleResource = new k8s.rbac.v1.ClusterRole(`${name}-reader-role`, readerRole.role, child);
    this.readerBinding = new k8s.rbac.v1.ClusterRoleBinding(`${name}-reader-binding`, readerRole.binding, {
      ...child,
      dependsOn: [reader, readerClusterRoleResource],
    });

    const istiodSa = new k8s.core.v1.ServiceAccount(`${name}-istiod-sa`, istiodServiceAccount(revision), child);
    const istiodRole = istiodClusterRole(revision);
    const istiodRoleResource = new k8s.rbac.v1.ClusterRole(`${name}-istiod-role`, istiodRole.role, child);
    const istiodBinding = new k8s.rbac.v1.ClusterRoleBinding(`${name}-istiod-binding`, istiodRole.binding, {
      ...child,
      dependsOn: [istiodSa, istiodRoleResource],
    });
    const meshConfig = new k8s.core.v1.ConfigMap(`${name}-mesh-config`, meshConfigMap(args.options), child);
    new k8s.core.v1.Service(`${name}-istiod-service`, istiodService(revision), child);
    new k8s.apps.v1.Deployment(`${name}-istiod`, istiodDeployment(args.options), { ...child, dependsOn: [istiodBinding, meshConfig] });
    this.registerOutputs({});
  }
}
