import * as pulumi from "@pulumi/pulumi";
import { MeshCa } from "../../config/types";
import { ScriptCommand, NO_RESULT } from "../command/scriptCommand";
import { MeshCluster } from "./meshCluster";

export interface AsmInstallArgs {
  /** The mesh member cluster this is installed on. */
  readonly cluster: MeshCluster;
  /** GCP project of the fleet the clusters join. */
  readonly fleetProject: string;
  /** Mesh revision label (istio.io/rev). */
  readonly revision: string;
  /** asmcli minor version to download. */
  readonly asmcliVersion: string;
  /** Mesh certificate authority. */
  readonly ca: MeshCa;
  /** istioctl of the revision, used to uninstall it. */
  readonly istioctl: string;
}

/**
 * Anthos Service Mesh installed by asmcli: `--platform multicloud --kubeconfig` for a cluster
 * outside GCP, the GKE flags for GKE; `--enable_all`, the CA and the fleet. The script skips the
 * install when the revision's istiod already runs, and removes the revision on destroy.
 */
export class AsmInstall extends pulumi.ComponentResource {
  readonly command: ScriptCommand;

  constructor(name: string, args: AsmInstallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:AsmInstall", name, {}, opts);
    const target = args.cluster.asmTarget;
    this.command = new ScriptCommand(
      `${name}-asmcli`,
      {
        script: "scripts/mesh/asm-install.sh",
        result: NO_RESULT,
        environment: {
          KUBECONFIG_DATA: args.cluster.kubeconfig,
          ASM_PLATFORM: target.kind,
          ASM_FLEET_ID: args.fleetProject,
          ASM_REVISION: args.revision,
          ASM_CA: args.ca,
          ASMCLI_VERSION: args.asmcliVersion,
          ISTIOCTL: args.istioctl,
          ...(target.kind === "gke" ? { ASM_PROJECT_ID: target.project, ASM_CLUSTER_NAME: target.clusterName, ASM_CLUSTER_LOCATION: target.location } : {}),
        },
        replaceOn: [args.revision, args.ca],
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
