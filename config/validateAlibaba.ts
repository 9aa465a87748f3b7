/** Checks only the alibaba-gke topology (seed 001: ACK One multi-cluster services) needs. */
import { ALIBABA_NAME } from "../lib/naming";
import { readMcsApp } from "./mcsApp";
import { Problems, Reader } from "./problems";
import { AckOneSpec, AlibabaSpec, StackConfig } from "./types";
import { RawConfig, requireSecret } from "./rawConfig";

export const ALIBABA_CREDENTIAL_KEYS = ["alibabaAccessKeyId", "alibabaAccessKeySecret"] as const;

const REGION = /^[a-z]{2}-[a-z]+(-\d+)?$/;

export function readAlibaba(r: Reader | undefined): AlibabaSpec | undefined {
  if (!r) return undefined;
  return { region: r.string("region", { pattern: REGION, fix: "use an Alibaba Cloud region id such as ap-northeast-1" }) };
}

export function readAckOne(r: Reader | undefined): AckOneSpec | undefined {
  if (!r) return undefined;
  const name = { pattern: ALIBABA_NAME, fix: "use 2-128 characters starting with a letter, e.g. ackone-hub" };
  return {
    hubName: r.string("hubName", name),
    registeredClusterName: r.string("registeredClusterName", {
      pattern: /^[A-Za-z0-9][-A-Za-z0-9_]{0,62}$/,
      fix: "use 1-63 letters, digits, hyphens or underscores",
    }),
    distribution: r.oneOf("distribution", ["kubevela", "propagation-policy"] as const, "kubevela"),
    agentPrivateEndpoint: r.boolean("agentPrivateEndpoint", true),
    hubPrivateEndpoint: r.boolean("hubPrivateEndpoint", false),
    app: readMcsApp(r),
    verify: r.boolean("verify", true),
    requests: r.integer("requests", { min: 1, max: 100, default: 5 }),
  };
}

export function checkAlibaba(problems: Problems, config: StackConfig, raw: RawConfig): void {
  const need = (ok: boolean, key: string, value: unknown, why: string, fix: string) => {
    if (!ok) problems.add(key, value, why, fix);
  };
  if (config.topology !== "alibaba-gke") {
    need(config.ackOne === undefined, "ackOne", "(set)", `is only used by topology alibaba-gke, not ${config.topology}`, "remove ackOne from the stack file");
    return;
  }
  need(config.alibaba !== undefined, "alibaba", undefined, "is required by topology alibaba-gke", "set alibaba.region, e.g. ap-northeast-1");
  need(config.ackOne !== undefined, "ackOne", undefined, "is required by topology alibaba-gke", "declare ackOne as in Pulumi.ack-dev.yaml");
  for (const key of ALIBABA_CREDENTIAL_KEYS) {
    requireSecret(problems, raw, key, "an Alibaba Cloud API credential", `pulumi config set --secret ${key}`);
  }
  const asks = config.clusters.filter((c) => c.platform === "ask");
  need(
    asks.length === 1,
    "clusters",
    config.clusters.map((c) => c.platform),
    `needs exactly one cluster with platform: ask (found ${asks.length})`,
    "declare the ASK provider cluster once",
  );

  config.networks.forEach((n, i) => {
    if (n.cloud !== "alibaba") return;
    need(
      (n.zones ?? []).length > 0,
      `networks[${i}].zones`,
      n.zones,
      "is required: the VPN gateway and the ASK cluster live in vSwitches, one per zone",
      "list at least one {zoneId, cidr}; two zones let the VPN gateway fail over",
    );
    need(
      n.podCidr === undefined,
      `networks[${i}].podCidr`,
      n.podCidr,
      "is not used on Alibaba: ASK pods take vSwitch addresses",
      "remove podCidr; the zones' ranges are the pod ranges",
    );
    need(
      n.serviceCidr !== undefined,
      `networks[${i}].serviceCidr`,
      n.serviceCidr,
      "is required: it becomes the ASK cluster's service range",
      "set serviceCidr outside every other range, e.g. 172.21.0.0/20",
    );
    const region = config.alibaba?.region;
    (n.zones ?? []).forEach((z, j) => {
      if (region && z.zoneId && !z.zoneId.startsWith(`${region}`)) {
        problems.add(
          `networks[${i}].zones[${j}].zoneId`,
          z.zoneId,
          `is not a zone of region ${region}`,
          `use a zone id starting with ${region}, e.g. ${region}a`,
        );
      }
    });
  });
  config.vpnLinks.forEach((l, i) => {
    if (l.peer.kind !== "alibaba") return;
    need(
      l.routing === "policy-based",
      `vpnLinks[${i}].routing`,
      l.routing,
      "must be policy-based: the Alibaba connection lists its protected data flows, so both ends need explicit selectors",
      "set routing: policy-based",
    );
  });
  asks.forEach((c) => {
    const i = config.clusters.indexOf(c);
    const network = config.networks.find((n) => n.name === c.network);
    need(
      network?.cloud === "alibaba",
      `clusters[${i}].network`,
      c.network,
      "is not an Alibaba network, so an ASK cluster cannot live there",
      "put the ASK cluster on a network with cloud: alibaba",
    );
  });
}
