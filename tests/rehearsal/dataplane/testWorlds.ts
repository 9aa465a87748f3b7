/**
 * The VPN links of `ack-dev` and `dev` built through the rehearsal's own gcp and alicloud plug-ins, with the
 * inputs the stacks give them (components/vpn: HA VPN with a BGP session per Alibaba tunnel; Classic VPN with a
 * route to the NIFCLOUD LAN), so the data plane's tests read the states exactly as a run leaves them.
 * REHEARSAL_HOME must name `home`; a `world.json` with the roles' clusters is written there.
 */
import * as fs from "fs";
import * as path from "path";
import { IpsecPolicy } from "../../../config/types";
import { alibabaIpsec, gcpCipherSuite } from "../../../components/vpn/ipsec";
import { AlicloudStandIn } from "../plugins/clouds/alicloud/provider";
import { GcpStandIn } from "../plugins/clouds/gcp/provider";
import { CloudStandIn } from "../plugins/clouds/shared/cloud";
import { Props, secret } from "../plugins/clouds/shared/values";

export const CRYPTO: IpsecPolicy = {
  ikeVersion: 2,
  encryption: "aes256",
  integrity: "sha256",
  dhGroup: 14,
  ikeLifetimeSeconds: 28800,
  espLifetimeSeconds: 3600,
};
export const GKE_RANGES = ["10.146.0.0/20", "10.148.0.0/14", "10.152.0.0/20"];
export const VSWITCH_CIDRS = ["192.168.1.0/24", "192.168.2.0/24"];
const PROJECT = "example-mesh-project";

async function create(cloud: CloudStandIn, stack: string, type: string, name: string, inputs: Props): Promise<{ id: string; outs: Props }> {
  const urn = `urn:pulumi:${stack}::multicloud-mesh::${type}::${name}`;
  const checked = await cloud.check(urn, {}, inputs);
  const made = await cloud.create(urn, checked.inputs);
  return { id: made.id, outs: made.outs ?? {} };
}

function writeWorld(home: string, roles: string[]): void {
  const clusters = Object.fromEntries(
    roles.map((role, i) => [role, { kubeconfig: `/k/${role}`, server: `https://127.0.0.1:${41001 + i}`, caData: "Q0E=", token: `${role}-token` }]),
  );
  fs.writeFileSync(path.join(home, "world.json"), JSON.stringify({ clusters }));
}

/** The GCP VPC of a stack: network, subnet with pod and service ranges, and the GKE cluster on it. */
async function gcpNetwork(gcp: GcpStandIn, stack: string, name: string, region: string, ranges: string[]) {
  const network = await create(gcp, stack, "gcp:compute/network:Network", `${name}-vpc`, { name, autoCreateSubnetworks: false, routingMode: "REGIONAL" });
  const subnet = await create(gcp, stack, "gcp:compute/subnetwork:Subnetwork", `${name}-subnet`, {
    name,
    region,
    network: network.id,
    ipCidrRange: ranges[0],
    secondaryIpRanges: [
      { rangeName: `${name}-pods`, ipCidrRange: ranges[1] },
      { rangeName: `${name}-services`, ipCidrRange: ranges[2] },
    ],
  });
  await create(gcp, stack, "gcp:container/cluster:Cluster", "gke", {
    name: `${name}-gke`,
    location: `${region}-a`,
    network: network.id,
    subnetwork: subnet.id,
    deletionProtection: false,
    ipAllocationPolicy: { clusterSecondaryRangeName: `${name}-pods`, servicesSecondaryRangeName: `${name}-services` },
  });
  return network;
}

export interface AckDevWorld {
  readonly routerName: string;
  readonly region: string;
  readonly alibabaGatewayId: string;
  readonly connectionId: string;
  readonly vpcId: string;
}

