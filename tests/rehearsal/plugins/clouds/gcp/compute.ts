import { Ctx, Kind } from "../shared/cloud";
import { keyFingerprint } from "../shared/keyFingerprint";
import { Props, reveal, str } from "../shared/values";
import * as crypto from "crypto";
import { allocateAddress } from "./addresses";
import { gcpKind } from "./kinds";
import { asId, globalId, refOrName, regionalId, scope } from "./names";

const global = (plural: string) => (ctx: Ctx, inputs: Props) => globalId(scope(ctx.config, inputs).project, plural, str(inputs.name)!);
const regional = (plural: string) => (ctx: Ctx, inputs: Props) => {
  const { project, region } = scope(ctx.config, inputs);
  return regionalId(project, region, plural, str(inputs.name)!);
};
const ref = (v: unknown) => (str(v) === undefined ? "" : asId(str(v)!));
/** A router named by name or id, in the object's project and region. */
const routerRef = (ctx: Ctx, inputs: Props) => refOrName(inputs.router, (n) => regional("routers")(ctx, { ...inputs, name: n })) ?? "";
const TUNNELS = "gcp:compute/vPNTunnel:VPNTunnel";

// Ids: terraform-provider-google-beta (release-7.46.0) resource_compute_*.go id templates.
export const network = gcpKind({
  type: "gcp:compute/network:Network",
  collection: "networks",
  what: "Network",
  word: "network",
  id: global("networks"),
  computed: () => ({ numericId: String(BigInt("0x" + crypto.randomBytes(7).toString("hex"))) }),
  usedBy: [
    "gcp:compute/subnetwork:Subnetwork",
    "gcp:compute/firewall:Firewall",
    "gcp:compute/route:Route",
    "gcp:compute/vPNGateway:VPNGateway",
    "gcp:compute/haVpnGateway:HaVpnGateway",
    "gcp:compute/router:Router",
    "gcp:container/cluster:Cluster",
  ],
});

export const subnetwork = gcpKind({
  type: "gcp:compute/subnetwork:Subnetwork",
  collection: "subnetworks",
  what: "Subnetwork",
  word: "subnetwork",
  id: regional("subnetworks"),
  refs: (_ctx, inputs) => [ref(inputs.network)],
  computed: (_ctx, inputs) => ({ gatewayAddress: firstHost(str(inputs.ipCidrRange)) }),
  usedBy: ["gcp:container/cluster:Cluster"],
});

export const firewall = gcpKind({
  type: "gcp:compute/firewall:Firewall",
  collection: "firewalls",
  what: "Firewall",
  word: "firewall",
  id: global("firewalls"),
  refs: (_ctx, inputs) => [ref(inputs.network)],
});

export const route = gcpKind({
  type: "gcp:compute/route:Route",
  collection: "routes",
  what: "Route",
  word: "route",
  id: global("routes"),
  refs: (ctx, inputs) => [ref(inputs.network), refOrName(inputs.nextHopVpnTunnel, (n) => regional("vpnTunnels")(ctx, { ...inputs, name: n })) ?? ""],
});

export const address = gcpKind({
  type: "gcp:compute/address:Address",
  collection: "addresses",
  what: "Address",
  word: "address",
  id: regional("addresses"),
  computed: (ctx, inputs, _id, previous) => ({ address: str(inputs.address) ?? str(previous?.address) ?? allocateAddress(ctx.state) }),
  usedBy: ["gcp:compute/forwardingRule:ForwardingRule"],
});

export const vpnGateway = gcpKind({
  type: "gcp:compute/vPNGateway:VPNGateway",
  collection: "targetVpnGateways",
  what: "VpnGateway",
  word: "target_vpn_gateway",
  id: regional("targetVpnGateways"),
  refs: (_ctx, inputs) => [ref(inputs.network)],
  usedBy: [TUNNELS, "gcp:compute/forwardingRule:ForwardingRule"],
});

export const forwardingRule = gcpKind({
  type: "gcp:compute/forwardingRule:ForwardingRule",
  collection: "forwardingRules",
  what: "ForwardingRule",
  word: "forwarding_rule",
  id: regional("forwardingRules"),
  // ipAddress names the Address by its IP (or id): the refs name the Address object.
  refs: (ctx, inputs) => [ref(inputs.target), addressByIp(ctx, str(inputs.ipAddress))],
});

export const haVpnGateway = gcpKind({
  type: "gcp:compute/haVpnGateway:HaVpnGateway",
  collection: "vpnGateways",
  what: "HaVpnGateway",
  word: "vpn_gateway",
  id: regional("vpnGateways"),
  refs: (_ctx, inputs) => [ref(inputs.network)],
  // Two interfaces, each with its own external address (compute/docs/reference/rest/v1/vpnGateways: vpnInterfaces[].ipAddress).
  computed: (ctx, _inputs, _id, previous) => ({
    vpnInterfaces: previous?.vpnInterfaces ?? [0, 1].map((id) => ({ id, ipAddress: allocateAddress(ctx.state) })),
  }),
  usedBy: [TUNNELS],
});

