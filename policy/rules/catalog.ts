/** Every rule of the pack with its policy name: the pack and the tests read this one list. */
import { overlappingCidrs } from "./cidrs";
import { publicControlPlane } from "./controlPlane";
import { weakCrypto } from "./crypto";
import { publicEastWest } from "./eastWest";
import { openToInternet } from "./firewall";
import { subscriptionInEphemeral, unprotectedCluster } from "./lifecycle";
import { keyNotFromSecret } from "./preSharedKey";
import { PolicySettings, Resource } from "./resource";

export interface ResourceRule {
  readonly name: string;
  readonly description: string;
  readonly check: (r: Resource, settings: PolicySettings) => string[];
  /**
   * `advisory` reports without failing the preview: for a rule the stacks' own resources do not
   * meet yet. @default "mandatory"
   */
  readonly enforcement?: "mandatory" | "advisory";
}

export interface StackRule {
  readonly name: string;
  readonly description: string;
  readonly check: (resources: readonly Resource[]) => string[];
}

export const RESOURCE_RULES: readonly ResourceRule[] = [
  { name: "vpn-crypto", description: "No MD5, 3DES or DH group below 14 on a VPN without a waiver.", check: weakCrypto },
  { name: "east-west-internal", description: "East-west gateways only behind internal load balancers.", check: publicEastWest },
  {
    name: "no-open-firewall",
    description: "No firewall rule that admits a public share of the internet (0.0.0.0/0, a union of ranges, or no source).",
    check: openToInternet,
  },
  {
    name: "gke-authorized-networks",
    description: "No GKE control plane reachable from a public share of the internet.",
    check: publicControlPlane,
  },
  { name: "gke-deletion-protection", description: "GKE deletion protection stays on outside ephemeral stacks.", check: unprotectedCluster },
  { name: "no-subscription-in-ephemeral", description: "No subscription-billed Alibaba resources in ephemeral stacks.", check: subscriptionInEphemeral },
];

export const STACK_RULES: readonly StackRule[] = [
  { name: "psk-from-secret", description: "Pre-shared keys come only from generated secrets.", check: (rs) => rs.flatMap((r) => keyNotFromSecret(r)) },
  { name: "no-overlapping-cidrs", description: "No two networks of the stack overlap.", check: overlappingCidrs },
];