/** ack-dev's dual-tunnel link: GCP HA VPN + Cloud Router (AS 65010), Alibaba dual-tunnel gateway (AS 65020). */
export async function ackDevWorld(home: string, options: { autoPropagate?: boolean } = {}): Promise<AckDevWorld> {
  writeWorld(home, ["gke", "hub", "acs"]);
  const stack = "ack-dev";
  const region = "asia-northeast1";
  const gcp = new GcpStandIn("9.37.0+rehearsal");
  gcp.configure({ project: PROJECT, region }, {});
  const ali = new AlicloudStandIn("3.108.0+rehearsal");
  ali.configure({ region: "ap-northeast-1" }, {});

  const network = await gcpNetwork(gcp, stack, "gke-ackone", region, GKE_RANGES);
  const ha = await create(gcp, stack, "gcp:compute/haVpnGateway:HaVpnGateway", "ack-gke-gcp-gateway", { name: "ack-gke-ha", region, network: network.id });
  const haIps = (ha.outs.vpnInterfaces as { ipAddress: string }[]).map((i) => i.ipAddress);
  const router = await create(gcp, stack, "gcp:compute/router:Router", "ack-gke-gcp-router", {
    name: "ack-gke-ha-router",
    region,
    network: network.id,
    bgp: { asn: 65010, advertiseMode: "DEFAULT" },
  });

  const vpc = await create(ali, stack, "alicloud:vpc/network:Network", "ack-vpc-vpc", { vpcName: "ack-vpc", cidrBlock: "192.168.0.0/16" });
  const vsw: { id: string }[] = [];
  for (const [i, cidr] of VSWITCH_CIDRS.entries())
    vsw.push(
      await create(ali, stack, "alicloud:vpc/switch:Switch", `ack-vpc-${i}`, {
        vswitchName: `ack-vpc-${i}`,
        vpcId: vpc.id,
        cidrBlock: cidr,
        zoneId: `ap-northeast-1${"ab"[i]}`,
      }),
    );
  const gateway = await create(ali, stack, "alicloud:vpn/gateway:Gateway", "ack-gke-alibaba-gateway", {
    vpnGatewayName: "ack-gke-vpn",
    vpcId: vpc.id,
    vswitchId: vsw[0].id,
    disasterRecoveryVswitchId: vsw[1].id,
    bandwidth: 10,
    paymentType: "PayAsYouGo",
    networkType: "public",
    enableIpsec: true,
    ...(options.autoPropagate === false ? {} : { autoPropagate: true }),
  });
  const aliIps = [String(gateway.outs.internetIp), String(gateway.outs.disasterRecoveryInternetIp)];
  const roles = ["master", "slave"];
  const cgws: { id: string }[] = [];
  for (const [i, role] of roles.entries())
    cgws.push(
      await create(ali, stack, "alicloud:vpn/customerGateway:CustomerGateway", `cgw-${role}`, {
        customerGatewayName: `gcp-ack-gke-${role}`,
        ipAddress: haIps[i],
        asn: "65010",
      }),
    );
  const keys = ["master-key-0123456789", "slave-key-0123456789"];
  const ipsec = alibabaIpsec(CRYPTO);
  const cidrs = ["169.254.10.0/30", "169.254.11.0/30"];
  const connection = await create(ali, stack, "alicloud:vpn/connection:Connection", "ack-gke-alibaba-connection", {
    vpnConnectionName: "ack-gke-ipsec",
    vpnGatewayId: gateway.id,
    localSubnets: ["0.0.0.0/0"],
    remoteSubnets: ["0.0.0.0/0"],
    effectImmediately: true,
    autoConfigRoute: false,
    enableTunnelsBgp: true,
    tunnelOptionsSpecifications: secret(
      roles.map((role, i) => ({
        role,
        customerGatewayId: cgws[i].id,
        enableDpd: true,
        enableNatTraversal: true,
        tunnelIkeConfig: { ...ipsec.ike, psk: keys[i] },
        tunnelIpsecConfig: ipsec.ipsec,
        tunnelBgpConfig: { localAsn: "65020", localBgpIp: cidrs[i].replace(/0\/30$/, "2"), tunnelCidr: cidrs[i] },
      })),
    ),
  });

  const ext = await create(gcp, stack, "gcp:compute/externalVpnGateway:ExternalVpnGateway", "ack-gke-tunnels-ext", {
    name: "ack-gke-ext",
    redundancyType: "TWO_IPS_REDUNDANCY",
    interfaces: aliIps.map((ipAddress, id) => ({ id, ipAddress })),
  });
  for (const i of [0, 1]) {
    const tunnel = await create(gcp, stack, "gcp:compute/vPNTunnel:VPNTunnel", `ack-gke-tunnels-tn${i}`, {
      name: `ack-gke-tn${i}`,
      region,
      vpnGateway: ha.id,
      vpnGatewayInterface: i,
      peerExternalGateway: ext.id,
      peerExternalGatewayInterface: i,
      router: router.id,
      sharedSecret: secret(keys[i]),
      ikeVersion: CRYPTO.ikeVersion,
      cipherSuite: gcpCipherSuite(CRYPTO),
    });
    await create(gcp, stack, "gcp:compute/routerInterface:RouterInterface", `ack-gke-tunnels-if${i}`, {
      name: `ack-gke-if${i}`,
      region,
      router: "ack-gke-ha-router",
      ipRange: cidrs[i].replace(/0\/30$/, "1/30"),
      vpnTunnel: `ack-gke-tn${i}`,
    });
    void tunnel;
    await create(gcp, stack, "gcp:compute/routerPeer:RouterPeer", `ack-gke-tunnels-bgp${i}`, {
      name: `ack-gke-bgp${i}`,
      region,
      router: "ack-gke-ha-router",
      interface: `ack-gke-if${i}`,
      ipAddress: cidrs[i].replace(/0\/30$/, "1"),
      peerIpAddress: cidrs[i].replace(/0\/30$/, "2"),
      peerAsn: 65020,
      advertisedRoutePriority: 100 + i * 100,
    });
  }

  await create(ali, stack, "alicloud:cs/managedKubernetes:ManagedKubernetes", "acs-cluster", {
    name: "ackone-provider-acs",
    profile: "Acs",
    vswitchIds: vsw.map((v) => v.id),
  });
  await create(ali, stack, "alicloud:ackone/cluster:Cluster", "ackone-hub", {
    clusterName: "ackone-hub",
    network: { vpcId: vpc.id, vswitches: vsw.map((v) => v.id) },
  });
  return { routerName: "ack-gke-ha-router", region, alibabaGatewayId: gateway.id, connectionId: connection.id, vpcId: vpc.id };
}

