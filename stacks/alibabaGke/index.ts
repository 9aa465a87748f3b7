import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { AckOneHub } from "../../components/ackone/ackOneHub";
import { ExternalCluster } from "../../components/ackone/externalCluster";
import { MultiClusterApp } from "../../components/ackone/multiClusterApp";
import { AlibabaAccount } from "../../components/alibaba/alibabaAccount";
import { AlibabaNetwork } from "../../components/alibaba/alibabaNetwork";
import { AlibabaCluster } from "../../components/alibaba/alibabaCluster";
import { GkeCluster } from "../../components/gke/gkeCluster";
import { clusterProvider } from "../../components/kubernetes/clusterProvider";
import { GcpNetwork } from "../../components/network/gcpNetwork";
import { McsVerification } from "../../components/verify/mcsVerification";
import { AlibabaGcpVpn } from "../../components/vpn/alibabaGcpVpn";
import { proveAlibabaGcpRoutes } from "../../components/vpn/routeProof";
import { secretOutput } from "../../config/load";
import { routedRanges } from "../../config/ranges";
import { AlibabaGkeConfig, alibabaClusterSettings } from "../../config/types";
import { GKE_APIS } from "../shared/gcpApis";
import { gcpSetup } from "../shared/gcpSetup";

/**
 * How long the exporting cluster's kubeconfig stays valid in `direct` access, unless the stack
 * file says: it is fetched once the cluster exists and used after the attachments, within one `up`.
 */
const DIRECT_KUBECONFIG_MINUTES = 120;

/**
 * An Alibaba cluster (ACS by default) exports a Service, GKE imports it and calls it through ACK
 * One multi-cluster services, over a dual-tunnel IPsec link (HA VPN + BGP by default). Nothing
 * talks to the exporting cluster's API unless `ackOne.providerAccess.mode` is `direct`.
 */
