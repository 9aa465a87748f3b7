import * as pulumi from "@pulumi/pulumi";
import { MinorRange } from "../../config/meshRelease";
import { ScriptCommand, stringFields } from "../command/scriptCommand";
import { PlannedObject } from "./plannedObjects";

export interface MeshPreflightArgs {
  /** The cluster's name in the stack. */
  readonly cluster: string;
  /** Its configuration key, e.g. `clusters[1]`, named in the fixes. */
  readonly configKey: string;
  /** Secret kubeconfig of the cluster. */
  readonly kubeconfig: pulumi.Output<string>;
  /** The Cloud Service Mesh line, e.g. `1.29`. */
  readonly line: string;
  /** Kubernetes minors the line supports on bare metal. @default none recorded: the version is only printed */
  readonly kubernetes?: MinorRange;
  /** Fleet host project the cluster must be a member of. */
  readonly fleetProject: string;
  /** What the stack would create there. */
  readonly objects: readonly PlannedObject[];
  /** The mesh revision and the stack's owner mark (scripts/mesh/lib.sh revision_owner). */
  readonly revision: string;
  readonly owner: string;
  /** Take over an unmarked control plane of the revision. @default false */
  readonly adoptExistingRevision?: boolean;
}

/**
 * The read-only check of an existing cluster that everything else waits for
 * (scripts/mesh/preflight.sh): Kubernetes version within the release's support matrix, fleet
 * membership, the revision's owner, nothing the stack would create already there. It runs
 * again whenever one of its inputs changes (a new revision, namespaces, adoption).
 */
export class MeshPreflight extends pulumi.ComponentResource {
  readonly command: ScriptCommand<{ kubernetes: string }>;

  constructor(name: string, args: MeshPreflightArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:MeshPreflight", name, {}, opts);
    this.command = new ScriptCommand(
      `${name}-check`,
      {
        script: "mesh/preflight.sh",
        result: stringFields("kubernetes"),
        environment: {
          KUBECONFIG_DATA: args.kubeconfig,
          PREFLIGHT_CLUSTER: args.cluster,
          PREFLIGHT_CONFIG_KEY: args.configKey,
          PREFLIGHT_LINE: args.line,
          PREFLIGHT_KUBERNETES: args.kubernetes ? args.kubernetes.join(" ") : "",
          PREFLIGHT_FLEET: args.fleetProject,
          PREFLIGHT_OBJECTS: JSON.stringify(args.objects),
          MESH_REVISION: args.revision,
          MESH_OWNER: args.owner,
          MESH_ADOPT_EXISTING: String(args.adoptExistingRevision ?? false),
        },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }

  /** `value`, once the check has passed: what reaches a resource through it waits for the check. */
  gate(value: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.all([value, this.command.result]).apply(([v]) => v);
  }
}