/** dev's GCP end: Classic VPN (address, gateway, three forwarding rules), the tunnel to `peerIp`, the route to the LAN. */
export async function devGcpWorld(home: string, peerIp: string, key: string, lanCidr = "172.16.232.0/24"): Promise<{ gcpAddress: string }> {
  writeWorld(home, ["gke", "anthos"]);
  const stack = "dev";
  const region = "us-central1";
  const gcp = new GcpStandIn("9.37.0+rehearsal");
  gcp.configure({ project: PROJECT, region }, {});
  const network = await gcpNetwork(gcp, stack, "anthos-hybrid", region, ["10.128.0.0/20", "10.132.0.0/14", "10.136.0.0/20"]);
  const address = await create(gcp, stack, "gcp:compute/address:Address", "nifc-anthos-gcp-ip", { name: "nifc-anthos-vpn-ip", region });
  const gateway = await create(gcp, stack, "gcp:compute/vPNGateway:VPNGateway", "nifc-anthos-gcp-gw", { name: "nifc-anthos-vpn", region, network: network.id });
  const ip = String(address.outs.address);
  for (const [role, ipProtocol, portRange] of [
    ["esp", "ESP", undefined],
    ["udp500", "UDP", "500"],
    ["udp4500", "UDP", "4500"],
  ] as const)
    await create(gcp, stack, "gcp:compute/forwardingRule:ForwardingRule", `nifc-anthos-gcp-fr-${role}`, {
      name: `nifc-anthos-vpn-${role}`,
      region,
      ipProtocol,
      ...(portRange ? { portRange } : {}),
      ipAddress: ip,
      target: gateway.id,
    });
  const tunnel = await create(gcp, stack, "gcp:compute/vPNTunnel:VPNTunnel", "nifc-anthos-gcp-tunnel", {
    name: "nif-anthos-tn",
    region,
    targetVpnGateway: gateway.id,
    peerIp,
    sharedSecret: secret(key),
    ikeVersion: CRYPTO.ikeVersion,
    cipherSuite: gcpCipherSuite(CRYPTO),
    localTrafficSelectors: ["0.0.0.0/0"],
    remoteTrafficSelectors: ["0.0.0.0/0"],
  });
  await create(gcp, stack, "gcp:compute/route:Route", "nifc-anthos-gcp-route-0", {
    name: "nif-anthos-tn-r0",
    network: network.id,
    destRange: lanCidr,
    priority: 1000,
    nextHopVpnTunnel: tunnel.id,
  });
  return { gcpAddress: ip };
}
