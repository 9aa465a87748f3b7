import { isIpv4 } from "../../lib/cidr";
import { ALIBABA_NAME, GCP_NAME, NIFCLOUD_NAME } from "../../lib/naming";
import { PUBLIC_VPN_GATEWAY_BANDWIDTHS, isPublicVpnGatewayBandwidth } from "../../lib/vpnBandwidth";
import { ENCRYPTIONS, INTEGRITIES, LIFETIME_RANGE, supportedDhGroups } from "../crypto";
import { DraftLink } from "../draft";
import { nifcloudZoneProblem } from "../nifcloudZones";
import { Problems, Reader } from "../problems";
import { AlibabaPeerSpec, IpsecPolicy, NifcloudOwnership, NifcloudPeerSpec, NifcloudPrivateLanSpec, Ownership, VpnPeerSpec } from "../types";

const NIFCLOUD_FIX = "use 1-15 ASCII letters and digits, e.g. NifcAnthosVpn";

/** An IPv4 address: four numbers from 0 to 255, no leading zeros (lib/cidr `isIpv4`). */
export const IPV4 = { test: isIpv4 };
export const NOT_IPV4 = "is not an IPv4 address (four numbers from 0 to 255)";

export function readCrypto(r: Reader | undefined, peer: VpnPeerSpec["kind"]): IpsecPolicy {
  const c = r ?? new Reader(new Problems(), "", {});
  return {
    ikeVersion: c.oneOf("ikeVersion", [2, 1] as const, 2),
    encryption: c.oneOf("encryption", ENCRYPTIONS, "aes256"),
    integrity: c.oneOf("integrity", INTEGRITIES, "sha256"),
    dhGroup: c.oneOf("dhGroup", supportedDhGroups(peer), 14),
    ikeLifetimeSeconds: c.integer("ikeLifetimeSeconds", { ...LIFETIME_RANGE, default: 28800 }),
    espLifetimeSeconds: c.integer("espLifetimeSeconds", { ...LIFETIME_RANGE, default: 3600 }),
    allowWeak: c.boolean("allowWeak", false),
  };
}

const OWNERSHIPS = ["own", "adopt"] as const;

/** A NIFCLOUD network id (terraform-provider-nifcloud network/privatelan: `network_id`). */
export const NIFCLOUD_NETWORK_ID = /^net-[0-9A-Za-z]+$/;

/** The CLI command that lists the account's private LANs with their network ids. */
const LIST_LANS = "nifcloud computing nifty-describe-private-lans --query 'PrivateLanSet[].[PrivateLanName,NetworkId,CidrBlock]' --output text";

/**
 * Who owns each object. Older stack files say `privateLan.create: false` for an adopted LAN:
 * it stays valid and means `ownership.privateLan: adopt`.
 */
function readOwnership(r: Reader, lanCreate: boolean | undefined): NifcloudOwnership {
  const o = r.optionalChild("ownership");
  const pick = (key: keyof NifcloudOwnership, fallback: Ownership): Ownership => (o ? o.oneOf(key, OWNERSHIPS, fallback) : fallback);
  const lanDefault: Ownership = lanCreate === false ? "adopt" : "own";
  const privateLan = pick("privateLan", lanDefault);
  if (lanCreate !== undefined && o?.value.privateLan !== undefined && privateLan !== lanDefault)
    r.problems.add(
      r.key("privateLan.create"),
      lanCreate,
      `contradicts ${r.key("ownership.privateLan")}: ${privateLan}`,
      "remove privateLan.create; ownership.privateLan alone says who owns the LAN",
    );
  return { firewallGroup: pick("firewallGroup", "own"), privateLan, vpnGateway: pick("vpnGateway", "own"), customerGateway: pick("customerGateway", "own") };
}

/**
 * The LAN the gateway joins. The stack creates one by a name the API accepts (1-15
 * alphanumerics); an adopted LAN is found by network id, or by the name it already has (any
 * length: the lookup decides, e.g. the 16-character NifcAnthosClsLan).
 */
function readPrivateLan(lan: Reader | undefined, ownership: Ownership, problems: Problems, key: string): NifcloudPrivateLanSpec {
  if (!lan) return {};
  const networkId = lan.optionalString("networkId", {
    pattern: NIFCLOUD_NETWORK_ID,
    fix: `use the LAN's network id as NIFCLOUD lists it (\`${LIST_LANS}\`), e.g. net-0a1b2c3d`,
  });
  const named = lan.get("name") !== undefined;
  if (ownership === "own") {
    if (networkId !== undefined)
      problems.add(
        `${key}.networkId`,
        networkId,
        "names an existing LAN, but the stack owns (creates) this one",
        "set ownership.privateLan: adopt, or give privateLan.name instead",
      );
    return {
      name: lan.string("name", {
        pattern: NIFCLOUD_NAME,
        fix: `${NIFCLOUD_FIX} (or adopt an existing LAN: ownership.privateLan: adopt and privateLan.networkId from \`${LIST_LANS}\`)`,
      }),
    };
  }
  if (networkId === undefined && !named)
    problems.add(
      key,
      "(no name, no networkId)",
      "must name the adopted LAN",
      `set privateLan.networkId to the servers' existing LAN as \`${LIST_LANS}\` lists it (or privateLan.name to its name)`,
    );
  if (networkId !== undefined && named)
    problems.add(`${key}.name`, lan.get("name"), "is given together with networkId", "keep one of them: networkId is unambiguous");
  // Any length (a LAN made elsewhere may have more than the 15 characters NiftyCreatePrivateLan takes), but
  // only the characters NIFCLOUD names have: the name reaches the scripts' API calls.
  const name = named
    ? lan.string("name", {
        pattern: /^[0-9A-Za-z]+$/,
        why: "is not a NIFCLOUD name (ASCII letters and digits)",
        fix: "use the LAN's name exactly as NIFCLOUD shows it, or its networkId",
      })
    : undefined;
  return { ...(name === undefined ? {} : { name }), ...(networkId === undefined ? {} : { networkId }) };
}

