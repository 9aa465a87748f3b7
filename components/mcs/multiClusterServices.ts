import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { McsAppSpec } from "../../config/types";
import { consumerDeployment, importedServiceUrl, providerDeployment, providerService, serviceExport, serviceImport } from "../ackone/appManifests";
import { MCS_CRDS, crd } from "../kubernetes/crds";

export interface McsCluster {
  readonly name: string;
  readonly provider: k8s.Provider;
}

export interface MultiClusterServicesArgs {
  /** Runs the app and exports its Service. */
  readonly provider: McsCluster;
  /** Imports the Service and runs the consumer. */
  readonly consumer: McsCluster;
  /** The multi-cluster-services app, as validated. */
  readonly app: McsAppSpec;
}

/**
 * Seed 001's multi-cluster services without a hub: the MCS API in both clusters, the app and its
 * ServiceExport where it runs, the ServiceImport and the consumer where it is called.
 */
export class MultiClusterServices extends pulumi.ComponentResource {
  readonly serviceExport: k8s.apiextensions.CustomResource;
  readonly serviceImport: k8s.apiextensions.CustomResource;
  readonly url: string;

  constructor(name: string, args: MultiClusterServicesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mcs:MultiClusterServices", name, {}, opts);
    const inCluster = (cluster: McsCluster) => {
      const child = { parent: this, provider: cluster.provider };
      const crds = MCS_CRDS.map((spec) => new k8s.apiextensions.v1.CustomResourceDefinition(`${name}-${cluster.name}-crd-${spec.plural}`, crd(spec), child));
      const namespace = new k8s.core.v1.Namespace(`${name}-${cluster.name}-ns`, { metadata: { name: args.app.namespace } }, child);
      return { ...child, dependsOn: [...crds, namespace] };
    };
    const onProvider = inCluster(args.provider);
    const onConsumer = inCluster(args.consumer);
    const p = args.provider.name;
    const c = args.consumer.name;
    new k8s.apps.v1.Deployment(`${name}-${p}-app`, providerDeployment(args.app), onProvider);
    const service = new k8s.core.v1.Service(`${name}-${p}-service`, providerService(args.app), onProvider);
    this.serviceExport = new k8s.apiextensions.CustomResource(`${name}-${p}-export`, serviceExport(args.app), {
      ...onProvider,
      dependsOn: [...onProvider.dependsOn, service],
    });
    this.serviceImport = new k8s.apiextensions.CustomResource(`${name}-${c}-import`, serviceImport(args.app), onConsumer);
    new k8s.apps.v1.Deployment(`${name}-${c}-consumer`, consumerDeployment(args.app), {
      ...onConsumer,
      dependsOn: [...onConsumer.dependsOn, this.serviceImport],
    });
    this.url = importedServiceUrl(args.app);
    this.registerOutputs({});
  }
}
