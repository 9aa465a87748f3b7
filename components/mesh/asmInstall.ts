import * as pulumi from "@pulumi/pulumi";
import { MeshCa } from "../../config/types";
import { ScriptCommand, stringFields } from "../command/scriptCommand";
import { MeshCluster } from "./meshCluster";

export interface AsmInstallArgs {
  /** The mesh member cluster this is installed on. */
  readonly cluster: MeshCluster;
  /** GCP project of the fleet the clusters join. */
  readonly fleetProject: string;
  /** Mesh revision label (istio.io/rev), passed to asmcli as --revision_name; it names `asmcliRelease`. */
  readonly revision: string;
  /** The asmcli build to download and run, as `asmcli --version` prints it, e.g. `1.29.0-asm.1+config1`. */
  readonly asmcliRelease: string;
  /** Mesh certificate authority. */
  readonly ca: MeshCa;
  /** `<project>/<stack>`: the mark on what this stack installs; only a marked revision is ever uninstalled. */
  readonly owner: string;
  /** Take over an unmarked running control plane of `revision`. @default false */
  readonly adoptExistingRevision?: boolean;
}

/**
 * Cloud Service Mesh installed by asmcli (scripts/mesh/asm-install.sh): exactly `asmcliRelease`,
 * from a checksum-verified asmcli and a signature-verified release; `--platform multicloud
 * --kubeconfig` for a cluster outside GCP, the GKE flags for GKE; only the `--enable_*` flags the
 * install needs, the CA, the fleet, `--revision_name` and `--network_id` (the cluster's mesh
 * network: asmcli would write `default` off GCP). A new revision is an update that installs
 * beside the running one (RevisionCanary then moves the workloads and removes the old); only a
 * CA change replaces the install.
 */
export class AsmInstall extends pulumi.ComponentResource {
  readonly command: ScriptCommand<{ clusterId: string }>;
  /** istiod's cluster id (CLUSTER_ID), which remote secrets for this cluster are named after. */
  readonly clusterId: pulumi.Output<string>;

  constructor(name: string, args: AsmInstallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:AsmInstall", name, {}, opts);
    const target = args.cluster.asmTarget;
    this.command = new ScriptCommand(
      `${name}-asmcli`,
      {
        script: "mesh/asm-install.sh",
        result: stringFields("clusterId"),
        environment: {
          KUBECONFIG_DATA: args.cluster.kubeconfig,
          ASM_PLATFORM: target.kind,
          ASM_FLEET_ID: args.fleetProject,
          MESH_REVISION: args.revision,
          ASM_NETWORK_ID: args.cluster.meshNetwork,
          ASM_CA: args.ca,
          ASM_RELEASE: args.asmcliRelease,
          MESH_OWNER: args.owner,
          MESH_ADOPT_EXISTING: String(args.adoptExistingRevision ?? false),
          ...(target.kind === "gke" ? { ASM_PROJECT_ID: target.project, ASM_CLUSTER_NAME: target.clusterName, ASM_CLUSTER_LOCATION: target.location } : {}),
        },
        // Not the revision: replacing deletes first, which would uninstall the running mesh.
        replaceOn: [args.ca],
      },
      // The engine records a resource's own dependencies only: the command carries its component's (destroy order).
      { parent: this, dependsOn: opts?.dependsOn },
    );
    this.clusterId = this.command.field("clusterId");
    this.registerOutputs({ clusterId: this.clusterId });
  }
}
