/** Reads topology local's `multiClusterServices`: which cluster exports the app and which imports it. */
import { Reader } from "../problems";
import { MultiClusterServicesSpec } from "../types";
import { readMcsApp } from "./mcsApp";

/** The section, with the exporting and importing clusters named among `clusterNames`. */
export function readMultiClusterServices(r: Reader, clusterNames: readonly string[]): MultiClusterServicesSpec {
  return {
    providerCluster: r.oneOf("providerCluster", clusterNames),
    consumerCluster: r.oneOf("consumerCluster", clusterNames),
    app: readMcsApp(r),
  };
}
