/**
 * What the ACK One hub holds to run the app across clusters: how objects are handed to members
 * (PropagationPolicy unless KubeVela is asked for) and how the exported Service reaches the
 * importing cluster (MultiClusterService unless ServiceExport / ServiceImport is asked for). Pure.
 */
import type { Input } from "@pulumi/pulumi";
import { Distribution, McsAppSpec, ServiceExposure } from "../../config/types";
import { importedServiceUrl, serviceExport, serviceImport } from "./appManifests";
import { MCS_API, appDistributions, distributionObject } from "./distribution";
import { appMultiClusterService, nativeServiceUrl } from "./multiClusterService";

export type { ServiceExposure };

/** ACK One's current way of handing objects to members. */
export const DEFAULT_DISTRIBUTION: Distribution = "propagation-policy";
/** ACK One's recommended form of multi-cluster Services. */
export const DEFAULT_SERVICE_EXPOSURE: ServiceExposure = "multi-cluster-service";

export interface HubDistributionOptions {
  /** @default "propagation-policy" */
  readonly distribution?: Distribution;
  /** @default "multi-cluster-service" */
  readonly services?: ServiceExposure;
}

/** One object for the hub, with a stable role for its resource name. */
export interface HubObject {
  readonly role: string;
  readonly object: Record<string, unknown>;
  /**
   * No vendor source confirms this object's apiVersion and fields: the hub checks it by a
   * server-side dry run before the stack creates it or relies on it.
   * @default false
   */
  readonly dryRunFirst?: boolean;
}

export interface HubDistributionPlan {
  /** Templates that exist only on the hub, for a distribution to hand out. */
  readonly templates: readonly HubObject[];
  /** Distribution objects and MultiClusterServices, applied on the hub after the templates. */
  readonly objects: readonly HubObject[];
  /** What the consumer calls. */
  readonly consumerUrl: string;
  /**
   * What the hub's distribution puts into the member clusters, in the app's namespace, as
   * "<apiVersion>/<plural>/<name>" (scripts/ackone/member-objects.sh reads this form).
   */
  readonly memberObjects: readonly string[];
}

export function hubDistributionPlan(
  app: McsAppSpec,
  exporterCluster: Input<string>,
  importerCluster: Input<string>,
  options: HubDistributionOptions = {},
): HubDistributionPlan {
  const distribution = options.distribution ?? DEFAULT_DISTRIBUTION;
  const services = options.services ?? DEFAULT_SERVICE_EXPOSURE;
  const [appDist, exportDist, importDist] = appDistributions(app, exporterCluster, importerCluster);
  const distribute = (role: string, d: typeof appDist): HubObject => ({ role: `distribute-${role}`, object: distributionObject(distribution, d) });
  // The app in the exporting cluster; with a MultiClusterService, the fleet's Service of the same
  // name in the importing one.
  const appObjects = [`apps/v1/deployments/${app.deploymentName}`, `v1/services/${app.serviceName}`];
  if (services === "multi-cluster-service") {
    return {
      templates: [],
      objects: [
        distribute("app", appDist),
        // Its apiVersion and fields rest on ACK One's prose and Karmada's type, not on a YAML of ACK One's.
        { role: "multi-cluster-service", object: appMultiClusterService(app, exporterCluster, importerCluster), dryRunFirst: true },
      ],
      consumerUrl: nativeServiceUrl(app),
      memberObjects: appObjects,
    };
  }
  return {
    templates: [
      { role: "export", object: serviceExport(app) },
      { role: "import", object: serviceImport(app) },
    ],
    objects: [distribute("app", appDist), distribute("export", exportDist), distribute("import", importDist)],
    consumerUrl: importedServiceUrl(app),
    // The fleet answers a ServiceImport with an amcs- Service in the consumer (ACK One docs,
    // "Manage multi-cluster services from the command line").
    memberObjects: [
      ...appObjects,
      `${MCS_API}/serviceexports/${app.serviceName}`,
      `${MCS_API}/serviceimports/${app.serviceName}`,
      `v1/services/amcs-${app.serviceName}`,
    ],
  };
}
