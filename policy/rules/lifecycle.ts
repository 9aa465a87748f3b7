/** Rules that depend on whether the stack is ephemeral (dev) or persistent. */
import { PolicySettings, Resource } from "./resource";

/** Outside ephemeral stacks a GKE cluster keeps deletion protection on. */
export function unprotectedCluster(r: Resource, settings: PolicySettings = {}): string[] {
  if (r.type !== "gcp:container/cluster:Cluster" || (settings.lifecycle ?? "persistent") === "ephemeral") return [];
  return r.props.deletionProtection === false
    ? [`${r.name} has deletionProtection off in a persistent stack; set clusters[].gke.deletionProtection: true`]
    : [];
}

const SUBSCRIPTION = [
  ["paymentType", "Subscription"],
  ["instanceChargeType", "PrePaid"],
  ["paymentType", "PrePaid"],
] as const;

/** Ephemeral stacks buy nothing on subscription: Pulumi cannot destroy it, and it bills on. */
export function subscriptionInEphemeral(r: Resource, settings: PolicySettings = {}): string[] {
  if (!r.type.startsWith("alicloud:") || (settings.lifecycle ?? "persistent") !== "ephemeral") return [];
  const hit = SUBSCRIPTION.find(([key, value]) => r.props[key] === value);
  return hit ? [`${r.name} is billed by subscription (${hit[0]}: ${hit[1]}) in an ephemeral stack; use PayAsYouGo so that destroy removes it`] : [];
}
