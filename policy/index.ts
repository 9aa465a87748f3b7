import { PolicyConfigSchema, PolicyPack, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { overlappingCidrs } from "./rules/cidrs";
import { weakCrypto } from "./rules/crypto";
import { publicEastWest } from "./rules/eastWest";
import { openToInternet } from "./rules/firewall";
import { subscriptionInEphemeral, unprotectedCluster } from "./rules/lifecycle";
import { keyNotFromSecret } from "./rules/preSharedKey";
import { PolicySettings, Resource } from "./rules/resource";

const settingsSchema: PolicyConfigSchema = {
  properties: {
    lifecycle: { type: "string", enum: ["ephemeral", "persistent"], default: "persistent" },
    cryptoWaivers: { type: "array", items: { type: "string" }, default: [] },
  },
};

type Rule = (r: Resource, settings: PolicySettings) => string[];

function perResource(name: string, description: string, rule: Rule) {
  return {
    name,
    description,
    enforcementLevel: "mandatory" as const,
    configSchema: settingsSchema,
    validateResource: (args: ResourceValidationArgs, report: (message: string) => void) => {
      rule({ type: args.type, name: args.name, props: args.props }, args.getConfig<PolicySettings>()).forEach((m) => report(m));
    },
  };
}

function perStack(name: string, description: string, rule: (resources: Resource[]) => string[]) {
  return {
    name,
    description,
    enforcementLevel: "mandatory" as const,
    validateStack: (args: StackValidationArgs, report: (message: string) => void) => {
      const resources = args.resources.map((r) => ({
        type: r.type,
        name: r.name,
        props: r.props,
        propertyDependencies: Object.fromEntries(
          Object.entries(r.propertyDependencies).map(([k, deps]) => [k, deps.map((d) => ({ type: d.type, name: d.name }))]),
        ),
      }));
      rule(resources).forEach((m) => report(m));
    },
  };
}

new PolicyPack("multicloud-mesh", {
  policies: [
    perResource("vpn-crypto", "No MD5, 3DES or DH group below 14 on a VPN without a waiver.", weakCrypto),
    perStack("psk-from-secret", "Pre-shared keys come only from generated secrets.", (rs) => rs.flatMap((r) => keyNotFromSecret(r))),
    perStack("no-overlapping-cidrs", "No two networks of the stack overlap.", overlappingCidrs),
    perResource("east-west-internal", "East-west gateways only behind internal load balancers.", publicEastWest),
    perResource("no-open-firewall", "No firewall rule open to 0.0.0.0/0.", openToInternet),
    perResource("gke-deletion-protection", "GKE deletion protection stays on outside ephemeral stacks.", unprotectedCluster),
    perResource("no-subscription-in-ephemeral", "No subscription-billed Alibaba resources in ephemeral stacks.", subscriptionInEphemeral),
  ],
});
