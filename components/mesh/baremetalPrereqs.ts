import * as pulumi from "@pulumi/pulumi";
import { ScriptCommand, NO_RESULT } from "../command/scriptCommand";

export interface BaremetalPrereqsArgs {
  /** Secret kubeconfig of the bare-metal cluster. */
  readonly kubeconfig: pulumi.Output<string>;
  /** GCP ranges the servers must route into the VPN (nodes, pods, services). */
  readonly gcpRanges: readonly string[];
  /** The NIFCLOUD VPN gateway's address on the servers' LAN: the next hop of those routes. */
  readonly vpnGatewayIp: string;
  /** The servers' NIFCLOUD firewall group, named in the fix when GCP cannot get through. */
  readonly serverFirewallGroup: string;
  /** `host:port` on GCP every server must reach, e.g. the GKE API server the bare-metal istiod reads. @default none */
  readonly targets?: readonly pulumi.Input<string>[];
}

/**
 * Preconditions of the mesh on bare metal, checked from every node before the install (scripts/
 * mesh/baremetal-prereqs.sh): the route to each GCP range goes via the VPN gateway, otherwise
 * `up` stops with the `ip route add` to run on each server, and each target answers a TCP
 * connection, otherwise `up` names the firewall group to open. Re-checked whenever an input
 * changes.
 */
export class BaremetalPrereqs extends pulumi.ComponentResource {
  readonly command: ScriptCommand;

  constructor(name: string, args: BaremetalPrereqsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:mesh:BaremetalPrereqs", name, {}, opts);
    this.command = new ScriptCommand(
      `${name}-check`,
      {
        script: "mesh/baremetal-prereqs.sh",
        result: NO_RESULT,
        environment: {
          KUBECONFIG_DATA: args.kubeconfig,
          PREREQ_GCP_RANGES: [...args.gcpRanges].join(" "),
          PREREQ_VPN_GATEWAY_IP: args.vpnGatewayIp,
          PREREQ_FIREWALL_GROUP: args.serverFirewallGroup,
          PREREQ_TARGETS: pulumi.all([...(args.targets ?? [])]).apply((targets) => targets.join(" ")),
        },
      },
      // The engine records a resource's own dependencies only: the command carries its component's (destroy order).
      { parent: this, dependsOn: opts?.dependsOn },
    );
    this.registerOutputs({});
  }
}
