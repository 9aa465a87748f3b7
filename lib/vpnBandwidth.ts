/**
 * Bandwidths (Mbit/s) that Alibaba's CreateVpnGateway accepts for a public VPN gateway
 * (vpc/CreateVpnGateway.json, parameter Bandwidth: 10, 100, 200, 500, 1000; a private gateway
 * takes 200 or 1000 only). Some regions cap a gateway at 500.
 */
export const PUBLIC_VPN_GATEWAY_BANDWIDTHS = [10, 100, 200, 500, 1000] as const;

export type PublicVpnGatewayBandwidth = (typeof PUBLIC_VPN_GATEWAY_BANDWIDTHS)[number];

export function isPublicVpnGatewayBandwidth(value: unknown): value is PublicVpnGatewayBandwidth {
  return (PUBLIC_VPN_GATEWAY_BANDWIDTHS as readonly unknown[]).includes(value);
}

/**
 * Checks a configured bandwidth before anything is created. Returns undefined when the API
 * accepts it, otherwise a message naming the key, the value and the fix.
 */
export function checkVpnGatewayBandwidth(key: string, value: unknown): string | undefined {
  if (isPublicVpnGatewayBandwidth(value)) return undefined;
  const allowed = PUBLIC_VPN_GATEWAY_BANDWIDTHS.join(", ");
  const shown = typeof value === "string" ? `'${value}'` : String(value);
  const nearest = typeof value === "number" && Number.isFinite(value) ? nearestBandwidth(value) : undefined;
  const hint = nearest === undefined ? "" : ` (nearest: ${nearest})`;
  return `${key}: ${shown} is not a bandwidth a public Alibaba VPN gateway accepts; set it to one of ${allowed} Mbit/s${hint}`;
}

/** The smallest accepted bandwidth at or above the value, or the largest one. */
function nearestBandwidth(value: number): PublicVpnGatewayBandwidth {
  return PUBLIC_VPN_GATEWAY_BANDWIDTHS.find((b) => b >= value) ?? PUBLIC_VPN_GATEWAY_BANDWIDTHS[PUBLIC_VPN_GATEWAY_BANDWIDTHS.length - 1];
}