export function readNifcloudPeer(r: Reader): NifcloudPeerSpec {
  const lan = r.child("privateLan");
  const rawCreate = lan?.get("create");
  const lanCreate = rawCreate === undefined ? undefined : lan?.boolean("create", true);
  const ownership = readOwnership(r, lanCreate);
  const firewallGroup = r.string("firewallGroup", { pattern: NIFCLOUD_NAME, fix: NIFCLOUD_FIX });
  const regionPattern = /^(jp-(east-[1-4]|west-[12])|us-east-1)$/;
  const region = r.string("region", { pattern: regionPattern, fix: "use a NIFCLOUD region: jp-east-1..4, jp-west-1, jp-west-2 or us-east-1" });
  // jp-west-2's zone is jp-west-21: the region's name and a number.
  const zonePattern = /^([a-z]+-)?[a-z]+-\d{2}$/;
  const zone = r.string("zone", { pattern: zonePattern, fix: "use a NIFCLOUD zone such as east-11" });
  const zoneProblem = regionPattern.test(region) && zonePattern.test(zone) ? nifcloudZoneProblem(region, zone) : undefined;
  if (zoneProblem) r.problems.add(r.key("zone"), zone, zoneProblem.why, zoneProblem.fix);
  return {
    kind: "nifcloud",
    region,
    zone,
    firewallGroup,
    serverFirewallGroup: r.string("serverFirewallGroup", { pattern: NIFCLOUD_NAME, default: firewallGroup || undefined, fix: NIFCLOUD_FIX }),
    privateLan: readPrivateLan(lan, ownership.privateLan, r.problems, r.key("privateLan")),
    ownership,
    gatewayName: r.string("gatewayName", { pattern: NIFCLOUD_NAME, fix: NIFCLOUD_FIX }),
    gatewayType: r.oneOf("gatewayType", ["small", "medium", "large"] as const, "small"),
    gatewayPrivateIp: r.string("gatewayPrivateIp", { pattern: IPV4, why: NOT_IPV4, fix: "use an IPv4 address inside the private LAN" }),
    customerGatewayName: r.string("customerGatewayName", { pattern: NIFCLOUD_NAME, fix: NIFCLOUD_FIX }),
    endpointUrl: r.optionalString("endpointUrl", {
      pattern: /^https:\/\/[^\s/]+(\/\S*)?$/,
      fix: "use an https:// URL: the API credentials travel with every request",
    }),
    pollSeconds: r.integer("pollSeconds", { min: 1, max: 300, default: 20 }),
    ownerMark: r.optionalString("ownerMark", {
      pattern: /^[\x20-\x7e]{1,40}$/,
      fix: "use at most 40 printable ASCII characters (NIFCLOUD's description limit)",
    }),
  };
}

/** A public VPN gateway's bandwidth, checked against what CreateVpnGateway accepts (vpc/CreateVpnGateway.json). */
function readBandwidth(r: Reader): number {
  const value = r.get("bandwidth");
  if (value === undefined) return 10;
  if (!isPublicVpnGatewayBandwidth(value)) {
    r.problems.add(
      r.key("bandwidth"),
      value,
      "is not a bandwidth a public Alibaba VPN gateway accepts",
      `set one of ${PUBLIC_VPN_GATEWAY_BANDWIDTHS.join(", ")} Mbit/s`,
    );
    return 10;
  }
  return value;
}

export function readAlibabaPeer(r: Reader): AlibabaPeerSpec {
  const name = { pattern: ALIBABA_NAME, fix: "use 2-128 characters starting with a letter" };
  return {
    kind: "alibaba",
    bandwidth: readBandwidth(r),
    mode: r.oneOf("mode", ["ha-bgp", "classic-static"] as const, "ha-bgp"),
    gatewayName: r.string("gatewayName", name),
    customerGatewayName: r.string("customerGatewayName", name),
    connectionName: r.string("connectionName", name),
  };
}

/** One link with its peer typed by `peer.kind`; the networks stay names until the topology resolves them. */
export function readLink(r: Reader): DraftLink | undefined {
  const peerReader = r.child("peer");
  const kind = peerReader?.oneOf("kind", ["nifcloud", "alibaba"] as const);
  const known = peerReader?.value.kind === "nifcloud" || peerReader?.value.kind === "alibaba";
  const peer = peerReader && known ? (kind === "alibaba" ? readAlibabaPeer(peerReader) : readNifcloudPeer(peerReader)) : undefined;
  const name = r.string("name", { pattern: GCP_NAME, fix: "use lower-case letters, digits and hyphens, e.g. nifc-anthos" });
  const gcpResource = { pattern: GCP_NAME, fix: "use lower-case letters, digits and hyphens (RFC 1035)" };
  const link = {
    name,
    gcpGatewayName: r.string("gcpGatewayName", { ...gcpResource, default: `${name}-vpn` }),
    gcpTunnelName: r.string("gcpTunnelName", { ...gcpResource, default: `${name}-tn` }),
    gcpNetwork: r.string("gcpNetwork"),
    peerNetwork: r.string("peerNetwork"),
    routing: r.oneOf("routing", ["route-based", "policy-based"] as const, kind === "alibaba" ? "policy-based" : "route-based"),
    crypto: readCrypto(r.optionalChild("crypto"), kind ?? "nifcloud"),
  };
  return peer && { ...link, peer };
}
