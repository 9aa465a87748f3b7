import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { McsAppSpec } from "../../config/types";
import { appDeployment, appService, consumerDeployment, importedServiceUrl, serviceExport, serviceImport } from "../ackone/appManifests";
import { MCS_CRDS, crd } from "../kubernetes/crds";

export interface McsCluster {
  readonly name: string;
  /** The cluster's Kubernetes provider. */
  readonly provider: k8s.Provider;
}

export interface MultiClusterServicesArgs {
  /** The exporting cluster: runs the app and exports its Service. */
  readonly exporter: McsCluster;
  /** The importing cluster: imports the Service and runs the consumer. */
  readonly importer: McsCluster;
  /** The multi-cluster-services app, as validated. */
  readonly app: McsAppSpec;
}

/**
 * Multi-cluster services without a hub: the MCS API in both clusters, the app and its
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
    const onExporter = inCluster(args.exporter);
    const onImporter = inCluster(args.importer);
    const e = args.exporter.name;
    const i = args.importer.name;
    new k8s.apps.v1.Deployment(`${name}-${e}-app`, appDeployment(args.app), onExporter);
    const service = new k8s.core.v1.Service(`${name}-${e}-service`, appService(args.app), onExporter);
    this.serviceExport = new k8s.apiextensions.CustomResource(`${name}-${e}-export`, serviceExport(args.app), {
      ...onExporter,
      dependsOn: [...onExporter.dependsOn, service],
    });
    this.serviceImport = new k8s.apiextensions.CustomResource(`${name}-${i}-import`, serviceImport(args.app), onImporter);
    new k8s.apps.v1.Deployment(`${name}-${i}-consumer`, consumerDeployment(args.app), {
      ...onImporter,
      dependsOn: [...onImporter.dependsOn, this.serviceImport],
    });
    this.url = importedServiceUrl(args.app);
    this.registerOutputs({});
  }
}
