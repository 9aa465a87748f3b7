import * as pulumi from "@pulumi/pulumi";
import { MultiClusterServices } from "../../components/mcs/multiClusterServices";
import { Mesh } from "../../components/mesh/mesh";
import { MeshCluster } from "../../components/mesh/meshCluster";
import { RootCa } from "../../components/pki/caResources";
import { LocalConfig } from "../../config/types";
import { existingMeshCluster } from "../shared/existingCluster";

const CA_ORGANIZATION = "multicloud-mesh";
const ROOT_VALIDITY_DAYS = 3650;
const INTERMEDIATE_VALIDITY_DAYS = 730;

/**
 * Both setups' Kubernetes side on clusters given by kubeconfig, with no cloud: the mesh with a
 * plug-in CA (one root, an intermediate per cluster), the control plane and east-west gateway
 * as objects, cross-network Gateways, remote secrets both ways, the verification workloads, and
 * multi-cluster services between two of the clusters.
 */
export function local(config: LocalConfig) {
  const meshSpec = config.mesh;
  const mcsSpec = config.multiClusterServices;

  const clusters: MeshCluster[] = config.clusters.map((spec) => existingMeshCluster(spec));
  const byName = new Map(clusters.map((c) => [c.name, c]));
  // multiClusterServices.providerCluster exports the Service, consumerCluster imports it.
  const exporter = byName.get(mcsSpec.providerCluster);
  const importer = byName.get(mcsSpec.consumerCluster);
  if (!exporter || !importer) throw new Error(`multiClusterServices names a cluster that is not declared`); // validation rules this out

  const root = new RootCa("mesh-root-ca", { organization: CA_ORGANIZATION, validityDays: ROOT_VALIDITY_DAYS });
  const meshId = `${pulumi.getProject()}-${pulumi.getStack()}`;
  const mesh = new Mesh("mesh", {
    clusters,
    mesh: meshSpec,
    verify: config.verify,
    probe: false,
    controlPlane: { kind: "manifests", root, organization: CA_ORGANIZATION, intermediateValidityDays: INTERMEDIATE_VALIDITY_DAYS, meshId },
  });

  const services = new MultiClusterServices("mcs", {
    exporter,
    importer,
    app: mcsSpec.app,
  });

  return {
    clusters: Object.fromEntries(config.clusters.map((c) => [c.name, { apiServer: c.existing.apiServer, network: c.meshNetwork }])),
    meshRootCertificate: root.certPem,
    serviceExport: pulumi.interpolate`${mcsSpec.providerCluster}: ${services.serviceExport.metadata.namespace}/${services.serviceExport.metadata.name}`,
    importedServiceUrl: services.url,
    verification: mesh.answers,
  };
}
