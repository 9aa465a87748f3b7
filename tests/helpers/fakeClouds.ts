import { scriptOfCommandLine } from "../../lib/scriptCommandLine";
import { Recorded } from "./mocks";

export const GCP_VPN_IP = "34.120.0.10";
/** A GKE control plane's public endpoint, and its private one (an address of the dev stack's node subnet). */
export const GKE_PUBLIC_ENDPOINT = "35.192.0.10";
export const GKE_PRIVATE_ENDPOINT = "10.128.0.2";
export const NIFCLOUD_VPN_IP = "203.0.113.20";
export const PROJECT_NUMBER = "123456789012";
export const ALIBABA_VPN_IP = "47.74.0.30";
export const ASK_ID = "c8ask0000000000000000000000000001";
export const ACS_ID = "c8acs0000000000000000000000000004";
/** The Alibaba gateway's second (disaster-recovery) address and GCP HA VPN's two interfaces. */
export const ALIBABA_VPN_IP_SLAVE = "47.74.0.31";
export const GCP_HA_VPN_IPS = ["35.242.0.1", "35.220.0.2"];
/**
 * Each tunnel's own address as the dual-tunnel connection reports it
 * (`tunnelOptionsSpecifications[].internetIp` with its `role`): here the master sits on the
 * gateway's second address and is listed after the slave, so a program that takes GCP's peer
 * addresses from the gateway's fields or by position is caught.
 */
export const ALIBABA_TUNNEL_IPS = { master: ALIBABA_VPN_IP_SLAVE, slave: ALIBABA_VPN_IP } as const;
export const REGISTERED_ID = "c9gke0000000000000000000000000002";
export const HUB_ID = "c7hub0000000000000000000000000003";
export const ASK_KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: ask\n  user:\n    client-key-data: QVNLLUtFWQ==\n";
export const HUB_KUBECONFIG = "apiVersion: v1\nkind: Config\nusers:\n- name: hub\n  user:\n    token: hub-token\n";

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** What each script prints on create, keyed by the script relative to scripts/. */
export const SCRIPT_STDOUT: Record<string, string> = {
  "nifcloud/firewall-group.sh": '{"GroupName":"FWNIFC","Ownership":"adopt","AddedRules":["IN|UDP|500|500|34.120.0.10/32"]}',
  "nifcloud/private-lan.sh": '{"NetworkId":"net-0a1b2c3d","CidrBlock":"172.16.232.0/24","PrivateLanName":"NifcAnthosClsLan","Ownership":"adopt"}',
  "nifcloud/vpn-gateway.sh": `{"VpnGatewayId":"vpngw-11","PublicIp":"${NIFCLOUD_VPN_IP}","Ownership":"own"}`,
  "nifcloud/customer-gateway.sh": '{"CustomerGatewayId":"cgw-22","Ownership":"own"}',
  "nifcloud/vpn-connection.sh": '{"VpnConnectionId":"vpn-33"}',
  "mesh/asm-install.sh":
    '{"revision":"asm-1290-1","release":"1.29.0-asm.1","asmcliVersion":"1.29.0-asm.1+config1","network":"nifclan","istioctl":"/cache/1.29.0-asm.1/istioctl","clusterId":"cn-example-mesh-project-global-nifc-anthosbm-cls","owner":"multicloud-mesh/dev"}',
  "mesh/preflight.sh": '{"kubernetes":"1.34","revision":"absent","adopted":[],"planned":[],"owned":["istio-system","nifc-gateway","sample"]}',
  "mesh/eastwest-gateway.sh": '{"service":"istio-eastwestgateway","address":"10.128.0.23","revision":"asm-1290-1"}',
  "mesh/revision-canary.sh": '{"revision":"asm-1290-1","moved":[],"removed":[]}',
  "mesh/baremetal-prereqs.sh": '{"nodes":{"nifc-anthosbm-cp":{"routes":{"10.128.0.0/20":"172.16.232.2"},"ports":{}}}}',
  "mesh/probe.sh": JSON.stringify({
    answers: { anthos: { v1: 6, v2: 4 }, gke: { v1: 5, v2: 5 } },
    allVersionsEverywhere: true,
    remoteViaGateway: true,
    endpoints: {
      anthos: { viaGateway: ["10.128.0.23:15443"], missingGateways: [], remotePodIps: [] },
      gke: { viaGateway: ["172.16.232.122:15443"], missingGateways: [], remotePodIps: [] },
    },
  }),
  "ackone/hub-kubeconfig.sh": JSON.stringify({ kubeconfig: HUB_KUBECONFIG }),
  "ackone/external-cluster.sh": `{"ClusterId":"${REGISTERED_ID}"}`,
  "ackone/cluster-agent.sh": `{"ClusterId":"${REGISTERED_ID}","State":"running","Objects":"kube-system|deployment.apps/ack-cluster-agent"}`,
  "ackone/fleet-members.sh": `{"HubId":"${HUB_ID}"}`,
  "ackone/mcs-probe.sh": '{"url":"http://amcs-service1.provider-ns.svc.cluster.local","answered":5,"requests":5,"sample":"order-42"}',
};

