import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IntermediateCa, RootCa } from "../pki/caResources";
import { MeshCluster } from "./meshCluster";
import { ISTIO_SYSTEM } from "./meshNamespaces";

export interface PluginCaSecretArgs {
  /** The mesh member cluster this is installed on. */
  readonly cluster: MeshCluster;
  /** The mesh's one root: every cluster's intermediate chains to it. */
  readonly root: RootCa;
  /** Organization on the certificates. */
  readonly organization: string;
  /** Certificate validity in days. */
  readonly validityDays: number;
}

/**
 * One cluster's share of the plug-in CA: its intermediate, and the `cacerts` Secret istiod
 * signs workload certificates with. It must exist before istiod starts.
 */
export class PluginCaSecret extends pulumi.ComponentResource {
  readonly intermediate: IntermediateCa;
  readonly secret: k8s.core.v1.Secret;

  constructor(name: string, args: PluginCaSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:PluginCaSecret", name, {}, opts);
    this.intermediate = new IntermediateCa(
      `${name}-intermediate`,
      { clusterName: args.cluster.name, organization: args.organization, validityDays: args.validityDays, root: args.root },
      { parent: this },
    );
    const ca = this.intermediate;
    this.secret = new k8s.core.v1.Secret(
      `${name}-cacerts`,
      {
        metadata: { name: "cacerts", namespace: ISTIO_SYSTEM },
        type: "Opaque",
        stringData: pulumi.secret(
          pulumi.all([ca.certPem, ca.keyPem, args.root.certPem, ca.chainPem]).apply(([cert, key, root, chain]) => ({
            "ca-cert.pem": cert,
            "ca-key.pem": key,
            "root-cert.pem": root,
            "cert-chain.pem": chain,
          })),
        ),
      },
      { parent: this, provider: args.cluster.provider, additionalSecretOutputs: ["stringData", "data"] },
    );
    this.registerOutputs({});
  }
}
