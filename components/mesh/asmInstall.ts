import * as pulumi from "@pulumi/pulumi";
import { MeshCa } from "../../config/types";
import { ScriptCommand, NO_RESULT } from "../command/scriptCommand";
import { MeshCluster } from "./meshCluster";

export interface AsmInstallArgs {
  /** The mesh member cluster this is installed on. */
  readonly cluster: MeshCluster;
  /** GCP project of the fleet the clusters join. */
  readonly fleetProject: string;
  /** Mesh revision label (istio.io/rev), passed to asmcli as --revision_name. */
  readonly revision: string;
  /** asmcli release line to download. */
  readonly asmcliVersion: string;
  /** Mesh certificate authority. */
  readonly ca: MeshCa;
}

/**
 * Cloud Service Mesh installed by asmcli: `--platform multicloud --kubeconfig` for a cluster
 * outside GCP, the GKE flags for GKE; `--enable_all`, the CA, the fleet, `--revision_name` and
 * `--network_id` (the cluster's mesh network: asmcli would write `default` off GCP). A new
 * revision is an update that installs beside the running one (RevisionCanary then moves the
 * workloads and removes the old); only a CA change replaces the install.
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
          ASM_NETWORK_ID: args.cluster.meshNetwork,
          ASM_CA: args.ca,
          ASMCLI_VERSION: args.asmcliVersion,
          ...(target.kind === "gke" ? { ASM_PROJECT_ID: target.project, ASM_CLUSTER_NAME: target.clusterName, ASM_CLUSTER_LOCATION: target.location } : {}),
        },
        // Not the revision: replacing deletes first, which would uninstall the running mesh.
        replaceOn: [args.ca],
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
