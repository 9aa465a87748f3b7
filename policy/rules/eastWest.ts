/** East-west gateways only behind internal load balancers (or a private VIP on bare metal). */
import { Resource, json, scriptOf } from "./resource";

const INTERNAL = [
  ["networking.gke.io/load-balancer-type", /^internal$/i],
  ["cloud.google.com/load-balancer-type", /^internal$/i],
  ["service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", /^intranet$/i],
] as const;

function isPrivate(ip: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);
}

function exposure(service: { type?: string; annotations?: Record<string, string>; loadBalancerIP?: string } | undefined): string | undefined {
  if (!service || (service.type ?? "LoadBalancer") !== "LoadBalancer") return undefined;
  const annotations = service.annotations ?? {};
  if (INTERNAL.some(([key, value]) => value.test(annotations[key] ?? ""))) return undefined;
  if (service.loadBalancerIP && isPrivate(service.loadBalancerIP)) return undefined;
  return "a public load balancer";
}

export function publicEastWest(r: Resource): string[] {
  const command = scriptOf(r);
  let found: string | undefined;
  if (command?.script === "mesh/eastwest-gateway.sh") {
    const operator = json(command.env.ISTIO_OPERATOR);
    const gateways = operator?.spec?.components?.ingressGateways ?? [];
    found = gateways.map((g: any) => exposure({ ...g.k8s?.service, annotations: g.k8s?.serviceAnnotations })).find(Boolean);
  } else if (r.type === "kubernetes:core/v1:Service" && r.props.metadata?.labels?.istio === "eastwestgateway") {
    found = exposure({ ...r.props.spec, annotations: r.props.metadata?.annotations });
  }
  return found ? [`${r.name} exposes the east-west gateway through ${found}; annotate it as an internal load balancer or give it a private VIP`] : [];
}
