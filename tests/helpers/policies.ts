import { overlappingCidrs } from "../../policy/rules/cidrs";
import { weakCrypto } from "../../policy/rules/crypto";
import { publicEastWest } from "../../policy/rules/eastWest";
import { openToInternet } from "../../policy/rules/firewall";
import { subscriptionInEphemeral, unprotectedCluster } from "../../policy/rules/lifecycle";
import { PolicySettings } from "../../policy/rules/resource";
import { Recorded, plain } from "./mocks";

/** Every violation the policy pack's rules report on a program's recorded resources. */
export function policyViolations(recorded: readonly Recorded[], settings: PolicySettings): string[] {
  const resources = recorded.map((r) => ({ type: r.type, name: r.name, props: plain(r.inputs) }));
  const perResource = [weakCrypto, publicEastWest, openToInternet, unprotectedCluster, subscriptionInEphemeral];
  return [...resources.flatMap((r) => perResource.flatMap((rule) => rule(r, settings))), ...overlappingCidrs(resources)];
}
