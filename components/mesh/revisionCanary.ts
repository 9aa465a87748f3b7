import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand, stringFields } from "../command/scriptCommand";
import { MeshCluster } from "./meshCluster";

export interface RevisionCanaryArgs {
  /** The mesh member cluster whose workloads move. */
  readonly cluster: MeshCluster;
  /** The revision the namespaces, workloads and gateways move to. */
  readonly revision: string;
  /** Namespaces carrying the revision label: the workload namespaces and the gateway namespace. */
  readonly namespaces: readonly string[];
  /** `<project>/<stack>`: only an old revision whose istiod carries this owner mark (AsmInstall's) is removed. */
  readonly owner: string;
}

/**
 * Istio's revision-based canary, once the new revision runs beside the old: namespace labels
 * move, workloads restart onto the new proxies, and only then is every other revision this stack
 * installed or adopted (its owner mark on istiod) removed with its own release's istioctl, when
 * nothing uses it (scripts/mesh/revision-canary.sh). With one revision installed it changes
 * nothing, so it is a no-op on a first `up`.
 */
export class RevisionCanary extends pulumi.ComponentResource {
  readonly command: ScriptCommand<{ revision: string }>;

  constructor(name: string, args: RevisionCanaryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:RevisionCanary", name, {}, opts);
    this.command = new ScriptCommand(
      `${name}-move`,
      {
        script: "mesh/revision-canary.sh",
        result: stringFields("revision"),
        environment: {
          KUBECONFIG_DATA: args.cluster.kubeconfig,
          MESH_REVISION: args.revision,
          MESH_NAMESPACES: [...new Set(args.namespaces)].join(" "),
          MESH_OWNER: args.owner,
        },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
