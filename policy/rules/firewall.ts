/** No firewall rule open to the internet: by 0.0.0.0/0, by a union covering a public share, or by omission. */
import { publicShare } from "./publicShare";
import { Resource, json, scriptOf } from "./resource";

const FIX = "name the peer ranges or addresses instead";

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/**
 * A GCP rule's sources, or why it admits everything. An enabled ingress allow rule with no
 * source range, tag or service account admits 0.0.0.0/0 (gcloud compute firewall-rules create,
 * `--source-ranges`: with neither ranges nor tags the source defaults to 0.0.0.0/0;
 * hashicorp/terraform-provider-google#6789 shows the API doing so for an empty list).
 */
function gcpSources(p: Record<string, any>): string[] | "everything" | undefined {
  if ((p.direction ?? "INGRESS") !== "INGRESS" || p.disabled === true) return undefined;
  // A rule has either allows or denies: a deny rule opens nothing, whatever its sources.
  if (Array.isArray(p.denies) && p.denies.length > 0) return undefined;
  const ranges = list(p.sourceRanges);
  if (ranges.length === 0 && list(p.sourceTags).length === 0 && list(p.sourceServiceAccounts).length === 0) return "everything";
  return ranges;
}

/**
 * The sources of every inbound NIFCLOUD rule, in the form the program writes
 * (`ListOfRequestIpRanges`) or the API's (`IpRanges`): scripts/nifcloud/firewall-group.sh takes
 * either. All rules of a group together: what they admit is what can reach the group.
 */
function nifcloudSources(rules: unknown): string[] {
  if (!Array.isArray(rules)) return [];
  return rules
    .filter((rule: any) => (rule?.InOut ?? "IN") === "IN")
    .flatMap((rule: any) => [...(rule.ListOfRequestIpRanges ?? []), ...(rule.IpRanges ?? [])])
    .map((range: any) => range?.CidrIp)
    .filter((cidr): cidr is string => typeof cidr === "string");
}

function alibabaSources(p: Record<string, any>): string[] {
  if (p.type !== "ingress" || p.policy === "drop") return [];
  return [p.cidrIp, p.ipv6CidrIp].filter((c): c is string => typeof c === "string" && c !== "");
}

export function openToInternet(r: Resource): string[] {
  let sources: string[] | "everything" | undefined;
  if (r.type === "gcp:compute/firewall:Firewall") sources = gcpSources(r.props);
  else if (r.type === "alicloud:ecs/securityGroupRule:SecurityGroupRule") sources = alibabaSources(r.props);
  else {
    const command = scriptOf(r);
    if (command?.script === "nifcloud/firewall-group.sh") sources = nifcloudSources(json(command.env.FW_RULES));
  }
  if (sources === "everything") return [`${r.name} admits 0.0.0.0/0 (an ingress rule with no source admits every address); ${FIX}`];
  const why = sources && publicShare(sources);
  return why ? [`${r.name} admits ${why}; ${FIX}`] : [];
}
