/**
 * Pre-shared keys only from secrets: a tunnel's key must come from a generated RandomPassword
 * (secret by construction), never from a literal or a plain config value kept in clear text.
 */
import { Resource } from "./resource";

const KEY_INPUTS: Record<string, string> = {
  "gcp:compute/vPNTunnel:VPNTunnel": "sharedSecret",
  "alicloud:vpn/connection:Connection": "ikeConfig",
};
const GENERATOR = "random:index/randomPassword:RandomPassword";

export function keyNotFromSecret(r: Resource): string[] {
  const input = KEY_INPUTS[r.type];
  if (!input || r.props[input] === undefined) return [];
  const sources = r.propertyDependencies?.[input] ?? [];
  if (sources.some((s) => s.type === GENERATOR)) return [];
  return [
    `${r.name}.${input} does not come from a generated RandomPassword; a literal or plain config key would sit in state and history in clear text. Use the link's generated key`,
  ];
}
