/** Reads the sections only topology alibaba-gke uses: `alibaba` and `ackOne`. */
import { ALIBABA_NAME } from "../../lib/naming";
import { ACK_NO_SOURCE_LIMIT } from "../checks/alibaba";
import { Reader } from "../problems";
import { AckOneSpec, AlibabaSpec, ProviderAccessSpec, ZoneSubnet } from "../types";
import { readMcsApp } from "./mcsApp";
import { readCidr } from "./network";

const REGION = /^[a-z]{2}-[a-z]+(-\d+)?$/;

/** The `alibaba` section: the region every Alibaba resource lives in. */
export function readAlibaba(r: Reader): AlibabaSpec {
  return { region: r.string("region", { pattern: REGION, fix: "use an Alibaba Cloud region id such as ap-northeast-1" }) };
}

/** The `ackOne` section: the hub, GKE's registration, how the app is distributed and offered, and the verification. */
export function readAckOne(r: Reader): AckOneSpec {
  const name = { pattern: ALIBABA_NAME, fix: "use 2-128 characters starting with a letter, e.g. ackone-hub" };
  return {
    hubName: r.string("hubName", name),
    registeredClusterName: r.string("registeredClusterName", {
      pattern: /^[A-Za-z0-9][-A-Za-z0-9_]{0,62}$/,
      fix: "use 1-63 letters, digits, hyphens or underscores",
    }),
    distribution: r.oneOf("distribution", ["propagation-policy", "kubevela"] as const, "propagation-policy"),
    services: r.oneOf("services", ["multi-cluster-service", "service-export-import"] as const, "multi-cluster-service"),
    providerAccess: readProviderAccess(r.optionalChild("providerAccess")),
    agentPrivateEndpoint: r.boolean("agentPrivateEndpoint", true),
    hubPrivateEndpoint: readHubPrivateEndpoint(r),
    ...readHubVswitch(r.optionalChild("hubVswitch")),
    app: readMcsApp(r),
    verify: r.boolean("verify", true),
    requests: r.integer("requests", { min: 1, max: 100, default: 5 }),
  };
}

/** The hub's own vSwitch, when the stack file asks for one (`{zoneId, cidr}`). */
function readHubVswitch(r: Reader | undefined): { hubVswitch?: ZoneSubnet } {
  if (!r) return {};
  return {
    hubVswitch: {
      zoneId: r.string("zoneId", { pattern: /^[a-z]{2}-[a-z]+(-\d+)?-[a-z0-9]+$/, fix: "use an Alibaba zone id such as ap-northeast-1a" }),
      cidr: readCidr(r, "cidr", true) ?? "",
    },
  };
}

/** The hub's API stays in the VPC unless the stack file turns its public endpoint on, warned. */
function readHubPrivateEndpoint(r: Reader): boolean {
  const hubPrivate = r.boolean("hubPrivateEndpoint", true);
  if (!hubPrivate)
    r.problems.warn(
      r.key("hubPrivateEndpoint"),
      false,
      "turns on the ACK One hub's public API endpoint (an EIP), open to the whole internet; set it to true and run `up` where the hub's VPC is reachable (over the VPN or from a host in the VPC) to keep it private",
    );
  return hubPrivate;
}

/** How Pulumi reaches the exporting cluster: through the hub unless the user says it is reachable. */
export function readProviderAccess(r: Reader | undefined): ProviderAccessSpec {
  if (!r) return { mode: "hub" };
  const mode = r.oneOf("mode", ["hub", "direct"] as const, "hub");
  // cs/DescribeClusterUserKubeconfig.json: TemporaryDurationMinutes, 15 to 4320.
  const minutes = r.get("temporaryDurationMinutes") === undefined ? undefined : r.integer("temporaryDurationMinutes", { min: 15, max: 4320 });
  const ranges = r.get("publicSourceRanges");
  if (ranges !== undefined)
    r.problems.add(
      r.key("publicSourceRanges"),
      ranges,
      `cannot be applied: ${ACK_NO_SOURCE_LIMIT}`,
      "remove it; keep the provider cluster's endpoint private and use mode: hub, or mode: direct from inside the VPC",
    );
  return minutes === undefined ? { mode } : { mode, temporaryDurationMinutes: minutes };
}
