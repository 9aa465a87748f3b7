import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand, countsByCluster } from "../command/scriptCommand";
import { MeshCluster } from "../mesh/meshCluster";
import { helloworldDeployment, helloworldService, sleepDeployment } from "./sampleApps";

export interface MeshVerificationArgs {
  /** Member clusters of the mesh. */
  readonly clusters: readonly MeshCluster[];
  /** Namespace the objects go into. */
  readonly namespace: string;
  /** Cluster that runs helloworld v1. */
  readonly v1Cluster: string;
  /** Cluster that runs helloworld v2. */
  readonly v2Cluster: string;
  /** Calls made from each side. */
  readonly requests: number;
  /** Run the cross-cluster calls (needs running pods). */
  readonly probe: boolean;
  /** Skip readiness waits (API servers without nodes). */
  readonly skipAwait: boolean;
  /** Everything the calls need: gateways, remote secrets. */
  readonly after: pulumi.Resource[];
}

/**
 * Seed part 4: helloworld v1 in one cluster, v2 in the other, the Service and sleep in all; then
 * calls from each side's sleep pod, reported as `{cluster: {v1: n, v2: m}}`.
 */
export class MeshVerification extends pulumi.ComponentResource {
  readonly answers: pulumi.Output<Record<string, Record<string, number>>>;

  constructor(name: string, args: MeshVerificationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:verify:MeshVerification", name, {}, opts);
    const annotations = args.skipAwait ? { "pulumi.com/skipAwait": "true" } : undefined;
    const workloads: pulumi.Resource[] = [];
    for (const cluster of args.clusters) {
      const child = { parent: this, provider: cluster.provider, dependsOn: args.after };
      const withAnnotations = <T extends { metadata: object }>(o: T) => ({ ...o, metadata: { ...o.metadata, annotations } });
      workloads.push(new k8s.core.v1.Service(`${name}-${cluster.name}-helloworld`, withAnnotations(helloworldService(args.namespace)), child));
      for (const version of ["v1", "v2"] as const) {
        if ((version === "v1" ? args.v1Cluster : args.v2Cluster) !== cluster.name) continue;
        workloads.push(
          new k8s.apps.v1.Deployment(`${name}-${cluster.name}-helloworld-${version}`, withAnnotations(helloworldDeployment(args.namespace, version)), child),
        );
      }
      workloads.push(new k8s.core.v1.ServiceAccount(`${name}-${cluster.name}-sleep-sa`, { metadata: { name: "sleep", namespace: args.namespace } }, child));
      workloads.push(new k8s.apps.v1.Deployment(`${name}-${cluster.name}-sleep`, withAnnotations(sleepDeployment(args.namespace)), child));
    }

    if (args.probe) {
      const kubeconfigs = pulumi.secret(
        pulumi
          .all(args.clusters.map((c) => c.kubeconfig))
          .apply((configs) => JSON.stringify(Object.fromEntries(args.clusters.map((c, i) => [c.name, configs[i]])))),
      );
      const probe = new ScriptCommand(
        `${name}-probe`,
        {
          script: "scripts/mesh/probe.sh",
          result: countsByCluster,
          environment: { PROBE_KUBECONFIGS: kubeconfigs, PROBE_NAMESPACE: args.namespace, PROBE_REQUESTS: String(args.requests) },
          replaceOn: [args.clusters.map((c) => c.name).join(","), args.v1Cluster, args.v2Cluster],
        },
        { parent: this, dependsOn: workloads },
      );
      this.answers = probe.result;
    } else {
      this.answers = pulumi.output<Record<string, Record<string, number>>>({});
    }
    this.registerOutputs({ answers: this.answers });
  }
}
