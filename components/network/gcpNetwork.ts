import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { gcpName } from "../../lib/naming";
import { gcpMeshFirewallRules } from "./firewallRules";

export interface GcpNetworkArgs {
  /** VPC name, also the subnet's name. */
  readonly name: string;
  /** GCP region. */
  readonly region: string;
  /** Node range of the subnet. */
  readonly nodeCidr: string;
  /** Secondary range for GKE pods. */
  readonly podCidr: string;
  /** Secondary range for GKE services. */
  readonly serviceCidr: string;
  /** Ranges of peer networks reached over VPN; they get the mesh firewall rules. */
  readonly peerRanges: readonly string[];
  /** Open Istio's cross-network ports to the peers. @default true */
  readonly mesh?: boolean;
  /** Network tags of the instances the mesh ports open on (the GKE nodes). @default every instance of the network */
  readonly meshTargetTags?: readonly string[];
}

/** VPC, a VPC-native subnet with pod and service secondary ranges, and the peers' firewall rules. */
export class GcpNetwork extends pulumi.ComponentResource {
  readonly network: gcp.compute.Network;
  readonly subnet: gcp.compute.Subnetwork;
  readonly podRangeName: string;
  readonly serviceRangeName: string;

  constructor(name: string, args: GcpNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("multicloud-mesh:network:GcpNetwork", name, {}, opts);
    const child = { parent: this };
    this.podRangeName = `${args.name}-pods`;
    this.serviceRangeName = `${args.name}-services`;

    this.network = new gcp.compute.Network(
      `${name}-vpc`,
      {
        name: args.name,
        autoCreateSubnetworks: false,
        routingMode: "REGIONAL",
      },
      child,
    );

    this.subnet = new gcp.compute.Subnetwork(
      `${name}-subnet`,
      {
        name: args.name,
        region: args.region,
        network: this.network.id,
        ipCidrRange: args.nodeCidr,
        privateIpGoogleAccess: true,
        secondaryIpRanges: [
          { rangeName: this.podRangeName, ipCidrRange: args.podCidr },
          { rangeName: this.serviceRangeName, ipCidrRange: args.serviceCidr },
        ],
      },
      child,
    );

    for (const rule of gcpMeshFirewallRules(args.peerRanges, args.mesh ?? true, args.meshTargetTags)) {
      new gcp.compute.Firewall(
        `${name}-${rule.role}`,
        {
          name: gcpName(args.name, rule.role),
          network: this.network.id,
          direction: "INGRESS",
          description: rule.description,
          sourceRanges: [...rule.sourceRanges],
          allows: rule.allow.map((a) => ({ protocol: a.protocol, ports: a.ports })),
          targetTags: rule.targetTags ? [...rule.targetTags] : undefined,
        },
        child,
      );
    }

    this.registerOutputs({ networkId: this.network.id, subnetId: this.subnet.id });
  }
}