export const externalVpnGateway = gcpKind({
  type: "gcp:compute/externalVpnGateway:ExternalVpnGateway",
  collection: "externalVpnGateways",
  what: "ExternalVpnGateway",
  word: "external_vpn_gateway",
  id: global("externalVpnGateways"),
  usedBy: [TUNNELS],
});

export const vpnTunnel: Kind = {
  ...gcpKind({
    type: TUNNELS,
    collection: "vpnTunnels",
    what: "VpnTunnel",
    word: "vpn_tunnel",
    id: regional("vpnTunnels"),
    refs: (ctx, inputs) => [ref(inputs.targetVpnGateway), ref(inputs.vpnGateway), ref(inputs.peerExternalGateway), routerRef(ctx, inputs)],
    // Compute Engine keeps a hash of the shared secret, never the secret (vpnTunnels: sharedSecretHash).
    computed: (ctx, inputs) => ({
      sharedSecretHash: crypto
        .createHash("sha256")
        .update(String(reveal(inputs.sharedSecret)))
        .digest("base64")
        .slice(0, 27),
      tunnelId: String(BigInt("0x" + crypto.randomBytes(7).toString("hex"))),
      detailedStatus: "Tunnel is up and running.",
      peerIp: str(inputs.peerIp) ?? externalInterfaceIp(ctx, inputs),
    }),
    usedBy: ["gcp:compute/route:Route", "gcp:compute/routerInterface:RouterInterface"],
  }),
  // Beside the object, the key in the one form every stand-in keeps it (shared/keyFingerprint.ts), for the
  // rehearsal's data plane; the API's own sharedSecretHash is an output like any other.
  shape: (_ctx, inputs) => ({ preSharedKeySha256: keyFingerprint(inputs.sharedSecret) }),
};

export const router = gcpKind({
  type: "gcp:compute/router:Router",
  collection: "routers",
  what: "Router",
  word: "router",
  id: regional("routers"),
  refs: (_ctx, inputs) => [ref(inputs.network)],
  usedBy: [TUNNELS],
  // Interfaces and BGP peers are fields of the router in the API (routers: interfaces[], bgpPeers[]).
  embeds: ["gcp:compute/routerInterface:RouterInterface", "gcp:compute/routerPeer:RouterPeer"],
});

export const routerInterface = gcpKind({
  type: "gcp:compute/routerInterface:RouterInterface",
  collection: "routerInterfaces",
  what: "RouterInterface",
  word: "router_interface",
  // resource_compute_router_interface.go: d.SetId("<region>/<router>/<name>").
  id: (ctx, inputs) => `${scope(ctx.config, inputs).region}/${str(inputs.router)!.split("/").pop()}/${str(inputs.name)}`,
  refs: (ctx, inputs) => [routerRef(ctx, inputs), refOrName(inputs.vpnTunnel, (n) => regional("vpnTunnels")(ctx, { ...inputs, name: n })) ?? ""],
});

export const routerPeer = gcpKind({
  type: "gcp:compute/routerPeer:RouterPeer",
  collection: "routerPeers",
  what: "RouterBgpPeer",
  word: "router_peer",
  id: (ctx, inputs) => `${routerRef(ctx, inputs)}/${str(inputs.name)}`,
  refs: (ctx, inputs) => {
    const r = routerRef(ctx, inputs);
    return [r, `${scope(ctx.config, inputs).region}/${r.split("/").pop()}/${str(inputs.interface)}`];
  },
});

function firstHost(cidr: string | undefined): string | undefined {
  if (!cidr) return undefined;
  const [a, b, c, d] = cidr.split("/")[0].split(".").map(Number);
  return `${a}.${b}.${c}.${d + 1}`;
}

function addressByIp(ctx: Ctx, ip: string | undefined): string {
  if (!ip) return "";
  if (ip.includes("/")) return asId(ip);
  const found = Object.entries(ctx.state.addresses ?? {}).find(([, o]) => (o as { outputs: Props }).outputs.address === ip);
  return found ? found[0] : "";
}

/** An HA tunnel's peer address: its external gateway's interface. */
function externalInterfaceIp(ctx: Ctx, inputs: Props): string | undefined {
  const gw = (ctx.state.externalVpnGateways as Record<string, { inputs: Props }> | undefined)?.[ref(inputs.peerExternalGateway)];
  const index = Number(reveal(inputs.peerExternalGatewayInterface) ?? 0);
  const iface = (reveal(gw?.inputs.interfaces) as Props[] | undefined)?.find((i) => Number(i.id ?? 0) === index);
  return str(iface?.ipAddress);
}
