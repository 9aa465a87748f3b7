import { PolicyConfigSchema, PolicyPack, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { RESOURCE_RULES, ResourceRule, STACK_RULES, StackRule } from "./rules/catalog";
import { PolicySettings } from "./rules/resource";

const settingsSchema: PolicyConfigSchema = {
  properties: {
    lifecycle: { type: "string", enum: ["ephemeral", "persistent"], default: "persistent" },
    cryptoWaivers: { type: "array", items: { type: "string" }, default: [] },
  },
};

function perResource({ name, description, check, enforcement }: ResourceRule) {
  return {
    name,
    description,
    enforcementLevel: enforcement ?? "mandatory",
    configSchema: settingsSchema,
    validateResource: (args: ResourceValidationArgs, report: (message: string) => void) => {
      check({ type: args.type, name: args.name, props: args.props }, args.getConfig<PolicySettings>()).forEach((m) => report(m));
    },
  };
}

function perStack({ name, description, check }: StackRule) {
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
      check(resources).forEach((m) => report(m));
    },
  };
}

new PolicyPack("multicloud-mesh", {
  policies: [...RESOURCE_RULES.map(perResource), ...STACK_RULES.map(perStack)],
});
