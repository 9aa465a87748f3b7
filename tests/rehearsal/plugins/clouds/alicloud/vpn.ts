import { Ctx, collection } from "../shared/cloud";
import { Props, reveal, str } from "../shared/values";
import { aliyunId, allocateAddress } from "./ids";
import { aliKind, usedBy } from "./kinds";
import { negotiationShape } from "./negotiation";

const CONNECTION = "alicloud:vpn/connection:Connection";

interface Tunnel {
  role?: string;
  customerGatewayId?: string;
  tunnelBgpConfig?: { localAsn?: string; localBgpIp?: string; tunnelCidr?: string };
}

const tunnelsOf = (inputs: Props) => (reveal(inputs.tunnelOptionsSpecifications) as Tunnel[] | undefined) ?? [];

/**
 * A dual-tunnel gateway has two public addresses: `internetIp` (the master tunnel's) and
 * `disasterRecoveryInternetIp` (the slave's) (vpc/CreateVpnGateway.json VSwitchId and
 * DisasterRecoveryVSwitchId; @pulumi/alicloud vpn/gateway.d.ts).
 */
export const gateway = aliKind(
  {
    type: "alicloud:vpn/gateway:Gateway",
    collection: "vpn_gateways",
    name: (inputs) => str(inputs.vpnGatewayName) ?? str(inputs.name),
    id: () => aliyunId("vpn"),
    refs: (_ctx, inputs) => [str(inputs.vpcId) ?? "", str(inputs.vswitchId) ?? "", str(inputs.disasterRecoveryVswitchId) ?? ""],
    notFound: { vpcId: "InvalidVpcId.NotFound", vswitchId: "InvalidVSwitchId.NotFound", disasterRecoveryVswitchId: "InvalidVSwitchId.NotFound" },
    computed: (ctx, inputs, _id, previous) => ({
      internetIp: str(previous?.internetIp) ?? allocateAddress(ctx.state),
      disasterRecoveryInternetIp: str(previous?.disasterRecoveryInternetIp) ?? (inputs.disasterRecoveryVswitchId ? allocateAddress(ctx.state) : ""),
      status: "active",
      businessStatus: "Normal",
    }),
    shape: (_ctx, inputs, outputs) => ({
      vpc_id: str(inputs.vpcId) ?? "",
      vswitch_id: str(inputs.vswitchId) ?? "",
      disaster_recovery_vswitch_id: str(inputs.disasterRecoveryVswitchId) ?? "",
      internet_ip: outputs.internetIp,
      disaster_recovery_internet_ip: outputs.disasterRecoveryInternetIp,
      status: "active",
      // ModifyVpnGatewayAttribute AutoPropagate, which the provider sends after CreateVpnGateway when the
      // program sets it (terraform-provider-alicloud resource_alicloud_vpn_gateway.go, 0612d756); unset, the
      // gateway is taken to keep it off (tests/rehearsal/README.md, Assumptions).
      auto_propagate: inputs.autoPropagate === true,
    }),
  },
  {
    // vpc DeleteVpnGateway refuses while IPsec connections remain (VpnDependencyViolation.VpnConnection,
    // "There are vpn connections on specified vpn gateway not deleted."; provider retries only VpnGateway.Configuring).
    inUse: (state, id) =>
      usedBy(state, id, [CONNECTION], "VpnDependencyViolation.VpnConnection", "There are vpn connections on specified vpn gateway not deleted."),
  },
);

export const customerGateway = aliKind(
  {
    type: "alicloud:vpn/customerGateway:CustomerGateway",
    collection: "customer_gateways",
    name: (inputs) => str(inputs.customerGatewayName) ?? str(inputs.name),
    id: () => aliyunId("cgw"),
    shape: (_ctx, inputs) => ({ ip_address: str(inputs.ipAddress) ?? "", asn: str(inputs.asn) ?? "" }),
  },
  {
    // api.aliyun.com Vpc 2016-04-28 DeleteCustomerGateway: DependencyViolation.VpnConnection,
    // "There are vpn connections on specified customer gateway ..." (not retried by the provider).
    inUse: (state, id) => usedBy(state, id, [CONNECTION], "DependencyViolation.VpnConnection", "There are vpn connections on specified customer gateway."),
  },
);