export function alibabaGke(config: AlibabaGkeConfig) {
  const { gcp: gcpSpec, ackOne, gke: gkeSpec, exporter: exporterSpec } = config;
  const [link] = config.vpnLinks;
  const { gcp: gcpNet, peer: aliNet } = link.networks;

  const onGcpSide = gcpSetup(gcpSpec, GKE_APIS);
  const { onGcp } = onGcpSide;
  const credentials = {
    accessKeyId: secretOutput(config.alibabaCredentials.accessKeyId),
    accessKeySecret: secretOutput(config.alibabaCredentials.accessKeySecret),
    region: config.alibaba.region,
  };
  // Before anything in Alibaba: the roles checked, then ACK activated. Every Alibaba resource
  // uses this provider, which waits for both.
  const account = new AlibabaAccount("alibaba-account", { credentials });
  const alibaba = new alicloud.Provider(
    "alibaba",
    {
      region: credentials.region,
      accessKey: credentials.accessKeyId,
      secretKey: credentials.accessKeySecret,
    },
    { dependsOn: account.ready },
  );
  const onAlibaba = { providers: [alibaba] };

  const gcpNetwork = new GcpNetwork(
    gcpNet.name,
    {
      name: gcpNet.name,
      region: gcpSpec.region,
      nodeCidr: gcpNet.nodeCidr,
      podCidr: gcpNet.podCidr,
      serviceCidr: gcpNet.serviceCidr,
      peerRanges: routedRanges(aliNet),
      mesh: false,
    },
    onGcp,
  );
  const aliNetwork = new AlibabaNetwork(
    aliNet.name,
    {
      name: aliNet.name,
      cidr: aliNet.nodeCidr,
      zones: aliNet.zones,
      peerRanges: routedRanges(gcpNet),
      hubZone: ackOne.hubVswitch,
    },
    onAlibaba,
  );
  const vswitchIds = aliNetwork.vswitches.map((v) => v.id);

  // Dual-tunnel regions (Tokyo included) take only dual-tunnel connections: each Alibaba tunnel
  // ends on GCP (vpc/CreateVpnConnection.json TunnelOptionsSpecification; vpc/CreateVpnGateway.json).
  const vpn = new AlibabaGcpVpn(
    link.name,
    {
      baseName: link.name,
      region: gcpSpec.region,
      network: gcpNetwork.network.id,
      vpcId: aliNetwork.vpc.id,
      vswitchId: vswitchIds[0],
      disasterRecoveryVswitchId: vswitchIds[1] ?? vswitchIds[0],
      bandwidth: link.peer.bandwidth,
      mode: link.peer.mode,
      crypto: link.crypto,
      gcpRanges: routedRanges(gcpNet),
      alibabaRanges: routedRanges(aliNet),
      alibabaNames: { gateway: link.peer.gatewayName, customerGateway: link.peer.customerGatewayName, connection: link.peer.connectionName },
    },
    { providers: [alibaba, onGcpSide.provider], dependsOn: onGcp.dependsOn },
  );

  // Nothing relies on the link before both BGP sessions carry both sides' ranges (HA VPN mode).
  const linkReady = proveAlibabaGcpRoutes(link, vpn, { credentials, vpcId: aliNetwork.vpc.id, gcpProvider: onGcpSide.provider, region: gcpSpec.region });

  const gke = new GkeCluster(
    gkeSpec.name,
    {
      spec: gkeSpec.gke,
      project: gcpSpec.project,
      network: gcpNetwork.network.id,
      subnet: gcpNetwork.subnet.id,
      podRangeName: gcpNetwork.podRangeName,
      serviceRangeName: gcpNetwork.serviceRangeName,
      // From a host in ack-vpc a private control plane is reached over the VPN, once BGP carries GCP's ranges.
      reachableAfter: linkReady,
    },
    onGcp,
  );
  const settings = alibabaClusterSettings(exporterSpec);
  const direct = ackOne.providerAccess.mode === "direct";
  const exporter = new AlibabaCluster(
    exporterSpec.name,
    {
      clusterName: settings.clusterName,
      kind: exporterSpec.platform,
      vpcId: aliNetwork.vpc.id,
      vswitchIds,
      securityGroupId: aliNetwork.securityGroup.id,
      serviceCidr: aliNet.serviceCidr,
      endpointPublicAccess: settings.endpointPublicAccess,
      deletionProtection: settings.deletionProtection,
      version: settings.version,
      // A kubeconfig only when Pulumi calls the cluster's API itself, and a short-lived one.
      temporaryDurationMinutes: direct ? (ackOne.providerAccess.temporaryDurationMinutes ?? DIRECT_KUBECONFIG_MINUTES) : undefined,
    },
    onAlibaba,
  );

  const hub = new AckOneHub(
    "ackone",
    {
      hubName: ackOne.hubName,
      vpcId: aliNetwork.vpc.id,
      // The hub's own vSwitch only when the stack file asks (a hub's vSwitches are ForceNew).
      vswitchIds: aliNetwork.hubVswitch ? [aliNetwork.hubVswitch.id] : vswitchIds,
      ownVswitches: aliNetwork.hubVswitch !== undefined,
      privateEndpoint: ackOne.hubPrivateEndpoint,
      credentials,
    },
    onAlibaba,
  );
  // GKE's agent reaches ACK over the VPN when it uses the private endpoint.
  const registered = new ExternalCluster(
    `${gkeSpec.name}-registered`,
    {
      name: ackOne.registeredClusterName,
      vpcId: aliNetwork.vpc.id,
      vswitchId: vswitchIds[0],
      securityGroupId: aliNetwork.securityGroup.id,
      privateEndpoint: ackOne.agentPrivateEndpoint,
      kubeconfig: gke.kubeconfig,
      credentials,
    },
    { dependsOn: [...linkReady, gke] },
  );
  // Member names keep the ASK-era resource name, so an existing stack keeps its attachment. The
  // hub takes one change at a time: the exporting cluster's attachment, then GKE's.
  const exporterMember = hub.attach("ackone-member-ask", exporter.clusterId, [exporter]);
  const gkeMember = hub.attach("ackone-member-gke", registered.clusterId, [registered.agent]);

  // Only when the user says the exporting cluster's API is reachable from where Pulumi runs. An
  // ASK stack made this Kubernetes provider inside its AskCluster: the alias keeps that URN.
  const oldAskParent = pulumi.createUrn(exporterSpec.name, "multicloud-mesh:alibaba:AskCluster");
  const exporterK8s =
    direct && exporter.kubeconfig
      ? clusterProvider(`${exporterSpec.name}-k8s`, exporter.kubeconfig, exporterSpec.platform === "ask" ? { aliases: [{ parent: oldAskParent }] } : {})
      : undefined;
  const app = new MultiClusterApp("mcs", {
    app: ackOne.app,
    distribution: ackOne.distribution,
    services: ackOne.services,
    hub: hub.provider,
    hubKubeconfig: hub.kubeconfig,
    exporter: { id: exporter.clusterId, provider: exporterK8s },
    importer: { id: registered.clusterId, provider: gke.provider },
    after: [exporterMember, gkeMember],
  });

  const verification = ackOne.verify
    ? new McsVerification("mcs-verify", {
        kubeconfig: gke.kubeconfig,
        namespace: ackOne.app.namespace,
        consumer: ackOne.app.consumerName,
        url: app.consumerUrl,
        requests: ackOne.requests,
        after: [app, ...linkReady],
      }).answer
    : pulumi.output({});

  return {
    gcpVpnAddresses: { [link.name]: vpn.gcpAddresses },
    peerVpnAddresses: { [link.name]: vpn.alibabaAddresses },
    gkeKubeconfigs: pulumi.secret({ [gkeSpec.name]: gke.kubeconfig }),
    ackOne: {
      hubId: hub.hub.id,
      // Output names as users read them: the exporting cluster's.
      providerClusterId: exporter.clusterId,
      providerPlatform: exporterSpec.platform,
      gkeRegisteredClusterId: registered.clusterId,
    },
    verification,
  };
}
