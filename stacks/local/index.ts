import * as pulumi from "@pulumi/pulumi";
import { MultiClusterServices } from "../../components/mcs/multiClusterServices";
import { EastWestGatewayObjects } from "../../components/mesh/eastWestGatewayObjects";
import { ManifestInstall } from "../../components/mesh/manifestInstall";
import { MeshCluster } from "../../components/mesh/meshCluster";
import { PluginCaSecret } from "../../components/mesh/pluginCaSecret";
import { RootCa } from "../../components/pki/caResources";
import { LoadedConfig } from "../../config/load";
import { existingMeshCluster } from "../shared/existingCluster";
import { meshAcrossClusters } from "../shared/meshAcrossClusters";
import { skipAwaitUnderProviderV2 } from "./skipAwaitUnderProviderV2";

const CA_ORGANIZATION = "multicloud-mesh";
const ROOT_VALIDITY_DAYS = 3650;
const INTERMEDIATE_VALIDITY_DAYS = 730;

/**
 * Both setups' Kubernetes side on clusters given by kubeconfig, with no cloud: the mesh with a
 * plug-in CA (one root, an intermediate per cluster), the control plane and east-west gateway
 * as objects, cross-network Gateways, remote secrets both ways, the verification workloads, and
 * multi-cluster services between two of the clusters.
 */
export function local(loaded: LoadedConfig) {
  const { config } = loaded;
  const meshSpec = config.mesh!;
  const mcsSpec = config.multiClusterServices!;
  skipAwaitUnderProviderV2();

  const clusters: MeshCluster[] = config.clusters.map((spec) => existingMeshCluster(spec, loaded));
  const byName = (name: string) => clusters.find((c) => c.name === name)!;

  const root = new RootCa("mesh-root-ca", { organization: CA_ORGANIZATION, validityDays: ROOT_VALIDITY_DAYS });
  const meshId = `${pulumi.getProject()}-${pulumi.getStack()}`;
  const mesh = meshAcrossClusters({
    clusters,
    mesh: meshSpec,
    verify: config.verify,
    probe: false,
    installControlPlane: (cluster, namespaces) => {
      const ca = new PluginCaSecret(
        `${cluster.name}-plugin-ca`,
        { cluster, root, organization: CA_ORGANIZATION, validityDays: INTERMEDIATE_VALIDITY_DAYS },
        { dependsOn: [namespaces] },
      );
      const options = { revision: meshSpec.revision, istioVersion: meshSpec.istioVersion, clusterName: cluster.name, network: cluster.meshNetwork, meshId };
      const controlPlane = new ManifestInstall(`${cluster.name}-istio`, { cluster, options }, { dependsOn: [namespaces, ca] });
      const gateway = new EastWestGatewayObjects(
        `${cluster.name}-eastwest`,
        { cluster, revision: meshSpec.revision, namespace: meshSpec.gatewayNamespace },
        { dependsOn: [namespaces, controlPlane] },
      );
      return [ca, controlPlane, gateway];
    },
  });

  const services = new MultiClusterServices("mcs", {
    provider: byName(mcsSpec.providerCluster),
    consumer: byName(mcsSpec.consumerCluster),
    app: mcsSpec.app,
  });

  return {
    clusters: Object.fromEntries(config.clusters.map((c) => [c.name, { apiServer: c.existing!.apiServer, network: c.meshNetwork }])),
    meshRootCertificate: root.certPem,
    serviceExport: pulumi.interpolate`${mcsSpec.providerCluster}: ${services.serviceExport.metadata.namespace}/${services.serviceExport.metadata.name}`,
    importedServiceUrl: services.url,
    verification: mesh.answers,
  };
}
