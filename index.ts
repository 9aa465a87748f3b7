/**
 * multicloud-mesh: a Kubernetes service mesh across clouds. The `topology` config key picks the
 * program; every stack's configuration is validated before any resource is registered.
 */
import { loadConfig } from "./config/load";
import { runTopology } from "./stacks";

const config = loadConfig();
const outputs = runTopology(config);

export const topology = config.topology;
export const meshId = outputs.meshId;
export const gcpVpnAddresses = outputs.gcpVpnAddresses;
export const peerVpnAddresses = outputs.peerVpnAddresses;
export const gkeKubeconfigs = outputs.gkeKubeconfigs;
export const ackOne = outputs.ackOne;
export const verification = outputs.verification;
export const clusters = outputs.clusters;
export const meshRootCertificate = outputs.meshRootCertificate;
export const serviceExport = outputs.serviceExport;
export const importedServiceUrl = outputs.importedServiceUrl;