/** The bare-metal gateway answers on its MetalLB VIP, GKE's on its internal load balancer. */
export const GATEWAY_ADDRESSES: Record<string, string> = { nifclan: "172.16.232.122", "example-mesh-project-anthos-hybrid": "10.128.0.23" };

/** istiod's cluster id as asmcli sets it on GKE (cn-<project>-<location>-<cluster>). */
export const GKE_CLUSTER_ID = "cn-example-mesh-project-us-central1-c-nifc-anthosgke-cls";

function scriptStdout(r: Recorded): string {
  const script = scriptOf(r);
  if (script === "mesh/asm-install.sh" && r.inputs.environment?.ASM_PLATFORM === "gke")
    return JSON.stringify({ ...JSON.parse(SCRIPT_STDOUT[script]), network: "example-mesh-project-anthos-hybrid", clusterId: GKE_CLUSTER_ID });
  const operator = script === "mesh/eastwest-gateway.sh" ? String(r.inputs.environment?.ISTIO_OPERATOR ?? "") : "";
  const network = /"network":"([^"]+)"/.exec(operator)?.[1];
  if (network && GATEWAY_ADDRESSES[network])
    return JSON.stringify({ service: "istio-eastwestgateway", address: GATEWAY_ADDRESSES[network], revision: "asm-1290-1" });
  return SCRIPT_STDOUT[script] ?? "";
}

/** The script a command resource runs, relative to scripts/, read from its create command; "" for none. */
export function scriptOf(r: Recorded): string {
  return scriptOfCommandLine(String(r.inputs.create ?? "")) ?? "";
}

/** The clouds' answers, as plain data. */
export function fakeCloudState(r: Recorded): Record<string, unknown> {
  switch (r.type) {
    case "gcp:compute/address:Address":
      return { address: GCP_VPN_IP };
    case "gcp:container/cluster:Cluster": {
      // A Private Service Connect cluster: its private endpoint is in the node subnet, and its
      // endpoint is the private one once the public endpoint is off.
      const privateOnly = (r.inputs.privateClusterConfig as { enablePrivateEndpoint?: boolean } | undefined)?.enablePrivateEndpoint === true;
      return {
        endpoint: privateOnly ? GKE_PRIVATE_ENDPOINT : GKE_PUBLIC_ENDPOINT,
        privateClusterConfig: { ...(r.inputs.privateClusterConfig ?? {}), privateEndpoint: GKE_PRIVATE_ENDPOINT, publicEndpoint: GKE_PUBLIC_ENDPOINT },
        masterAuth: { clusterCaCertificate: b64("gke-ca") },
      };
    }
    case "gcp:serviceaccount/account:Account": {
      const email = `${String(r.inputs.accountId)}@${String(r.inputs.project)}.iam.gserviceaccount.com`;
      return { email, member: `serviceAccount:${email}`, name: `projects/${String(r.inputs.project)}/serviceAccounts/${email}` };
    }
    case "alicloud:vpn/gateway:Gateway":
      return { internetIp: ALIBABA_VPN_IP, disasterRecoveryInternetIp: ALIBABA_VPN_IP_SLAVE };
    case "alicloud:vpn/connection:Connection": {
      const specs = (r.inputs.tunnelOptionsSpecifications ?? []) as { role: keyof typeof ALIBABA_TUNNEL_IPS }[];
      return { tunnelOptionsSpecifications: [...specs].reverse().map((t) => ({ ...t, internetIp: ALIBABA_TUNNEL_IPS[t.role] })) };
    }
    case "gcp:compute/haVpnGateway:HaVpnGateway":
      return { vpnInterfaces: GCP_HA_VPN_IPS.map((ipAddress, id) => ({ id, ipAddress })) };
    case "alicloud:cs/serverlessKubernetes:ServerlessKubernetes":
      return { __id: ASK_ID };
    case "alicloud:cs/managedKubernetes:ManagedKubernetes":
      return { __id: ACS_ID };
    case "alicloud:ackone/cluster:Cluster":
      return { __id: HUB_ID };
    case "random:index/randomPassword:RandomPassword":
      return { result: "Ab3".repeat(21) + "x" };
    case "command:local:Command":
      return { stdout: scriptStdout(r), stderr: "" };
    case "kubernetes:core/v1:Secret":
      return r.inputs.type === "kubernetes.io/service-account-token" ? { data: { token: b64(`token-of-${r.name}`), "ca.crt": b64(`ca-of-${r.name}`) } } : {};
    default:
      return {};
  }
}

export const FAKE_CALLS = {
  "gcp:organizations/getProject:getProject": { number: PROJECT_NUMBER, projectId: "example-mesh-project" },
  "alicloud:cs/getClusterCredential:getClusterCredential": { kubeConfig: ASK_KUBECONFIG, clusterId: ASK_ID },
};