/** Each tunnel's own public address and role, and its BGP session's peer (the other address of its /30). */
function tunnelOutputs(ctx: Ctx, inputs: Props, id: string): Props[] {
  const gw = collection<Props>(ctx.state, "vpn_gateways")[str(inputs.vpnGatewayId) ?? ""];
  const customer = (cgw?: string) => collection<Props>(ctx.state, "customer_gateways")[cgw ?? ""];
  const raw = (inputs.tunnelOptionsSpecifications as unknown[] | undefined) ?? [];
  return tunnelsOf(inputs).map((t, i) => {
    const bgp = t.tunnelBgpConfig;
    return {
      ...(raw[i] as Props),
      role: t.role,
      internetIp: t.role === "slave" ? gw?.disaster_recovery_internet_ip : gw?.internet_ip,
      tunnelId: `tun-${id.slice(4, 14)}${i}`,
      state: "active",
      zoneNo: "",
      ...(bgp
        ? { tunnelBgpConfig: { ...bgp, peerAsn: str(customer(t.customerGatewayId)?.asn) ?? "", peerBgpIp: otherHost(bgp.tunnelCidr, bgp.localBgpIp) } }
        : {}),
    };
  });
}

export const connection = aliKind({
  type: CONNECTION,
  collection: "vpn_connections",
  name: (inputs) => str(inputs.vpnConnectionName) ?? str(inputs.name),
  id: () => aliyunId("vco"),
  refs: (_ctx, inputs) => [str(inputs.vpnGatewayId) ?? "", str(inputs.customerGatewayId) ?? "", ...tunnelsOf(inputs).map((t) => t.customerGatewayId ?? "")],
  notFound: { vpnGatewayId: "InvalidVpnGatewayInstanceId.NotFound", customerGatewayId: "InvalidCustomerGatewayInstanceId.NotFound" },
  computed: (ctx, inputs, id) => ({ state: "active", tunnelOptionsSpecifications: tunnelOutputs(ctx, inputs, id) }),
  shape: (_ctx, inputs, outputs) => ({
    vpn_gateway_id: str(inputs.vpnGatewayId) ?? "",
    tunnel_roles: tunnelsOf(inputs).map((t) => t.role),
    ...negotiationShape(inputs, outputs),
  }),
});

export const routeEntry = aliKind({
  type: "alicloud:vpn/routeEntry:RouteEntry",
  collection: "vpn_route_entries",
  name: (inputs) => str(inputs.routeDest),
  // resource_alicloud_vpn_route_entry.go: <vpnGatewayId>:<nextHop>:<routeDest>.
  id: (_ctx, inputs) => [inputs.vpnGatewayId, inputs.nextHop, inputs.routeDest].map(str).join(":"),
  refs: (_ctx, inputs) => [str(inputs.vpnGatewayId) ?? "", str(inputs.nextHop) ?? ""],
  notFound: { vpnGatewayId: "InvalidVpnGatewayInstanceId.NotFound", nextHop: "InvalidNextHop.NotFound" },
});

export const pbrRouteEntry = aliKind({
  type: "alicloud:vpn/pbrRouteEntry:PbrRouteEntry",
  collection: "vpn_pbr_route_entries",
  name: (inputs) => str(inputs.routeDest),
  // resource_alicloud_vpn_pbr_route_entry.go: <vpnGatewayId>:<nextHop>:<routeSource>:<routeDest>.
  id: (_ctx, inputs) => [inputs.vpnGatewayId, inputs.nextHop, inputs.routeSource, inputs.routeDest].map(str).join(":"),
  refs: (_ctx, inputs) => [str(inputs.vpnGatewayId) ?? "", str(inputs.nextHop) ?? ""],
  notFound: { vpnGatewayId: "InvalidVpnGatewayInstanceId.NotFound", nextHop: "InvalidNextHop.NotFound" },
});

function otherHost(cidr: string | undefined, mine: string | undefined): string {
  if (!cidr || !mine) return "";
  const [a, b, c, d] = cidr.split("/")[0].split(".").map(Number);
  const hosts = [`${a}.${b}.${c}.${d + 1}`, `${a}.${b}.${c}.${d + 2}`];
  return hosts.find((h) => h !== mine) ?? "";
}
