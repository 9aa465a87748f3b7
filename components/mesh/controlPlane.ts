import * as pulumi from "@pulumi/pulumi";
import { MeshSpec } from "../../config/types";
import { RootCa } from "../pki/caResources";
import { AsmInstall } from "./asmInstall";
import { EastWestGateway } from "./eastWestGateway";
import { EastWestGatewayObjects } from "./eastWestGatewayObjects";
import { ManifestInstall } from "./manifestInstall";
import { MeshCluster } from "./meshCluster";
import { MeshNamespaces } from "./meshNamespaces";
import { PluginCaSecret } from "./pluginCaSecret";
import { RevisionCanary } from "./revisionCanary";

/** asmcli installs Anthos Service Mesh; it needs the fleet and must wait for the network paths to the cluster. */
export interface AsmControlPlane {
  readonly kind: "asmcli";
  /** GCP project of the fleet the clusters join. */
  readonly fleetProject: string;
  /** `<project>/<stack>`: the mark on each revision the stack installs. */
  readonly owner: string;
  /** What every cluster's install waits for (VPN links: bare metal is reachable only over them, APIs, the fleet's mesh feature). @default [] */
  readonly after?: readonly pulumi.Resource[];
}

/** Pulumi applies plain Istio objects, with a plug-in CA: one root, an intermediate per cluster. */
export interface ManifestControlPlane {
  readonly kind: "manifests";
  readonly root: RootCa;
  /** Organization on the intermediate certificates. */
  readonly organization: string;
  /** Validity of each cluster's intermediate CA. */
  readonly intermediateValidityDays: number;
  /** Mesh id shared by every cluster. */
  readonly meshId: string;
}

/** How the control plane gets onto each cluster, discriminated on `kind` (the mesh spec's installer). */
export type ControlPlane = AsmControlPlane | ManifestControlPlane;

/** What one cluster's install gives the later steps. */
export interface InstalledControlPlane {
  /** Everything later steps (remote secrets, verification) wait for. */
  readonly ready: pulumi.Resource[];
  /** The control plane itself: the revision-labelled namespaces wait for it. */
  readonly controlPlane: pulumi.Resource;
  /** The east-west gateway's address the other clusters' sidecars must reach (15443). */
  readonly gatewayAddress: pulumi.Output<string>;
  /** istiod's cluster id: the name of this cluster's remote secrets in the others. */
  readonly clusterId: pulumi.Output<string>;
}

/**
 * Installs one cluster's control plane and east-west gateway. Names (`<cluster>-asm`,
 * `-istio`, `-plugin-ca`, `-eastwest`) are the ones stacks used before the Mesh component, so
 * only the parent changes. With asmcli, a revision change is an update: the new revision is
 * installed beside the old, the gateway re-installed with it, then `<cluster>-canary` moves the
 * namespaces and workloads and removes the old revision.
 */
export function installControlPlane(
  cluster: MeshCluster,
  namespaces: MeshNamespaces,
  mesh: MeshSpec,
  controlPlane: ControlPlane,
  opts: pulumi.ComponentResourceOptions,
): InstalledControlPlane {
  // The install needs istio-system's network label; the revision-labelled namespaces wait for the install.
  const before = [namespaces.istioSystem, ...(cluster.after ?? [])];
  if (controlPlane.kind === "asmcli") {
    if (mesh.asmcliRelease === undefined) throw new Error(`mesh.asmcliRelease is unset for revision ${mesh.revision}: the configuration was not validated`);
    const asm = new AsmInstall(
      `${cluster.name}-asm`,
      {
        cluster,
        fleetProject: controlPlane.fleetProject,
        revision: mesh.revision,
        asmcliRelease: mesh.asmcliRelease,
        ca: mesh.ca,
        owner: controlPlane.owner,
        adoptExistingRevision: mesh.adoptExistingRevision,
      },
      { ...opts, dependsOn: [...before, ...(controlPlane.after ?? [])] },
    );
    const gateway = new EastWestGateway(
      `${cluster.name}-eastwest`,
      { cluster, revision: mesh.revision, namespace: mesh.gatewayNamespace },
      { ...opts, dependsOn: [asm, namespaces] },
    );
    const canary = new RevisionCanary(
      `${cluster.name}-canary`,
      { cluster, revision: mesh.revision, namespaces: [...mesh.workloadNamespaces, mesh.gatewayNamespace], owner: controlPlane.owner },
      { ...opts, dependsOn: [asm, gateway, namespaces] },
    );
    return { ready: [asm, gateway, canary], controlPlane: asm, gatewayAddress: gateway.address, clusterId: asm.clusterId };
  }
  const ca = new PluginCaSecret(
    `${cluster.name}-plugin-ca`,
    { cluster, root: controlPlane.root, organization: controlPlane.organization, validityDays: controlPlane.intermediateValidityDays },
    { ...opts, dependsOn: before },
  );
  const options = {
    revision: mesh.revision,
    istioVersion: mesh.istioVersion,
    clusterName: cluster.name,
    network: cluster.meshNetwork,
    meshId: controlPlane.meshId,
  };
  const installed = new ManifestInstall(`${cluster.name}-istio`, { cluster, options }, { ...opts, dependsOn: [namespaces.istioSystem, ca] });
  const gateway = new EastWestGatewayObjects(
    `${cluster.name}-eastwest`,
    { cluster, revision: mesh.revision, namespace: mesh.gatewayNamespace },
    { ...opts, dependsOn: [namespaces, installed] },
  );
  const exposure = cluster.exposure;
  const gatewayAddress =
    exposure.kind === "address"
      ? pulumi.output(exposure.address)
      : gateway.service.status.apply((status) => status?.loadBalancer?.ingress?.[0]?.ip ?? status?.loadBalancer?.ingress?.[0]?.hostname ?? "");
  // Pulumi's own istiod runs with the cluster's name as its cluster id (istioManifests clusterName).
  return { ready: [ca, installed, gateway], controlPlane: installed, gatewayAddress, clusterId: pulumi.output(cluster.name) };
}
