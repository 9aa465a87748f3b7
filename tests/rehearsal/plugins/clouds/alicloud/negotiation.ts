import { Props, str } from "../shared/values";
import { keyFingerprint } from "../shared/keyFingerprint";

type Config = Record<string, unknown>;

interface TunnelInput {
  role?: string;
  customerGatewayId?: string;
  tunnelIkeConfig?: Config;
  tunnelIpsecConfig?: Config;
  tunnelBgpConfig?: Config;
}

/** The configuration without its pre-shared key. */
const withoutKey = (config: Config | undefined): Config => Object.fromEntries(Object.entries(config ?? {}).filter(([k]) => k !== "psk"));

const subnets = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * What the rehearsal's data plane (tests/rehearsal/dataplane) reads of an IPsec connection, beside the
 * object in the state file: each tunnel's role, customer gateway, IKE and IPsec configuration, BGP
 * configuration and tunnel id, and a SHA-256 of its pre-shared key instead of the key (the stored
 * inputs may hold the whole tunnel list as one fingerprint when the program marks it secret). A
 * single-tunnel connection (ikeConfig, ipsecConfig, bgpConfig and customerGatewayId at the top,
 * vpc/CreateVpnConnection.json) is one tunnel in the role `master`. `inputs` and `outputs` are revealed.
 */
export function negotiationShape(inputs: Props, outputs: Props): Props {
  const specs = (inputs.tunnelOptionsSpecifications as TunnelInput[] | undefined) ?? [];
  const computed = (outputs.tunnelOptionsSpecifications as Props[] | undefined) ?? [];
  const single: TunnelInput[] = [
    {
      role: "master",
      customerGatewayId: str(inputs.customerGatewayId),
      tunnelIkeConfig: inputs.ikeConfig as Config | undefined,
      tunnelIpsecConfig: inputs.ipsecConfig as Config | undefined,
      tunnelBgpConfig: inputs.bgpConfig as Config | undefined,
    },
  ];
  const tunnels = (specs.length > 0 ? specs : single).map((t, i) => ({
    role: t.role ?? "master",
    tunnel_id: str(computed[i]?.tunnelId) ?? "",
    customer_gateway_id: t.customerGatewayId ?? str(inputs.customerGatewayId) ?? "",
    ike: withoutKey(t.tunnelIkeConfig),
    ipsec: t.tunnelIpsecConfig ?? {},
    bgp: t.tunnelBgpConfig ?? null,
    psk_sha256: keyFingerprint(t.tunnelIkeConfig?.psk),
  }));
  return {
    local_subnet: subnets(str(inputs.localSubnet) ?? (inputs.localSubnets as string[] | undefined)?.join(",")),
    remote_subnet: subnets(str(inputs.remoteSubnet) ?? (inputs.remoteSubnets as string[] | undefined)?.join(",")),
    enable_tunnels_bgp: inputs.enableTunnelsBgp === true || (specs.length === 0 && (inputs.bgpConfig as Config | undefined)?.enable === true),
    tunnels,
  };
}
