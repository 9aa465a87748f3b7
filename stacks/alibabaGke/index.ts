import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { AckOneHub } from "../../components/ackone/ackOneHub";
import { importedServiceUrl } from "../../components/ackone/appManifests";
import { ExternalCluster } from "../../components/ackone/externalCluster";
import { MultiClusterApp } from "../../components/ackone/multiClusterApp";
import { AlibabaNetwork } from "../../components/alibaba/alibabaNetwork";
import { AskCluster } from "../../components/alibaba/askCluster";
import { GkeCluster } from "../../components/gke/gkeCluster";
import { GcpNetwork } from "../../components/network/gcpNetwork";
import { McsVerification } from "../../components/verify/mcsVerification";
import { alibabaVpnPeer } from "../../components/vpn/alibabaVpnPeer";
import { secretOutput } from "../../config/load";
import { routedRanges } from "../../config/ranges";
import { AlibabaGkeConfig } from "../../config/types";
import { GKE_APIS } from "../shared/gcpApis";
import { gcpSetup } from "../shared/gcpSetup";
import { vpnLink } from "../shared/vpnLink";

/**
 * Seed 001: an ASK cluster on Alibaba Cloud provides a service, GKE consumes it through ACK One
 * multi-cluster services, over a policy-based IPsec VPN that carries GKE's pod and service ranges.
 */
export function alibabaGke(config: AlibabaGkeConfig) {
  const { gcp: gcpSpec, ackOne, gke: gkeSpec, ask: askSpec } = config;
  const [link] = config.vpnLinks;
  const { gcp: gcpNet, peer: aliNet } = link.networks;

  const onGcpSide = gcpSetup(gcpSpec, GKE_APIS);
  const { onGcp } = onGcpSide;
  const credentials = {
    accessKeyId: secretOutput(config.alibabaCredentials.accessKeyId),
    accessKeySecret: secretOutput(config.alibabaCredentials.accessKeySecret),
    region: config.alibaba.region,
  };
  const alibaba = new alicloud.Provider("alibaba", {
    region: credentials.region,
    accessKey: credentials.accessKeyId,
    secretKey: credentials.accessKeySecret,
  });

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
    },
    { providers: [alibaba] },
  );
  const vswitchIds = aliNetwork.vswitches.map((v) => v.id);

  const vpn = vpnLink(link, gcpNetwork.network.id, onGcpSide, (l) =>
    alibabaVpnPeer({ spec: l.peer, vpcId: aliNetwork.vpc.id, vswitchIds, vpcCidr: aliNet.nodeCidr, provider: alibaba }),
  );

  const gke = new GkeCluster(
    gkeSpec.name,
    {
      spec: gkeSpec.gke,
      project: gcpSpec.project,
      network: gcpNetwork.network.id,
      subnet: gcpNetwork.subnet.id,
      podRangeName: gcpNetwork.podRangeName,
      serviceRangeName: gcpNetwork.serviceRangeName,
    },
    onGcp,
  );
  const ask = new AskCluster(askSpec.name, {
    spec: askSpec.ask,
    vpcId: aliNetwork.vpc.id,
    vswitchIds,
    securityGroupId: aliNetwork.securityGroup.id,
    serviceCidr: aliNet.serviceCidr,
    provider: alibaba,
  });

  const hub = new AckOneHub("ackone", {
    hubName: ackOne.hubName,
    vpcId: aliNetwork.vpc.id,
    vswitchIds,
    privateEndpoint: ackOne.hubPrivateEndpoint,
    credentials,
    provider: alibaba,
  });
  // GKE's agent reaches ACK over the VPN when it uses the private endpoint.
  const registered = new ExternalCluster(
    `${gkeSpec.name}-registered`,
    {
      name: ackOne.registeredClusterName,
      vpcId: aliNetwork.vpc.id,
      privateEndpoint: ackOne.agentPrivateEndpoint,
      kubeconfig: gke.kubeconfig,
      credentials,
    },
    { dependsOn: [vpn, gke] },
  );
  const askMember = hub.attach("ackone-member-ask", ask.cluster.id, [ask]);
  const gkeMember = hub.attach("ackone-member-gke", registered.clusterId, [registered.agent]);

  const app = new MultiClusterApp("mcs", {
    app: ackOne.app,
    distribution: ackOne.distribution,
    hub: hub.k8sProvider,
    provider: { id: ask.cluster.id, provider: ask.k8sProvider },
    consumer: { id: registered.clusterId, provider: gke.provider },
    after: [askMember, gkeMember],
  });

  const verification = ackOne.verify
    ? new McsVerification("mcs-verify", {
        kubeconfig: gke.kubeconfig,
        namespace: ackOne.app.namespace,
        consumer: ackOne.app.consumerName,
        url: importedServiceUrl(ackOne.app),
        requests: ackOne.requests,
        after: [app, vpn],
      }).answer
    : pulumi.output({});

  return {
    gcpVpnAddresses: { [link.name]: vpn.gcpAddress },
    peerVpnAddresses: { [link.name]: vpn.peerAddress },
    gkeKubeconfigs: pulumi.secret({ [gkeSpec.name]: gke.kubeconfig }),
    ackOne: { hubId: hub.hub.id, askClusterId: ask.cluster.id, gkeRegisteredClusterId: registered.clusterId },
    verification,
  };
}
