import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { GatewayExposure } from "./eastWestOperator";

/** How asmcli addresses a cluster. */
export type AsmTarget =
  { readonly kind: "gke"; readonly project: string; readonly location: string; readonly clusterName: string } | { readonly kind: "multicloud" };

/** One member cluster of the mesh, as the mesh components see it. */
export interface MeshCluster {
  /** Mesh cluster name (DNS-1123 label): remote secrets and the `networking.istio.io/cluster` annotation. */
  readonly name: string;
  /** Istio network of this cluster. */
  readonly meshNetwork: string;
  readonly provider: k8s.Provider;
  /** Secret. For command scripts (asmcli, istioctl, kubectl). */
  readonly kubeconfig: pulumi.Output<string>;
  /** API server URL the other clusters' istiod can reach. */
  readonly apiServer: pulumi.Input<string>;
  readonly asmTarget: AsmTarget;
  readonly exposure: GatewayExposure;
  /** What the control plane's install on this cluster waits for (GKE: its fleet membership; bare metal: its prerequisites). @default none */
  readonly after?: readonly pulumi.Resource[];
  /** Mesh namespaces that already exist there and that the stack only labels (never creates or deletes). @default none */
  readonly adoptNamespaces?: readonly string[];
}
