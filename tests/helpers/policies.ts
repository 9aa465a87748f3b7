import { overlappingCidrs } from "../../policy/rules/cidrs";
import { RESOURCE_RULES } from "../../policy/rules/catalog";
import { PolicySettings } from "../../policy/rules/resource";
import { Recorded, plain } from "./mocks";

/**
 * Every violation the policy pack's mandatory rules (those that fail a preview) report on a
 * program's recorded resources. Mocks record no property dependencies, so the pre-shared-key
 * provenance rule is tested on its own.
 */
export function policyViolations(recorded: readonly Recorded[], settings: PolicySettings): string[] {
  const resources = recorded.map((r) => ({ type: r.type, name: r.name, props: plain(r.inputs) }));
  const mandatory = RESOURCE_RULES.filter((rule) => (rule.enforcement ?? "mandatory") === "mandatory");
  return [...resources.flatMap((r) => mandatory.flatMap((rule) => rule.check(r, settings))), ...overlappingCidrs(resources)];
}
