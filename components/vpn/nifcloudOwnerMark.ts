/** The description a stack writes on the NIFCLOUD objects it creates. Pure. */
import { createHash } from "crypto";

/**
 * NIFCLOUD's description limit for firewall groups, private LANs and VPN gateways
 * (terraform-provider-nifcloud computing/securitygroup, network/privatelan, network/vpngateway
 * schema.go: StringRuneCountBetween(0, 40)).
 */
export const NIFCLOUD_DESCRIPTION_MAX = 40;

/**
 * `<project>/<stack>`: one mark per stack, so two stacks on one account never take each other's
 * objects for their own. A pair longer than NIFCLOUD's limit is cut and ends in a hash of the
 * whole, so it stays one per stack.
 */
export function nifcloudOwnerMark(project: string, stack: string): string {
  const mark = `${project}/${stack}`;
  if (mark.length <= NIFCLOUD_DESCRIPTION_MAX) return mark;
  const hash = createHash("sha256").update(mark).digest("hex").slice(0, 8);
  return `${mark.slice(0, NIFCLOUD_DESCRIPTION_MAX - hash.length - 1)}~${hash}`;
}
