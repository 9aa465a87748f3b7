import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ResultParser, ScriptCommand, countsByCluster } from "../command/scriptCommand";
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
  /** The revision the sidecars run (selects the istioctl that reads their endpoints). */
  readonly revision: string;
  /** Per cluster, its east-west gateway's address: remote endpoints must point there on 15443. */
  readonly gatewayAddresses: Readonly<Record<string, pulumi.Output<string>>>;
  /** Everything the calls need: gateways, remote secrets. */
  readonly after: pulumi.Resource[];
}

/** What one cluster's sidecar shows for helloworld. */
export interface EndpointCheck {
  /** Remote endpoints that are another cluster's east-west gateway on 15443 (as they must be). */
  readonly viaGateway: string[];
  /** Other clusters' gateways the sidecar has no endpoint for. */
  readonly missingGateways: string[];
  /** Endpoints that are neither a local pod nor a gateway: remote pod IPs, unreachable across networks. */
  readonly remotePodIps: string[];
}

/** What scripts/mesh/probe.sh proved: cross-cluster answers and where the remote endpoints point. */
export interface MeshProbeResult {
  /**
   * Whether calls were made at all. False when the stack runs no probe (verification off, or
   * clusters where no container runs, as in `local`): the fields below then prove nothing.
   */
  readonly probed: boolean;
  /** Per calling cluster, the answers counted per version: `{ east: { v1: 5, v2: 5 } }`. */
  readonly answers: Record<string, Record<string, number>>;
  /** Every version answered every cluster (so traffic crossed the networks). */
  readonly allVersionsEverywhere: boolean;
  /** Every sidecar reaches the other clusters through their east-west gateways, never remote pod IPs. */
  readonly remoteViaGateway: boolean;
  readonly endpoints: Record<string, EndpointCheck>;
}

/** Verification off or without calls: nothing proven. */
export const NOT_PROBED: MeshProbeResult = { probed: false, answers: {}, allVersionsEverywhere: false, remoteViaGateway: false, endpoints: {} };

const stringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * Types probe.sh's result, and fails (so `up` fails) unless both proofs hold: the script exits
 * non-zero then too, this catches a result that says false anyway.
 */
export const meshProbeResult: ResultParser<MeshProbeResult> = (value, script) => {
  const answers = countsByCluster((value.answers ?? {}) as Record<string, unknown>, script);
  const { allVersionsEverywhere, remoteViaGateway } = value;
  if (typeof allVersionsEverywhere !== "boolean" || typeof remoteViaGateway !== "boolean")
    throw new Error(`${script} printed no boolean "allVersionsEverywhere" and "remoteViaGateway" in its JSON result`);
  const endpoints: Record<string, EndpointCheck> = {};
  for (const [cluster, e] of Object.entries((value.endpoints ?? {}) as Record<string, Record<string, unknown>>)) {
    if (!e || !stringList(e.viaGateway) || !stringList(e.missingGateways) || !stringList(e.remotePodIps))
      throw new Error(`${script} printed no endpoint check for "${cluster}" (expected viaGateway, missingGateways, remotePodIps lists)`);
    endpoints[cluster] = { viaGateway: e.viaGateway, missingGateways: e.missingGateways, remotePodIps: e.remotePodIps };
  }
  if (!allVersionsEverywhere || !remoteViaGateway)
    throw new Error(
      `${script}: cross-cluster traffic is not proven (allVersionsEverywhere=${allVersionsEverywhere}, remoteViaGateway=${remoteViaGateway}): ${JSON.stringify({ answers, endpoints })}`,
    );
  return { probed: true, answers, allVersionsEverywhere, remoteViaGateway, endpoints };
};

/**
 * Cross-cluster traffic, proven: helloworld v1 in one cluster, v2 in the other, the Service and sleep in all; then
 * calls from each side's sleep pod: every version must answer every cluster, and each
 * sidecar's endpoints for the remote version must be the other cluster's east-west gateway.
 */
export class MeshVerification extends pulumi.ComponentResource {
  readonly answers: pulumi.Output<MeshProbeResult>;

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
      const gateways = pulumi
        .all(args.clusters.map((c) => args.gatewayAddresses[c.name] ?? ""))
        .apply((addresses) => JSON.stringify(Object.fromEntries(args.clusters.map((c, i) => [c.name, addresses[i]]))));
      const probe = new ScriptCommand(
        `${name}-probe`,
        {
          script: "mesh/probe.sh",
          result: meshProbeResult,
          environment: {
            PROBE_KUBECONFIGS: kubeconfigs,
            PROBE_GATEWAYS: gateways,
            MESH_REVISION: args.revision,
            PROBE_NAMESPACE: args.namespace,
            PROBE_REQUESTS: String(args.requests),
          },
          replaceOn: [args.clusters.map((c) => c.name).join(","), args.v1Cluster, args.v2Cluster],
        },
        { parent: this, dependsOn: workloads },
      );
      this.answers = probe.result;
    } else {
      this.answers = pulumi.output(NOT_PROBED);
    }
    this.registerOutputs({ answers: this.answers });
  }
}
