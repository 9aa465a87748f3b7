import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface GcpVpnGatewayArgs {
  /** Name given to the resource in the cloud (or in the kubeconfig). */
  readonly name: string;
  /** GCP region. */
  readonly region: string;
  /** VPC network id. */
  readonly network: pulumi.Input<string>;
}

/**
 * Classic Cloud VPN gateway: a static address, the target gateway and the three forwarding rules
 * (ESP, IKE on UDP 500, NAT-T on UDP 4500) that carry IPsec to it.
 */
export class GcpVpnGateway extends pulumi.ComponentResource {
  readonly address: gcp.compute.Address;
  readonly gateway: gcp.compute.VPNGateway;
  readonly forwardingRules: gcp.compute.ForwardingRule[];

  constructor(name: string, args: GcpVpnGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:vpn:GcpVpnGateway", name, {}, opts);
    const child = { parent: this };
    this.address = new gcp.compute.Address(`${name}-ip`, { name: `${args.name}-ip`, region: args.region }, child);
    // A renamed gateway is created beside the old one, and the old one goes at the end, once its
    // rules and tunnel have moved: with an explicit name the provider would delete it first
    // (delete-before-replace), and the engine then runs its delete beside, not after, the deletes
    // of the rules that still target it, which GCP refuses (resourceInUseByAnotherResource).
    this.gateway = new gcp.compute.VPNGateway(
      `${name}-gw`,
      { name: args.name, region: args.region, network: args.network },
      { ...child, deleteBeforeReplace: false },
    );
    const rules: [string, string, string | undefined][] = [
      ["esp", "ESP", undefined],
      ["udp500", "UDP", "500"],
      ["udp4500", "UDP", "4500"],
    ];
    this.forwardingRules = rules.map(
      ([role, ipProtocol, portRange]) =>
        new gcp.compute.ForwardingRule(
          `${name}-fr-${role}`,
          {
            name: `${args.name}-${role}`,
            region: args.region,
            ipProtocol,
            portRange,
            ipAddress: this.address.address,
            target: this.gateway.id,
          },
          // GCP retargets a forwarding rule in place (`target` is not ForceNew in
          // terraform-provider-google's resource_compute_forwarding_rule.go), so the engine would
          // delete a replaced gateway while its rules still point at it, which GCP refuses
          // (resourceInUseByAnotherResource). Replaced with the gateway, they go first.
          { ...child, replaceOnChanges: ["target"] },
        ),
    );
    this.registerOutputs({ address: this.address.address, gatewayId: this.gateway.id });
  }
}
