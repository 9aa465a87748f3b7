import * as path from "path";
import * as provider from "@pulumi/pulumi/provider";
import { changeState, readState } from "../../../lib/stateLock";
import { CloudState, CloudStandIn, collection } from "../shared/cloud";
import { ProviderDefaults, loadForceNew } from "../shared/diff";
import { operation } from "../shared/operation";
import { Props, str } from "../shared/values";
import { rehearsalHome, worldCluster } from "../shared/world";
import { hub, membershipAttachment } from "./ackone";
import { managedKubernetes, serverlessKubernetes } from "./clusters";
import { ALL, aliError } from "./kinds";
import * as network from "./network";
import * as vpn from "./vpn";

const KINDS = [...Object.values(network), ...Object.values(vpn), managedKubernetes, serverlessKubernetes, hub, membershipAttachment];
ALL.push(...KINDS);

/** The aliyun stand-in's empty state (tests/fakes/aliyun_cli.py load()). */
export const emptyAlibabaState = (): CloudState => ({ clusters: {}, hubs: {}, vswitches: {}, security_groups: {} });

export class AlicloudStandIn extends CloudStandIn {
  constructor(version: string) {
    super("alicloud", "alibaba", loadForceNew("alicloud"), KINDS, version);
  }

  /** $FAKE_ALIYUN_STATE/state.json, the file the aliyun stand-in reads and writes. */
  stateFile(): string {
    return path.join(process.env.FAKE_ALIYUN_STATE ?? path.join(rehearsalHome(), "clouds", "alibaba"), "state.json");
  }

  protected emptyState(): CloudState {
    return emptyAlibabaState();
  }

  configure(args: Props, variables: Record<string, string>): void {
    this.config = { region: str(args.region) ?? variables["alicloud:config:region"] ?? process.env.ALIBABA_CLOUD_REGION };
  }

  protected providerDefaults(): ProviderDefaults {
    return {};
  }

  invoke(token: string, args: Props): Promise<provider.InvokeResult> {
    const meta = { cloud: "alibaba" as const, by: "plugin:alicloud", op: "invoke", type: token, refs: [] as string[] };
    return operation(meta, () => {
      switch (token) {
        case "alicloud:cs/getClusterCredential:getClusterCredential":
          meta.refs = [str(args.clusterId) ?? ""];
          return { outputs: this.credential(str(args.clusterId) ?? "") };
        case "alicloud:cs/getAckService:getAckService":
          return { outputs: this.ackService(str(args.enable), str(args.type) ?? "") };
        default:
          throw new Error(`the alicloud stand-in does not answer ${token}`);
      }
    });
  }

  /**
   * A cluster's kubeconfig, pointing at the run's local `acs` control plane (the Alibaba provider
   * cluster). The data source reads DescribeClusterDetail first, so an unknown id fails there
   * (data_source_alicloud_cs_cluster_credential.go).
   */
  private credential(clusterId: string): Props {
    const state = readState<CloudState>(this.stateFile(), emptyAlibabaState);
    const cluster = collection<Props>(state, "clusters")[clusterId];
    if (!cluster || ["gone", "deleted", "deleting"].includes(String(cluster.state))) throw aliError("ErrorClusterNotFound", `cluster ${clusterId} not found`);
    const api = worldCluster("acs");
    const name = String(cluster.name);
    const kubeConfig = [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `- name: ${name}`,
      "  cluster:",
      `    server: ${api.server}`,
      `    certificate-authority-data: ${api.caData}`,
      "contexts:",
      `- name: ${name}`,
      "  context:",
      `    cluster: ${name}`,
      `    user: ${name}`,
      `current-context: ${name}`,
      "users:",
      `- name: ${name}`,
      "  user:",
      `    token: ${api.token}`,
      "",
    ].join("\n");
    return {
      id: clusterId,
      clusterId,
      clusterName: name,
      kubeConfig,
      certificateAuthority: { clusterCert: api.caData, clientCert: "", clientKey: "" },
      expiration: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString(),
    };
  }

  /** data_source_alicloud_ack_service.go: OpenAckService when enable is On (an opened service answers ORDER.OPEND, also "Opened"). */
  private ackService(enable: string | undefined, type: string): Props {
    if (enable !== "On") return { id: "AckServiceHasNotBeenOpened", status: "", enable, type };
    changeState(this.file(), emptyAlibabaState, (state) => {
      collection<string>(state, "ack_services")[type] = "Opened";
      return state;
    });
    return { id: "AckServiceHasBeenOpened", status: "Opened", enable, type };
  }
}
