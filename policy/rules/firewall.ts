/** No firewall rule open to the whole internet. */
import { Resource, json, scriptOf } from "./resource";

const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);

export function openToInternet(r: Resource): string[] {
  const p = r.props;
  let open = false;
  if (r.type === "gcp:compute/firewall:Firewall") {
    open = (p.direction ?? "INGRESS") === "INGRESS" && (p.sourceRanges ?? []).some((s: string) => ANYWHERE.has(s));
  } else if (r.type === "alicloud:ecs/securityGroupRule:SecurityGroupRule") {
    open = p.type === "ingress" && p.policy !== "drop" && (ANYWHERE.has(p.cidrIp) || ANYWHERE.has(p.ipv6CidrIp));
  } else {
    const command = scriptOf(r);
    if (command?.script.endsWith("firewall-group.sh")) {
      const rules = json(command.env.FW_RULES) ?? [];
      open = rules.some((rule: any) => (rule.ListOfRequestIpRanges ?? []).some((range: any) => ANYWHERE.has(range.CidrIp)));
    }
  }
  return open ? [`${r.name} admits 0.0.0.0/0; name the peer ranges or addresses instead`] : [];
}
