import * as path from "path";
import * as provider from "@pulumi/pulumi/provider";
import { CloudStandIn } from "../shared/cloud";
import { ProviderDefaults, loadForceNew } from "../shared/diff";
import { operation } from "../shared/operation";
import { Props, str } from "../shared/values";
import { rehearsalHome } from "../shared/world";
import * as compute from "./compute";
import { cluster, feature, membership, nodePool, projectService } from "./gke";
import { iamMember, serviceAccount } from "./iam";
import { ALL } from "./kinds";
import { routerStatus } from "./routerStatus";

/** The fixed project number the stand-in reports for the configured project. */
export const PROJECT_NUMBER = "123456789012";

const KINDS = [...Object.values(compute), cluster, nodePool, membership, feature, projectService, serviceAccount, iamMember];
ALL.push(...KINDS);

/** Names the bridge auto-names in lower case (pulumi-gcp provider/resources.go lowercaseAutoName). */
const LOWERCASE_AUTONAME = new Set(["gcp:compute/network:Network", "gcp:compute/subnetwork:Subnetwork", "gcp:compute/router:Router"]);

/** Types whose `region` the provider's configuration fills in (regional Compute Engine resources). */
const REGIONAL = new Set(
  KINDS.filter(
    (k) =>
      ![
        "networks",
        "firewalls",
        "routes",
        "externalVpnGateways",
        "clusters",
        "nodePools",
        "memberships",
        "features",
        "services",
        "serviceAccounts",
        "iamMembers",
      ].includes(k.collection),
  ).map((k) => k.type),
);

export class GcpStandIn extends CloudStandIn {
  constructor(version: string) {
    super("gcp", "gcp", loadForceNew("gcp"), KINDS, version);
  }

  stateFile(): string {
    return path.join(rehearsalHome(), "clouds", "gcp.json");
  }

  configure(args: Props, variables: Record<string, string>): void {
    const pick = (key: string) => str(args[key]) ?? variables[`gcp:config:${key}`];
    this.config = { project: pick("project"), region: pick("region"), zone: pick("zone") };
  }

  protected providerDefaults(type: string): ProviderDefaults {
    const defaults: Record<string, unknown> = { project: this.config.project };
    if (REGIONAL.has(type)) defaults.region = this.config.region;
    return defaults;
  }

  protected autoName(type: string, urnName: string): string {
    const name = super.autoName(type, urnName);
    return LOWERCASE_AUTONAME.has(type) ? name.toLowerCase() : name;
  }

  invoke(token: string, args: Props): Promise<provider.InvokeResult> {
    const meta = { cloud: "gcp" as const, by: "plugin:gcp", op: "invoke", type: token };
    return operation(meta, () => {
      if (token === "gcp:compute/getRouterStatus:getRouterStatus") return { outputs: routerStatus(this.config, this.stateFile(), args) };
      if (token !== "gcp:organizations/getProject:getProject") throw new Error(`the gcp stand-in does not answer ${token}`);
      const projectId = str(args.projectId) ?? this.config.project;
      if (!projectId) throw new Error("getProject: no projectId and no provider project");
      return { outputs: { id: `projects/${projectId}`, projectId, number: PROJECT_NUMBER, name: projectId, labels: {}, effectiveLabels: {} } };
    });
  }
}
