/**
 * What the stack creates through the Kubernetes provider on one existing cluster, as
 * scripts/mesh/preflight.sh checks it before anything is built. Names come from the renderers the
 * components use, so the two cannot drift. Pure.
 */
import { MeshSpec, VerifySpec } from "../../config/types";
import { remoteSecretName } from "../../lib/naming";
import { helloworldDeployment, helloworldService, sleepDeployment } from "../verify/sampleApps";
import { crossNetworkGateway } from "./eastWestOperator";
import { ISTIO_SYSTEM, NETWORK_LABEL, REVISION_LABEL } from "./meshNamespaces";
import { READER_TOKEN_SECRET } from "./remoteSecretManifest";

/** One object, by its kubectl resource name; a namespace may be adopted (only its labels are the stack's). */
export interface PlannedObject {
  readonly resource: string;
  readonly namespace?: string;
  readonly name: string;
  readonly adopt?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface PlannedObjectsArgs {
  /** The cluster's name in the stack (the verification places helloworld versions by it). */
  readonly cluster: string;
  /** Its Istio network: istio-system's label. */
  readonly meshNetwork: string;
  readonly mesh: MeshSpec;
  readonly verify: VerifySpec;
  /** Namespaces the stack adopts there. @default [] */
  readonly adoptNamespaces?: readonly string[];
  /** istiod cluster ids of the other clusters whose remote secrets go into this one, where known before their install. */
  readonly remoteClusterIds: readonly string[];
}

export function plannedObjects(args: PlannedObjectsArgs): PlannedObject[] {
  const { mesh, verify } = args;
  const adopt = new Set(args.adoptNamespaces ?? []);
  const namespace = (name: string, labels: Record<string, string>): PlannedObject => ({ resource: "namespaces", name, adopt: adopt.has(name), labels });
  const revisioned = [...new Set([mesh.gatewayNamespace, ...mesh.workloadNamespaces])];
  const objects: PlannedObject[] = [
    namespace(ISTIO_SYSTEM, { [NETWORK_LABEL]: args.meshNetwork }),
    ...revisioned.map((ns) => namespace(ns, { [REVISION_LABEL]: mesh.revision })),
    { resource: "gateways.networking.istio.io", namespace: mesh.gatewayNamespace, name: crossNetworkGateway(mesh.gatewayNamespace).metadata.name },
    { resource: "secrets", namespace: ISTIO_SYSTEM, name: READER_TOKEN_SECRET },
    ...args.remoteClusterIds.map((id) => ({ resource: "secrets", namespace: ISTIO_SYSTEM, name: remoteSecretName(id) })),
  ];
  if (verify.enabled) {
    const ns = verify.namespace;
    const versions = (["v1", "v2"] as const).filter((v) => (v === "v1" ? verify.v1Cluster : verify.v2Cluster) === args.cluster);
    objects.push(
      { resource: "services", namespace: ns, name: helloworldService(ns).metadata.name },
      ...versions.map((v) => ({ resource: "deployments", namespace: ns, name: helloworldDeployment(ns, v).metadata.name })),
      { resource: "serviceaccounts", namespace: ns, name: sleepDeployment(ns).spec.template.spec.serviceAccountName as string },
      { resource: "deployments", namespace: ns, name: sleepDeployment(ns).metadata.name },
    );
  }
  return objects;
}

/** The cluster id asmcli gives istiod on GKE: `cn-<project>-<location>-<cluster>` (asm/Kptfile substitution cluster-name, asmcli lib/config.sh). */
export function asmGkeClusterId(project: string, location: string, clusterName: string): string {
  return `cn-${project}-${location}-${clusterName}`;
}
