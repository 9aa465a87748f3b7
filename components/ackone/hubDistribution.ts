/**
 * What the ACK One hub holds to run the provider app across clusters: how objects are handed to
 * members (PropagationPolicy unless KubeVela is asked for) and how the Service reaches the
 * consumer (MultiClusterService unless ServiceExport / ServiceImport is asked for). Pure.
 */
import type { Input } from "@pulumi/pulumi";
import { Distribution, McsAppSpec, ServiceExposure } from "../../config/types";
import { importedServiceUrl, serviceExport, serviceImport } from "./appManifests";
import { distributionObject, seedDistributions } from "./distribution";
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
}

export interface HubDistributionPlan {
  /** Templates that exist only on the hub, for a distribution to hand out. */
  readonly templates: readonly HubObject[];
  /** Distribution objects and MultiClusterServices, applied on the hub after the templates. */
  readonly objects: readonly HubObject[];
  /** What the consumer calls. */
  readonly consumerUrl: string;
}

export function hubDistributionPlan(
  app: McsAppSpec,
  providerCluster: Input<string>,
  consumerCluster: Input<string>,
  options: HubDistributionOptions = {},
): HubDistributionPlan {
  const distribution = options.distribution ?? DEFAULT_DISTRIBUTION;
  const services = options.services ?? DEFAULT_SERVICE_EXPOSURE;
  const [appDist, exportDist, importDist] = seedDistributions(app, providerCluster, consumerCluster);
  const distribute = (role: string, d: typeof appDist): HubObject => ({ role: `distribute-${role}`, object: distributionObject(distribution, d) });
  if (services === "multi-cluster-service") {
    return {
      templates: [],
      objects: [distribute("app", appDist), { role: "multi-cluster-service", object: appMultiClusterService(app, providerCluster, consumerCluster) }],
      consumerUrl: nativeServiceUrl(app),
    };
  }
  return {
    templates: [
      { role: "export", object: serviceExport(app) },
      { role: "import", object: serviceImport(app) },
    ],
    objects: [distribute("app", appDist), distribute("export", exportDist), distribute("import", importDist)],
    consumerUrl: importedServiceUrl(app),
  };
}
