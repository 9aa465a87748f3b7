/** The east-west gateway IstioOperator (gen-eastwest-gateway.sh's output for multi-primary, as typed data). Pure. */
import { MESH_PORTS } from "../network/firewallRules";

export interface ServicePort {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
}

export interface IstioOperator {
  readonly apiVersion: "install.istio.io/v1alpha1";
  readonly kind: "IstioOperator";
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly revision: string;
    readonly profile: "empty";
    readonly components: {
      readonly ingressGateways: readonly {
        readonly name: string;
        readonly namespace: string;
        readonly label: Readonly<Record<string, string>>;
        readonly enabled: boolean;
        readonly k8s: {
          readonly serviceAnnotations?: Readonly<Record<string, string>>;
          readonly env: readonly { readonly name: string; readonly value: string }[];
          readonly service: { readonly ports: readonly ServicePort[]; readonly loadBalancerIP?: string };
        };
      }[];
    };
    readonly values: {
      readonly gateways: { readonly "istio-ingressgateway": { readonly injectionTemplate: "gateway" } };
      readonly global: { readonly network: string };
    };
  };
}

/** How the gateway's Service gets an address the other network can route to. */
export type GatewayExposure =
  /** GKE: a regional internal passthrough load balancer on the VPC, reachable over the VPN. */
  | { readonly kind: "gcp-internal" }
  /** Bare metal: a fixed load-balancer address (MetalLB VIP) on the LAN the VPN routes. */
  | { readonly kind: "address"; readonly address: string }
  /** Whatever the cluster's load balancer gives (local clusters). */
  | { readonly kind: "default" };

export interface EastWestGatewayOptions {
  /** Mesh revision label (istio.io/rev). */
  readonly revision: string;
  /** The cluster's Istio network (equal to its istio-system network label). */
  readonly network: string;
  /** Namespace the objects go into. */
  readonly namespace: string;
  /** How the gateway's address is assigned. */
  readonly exposure: GatewayExposure;
}

export const EAST_WEST_GATEWAY_NAME = "istio-eastwestgateway";
export const EAST_WEST_SELECTOR = { istio: "eastwestgateway" } as const;

/** The internal load balancer in both spellings GKE reads: the older `cloud.google.com/` one and the current `networking.gke.io/` one. */
export const GKE_INTERNAL_LB_ANNOTATIONS = {
  "cloud.google.com/load-balancer-type": "internal",
  "networking.gke.io/load-balancer-type": "Internal",
} as const;

export function eastWestOperator(options: EastWestGatewayOptions): IstioOperator {
  const { exposure } = options;
  return {
    apiVersion: "install.istio.io/v1alpha1",
    kind: "IstioOperator",
    metadata: { name: "eastwest" },
    spec: {
      revision: options.revision,
      profile: "empty",
      components: {
        ingressGateways: [
          {
            name: EAST_WEST_GATEWAY_NAME,
            namespace: options.namespace,
            label: { ...EAST_WEST_SELECTOR, app: EAST_WEST_GATEWAY_NAME, "topology.istio.io/network": options.network },
            enabled: true,
            k8s: {
              ...(exposure.kind === "gcp-internal" ? { serviceAnnotations: { ...GKE_INTERNAL_LB_ANNOTATIONS } } : {}),
              // Traffic through this gateway should be routed inside the network.
              env: [{ name: "ISTIO_META_REQUESTED_NETWORK_VIEW", value: options.network }],
              // gen-eastwest-gateway.sh's ports without tls-istiod (15012) and tls-webhook
              // (15017): those expose istiod to remote clusters without one of their own
              // (expose-istiod.yaml, primary-remote); in this multi-primary mesh nothing listens
              // there, and the load balancer would only forward them (components/network/firewallRules.ts).
              service: {
                ports: [
                  { name: "status-port", port: MESH_PORTS.status, targetPort: MESH_PORTS.status },
                  { name: "tls", port: MESH_PORTS.tls, targetPort: MESH_PORTS.tls },
                ],
                ...(exposure.kind === "address" ? { loadBalancerIP: exposure.address } : {}),
              },
            },
          },
        ],
      },
      values: {
        gateways: { "istio-ingressgateway": { injectionTemplate: "gateway" } },
        global: { network: options.network },
      },
    },
  };
}

/** The cross-network Gateway (expose-services.yaml): every `*.local` service via mTLS passthrough. */
export function crossNetworkGateway(namespace: string) {
  return {
    apiVersion: "networking.istio.io/v1alpha3",
    kind: "Gateway",
    metadata: { name: "cross-network-gateway", namespace },
    spec: {
      selector: { ...EAST_WEST_SELECTOR },
      servers: [
        {
          port: { number: MESH_PORTS.tls, name: "tls", protocol: "TLS" },
          tls: { mode: "AUTO_PASSTHROUGH" },
          hosts: ["*.local"],
        },
      ],
    },
  } as const;
}

/**
 * What `istioctl install` makes of the operator's gateway, as plain objects (installer:
 * manifests): its service account, an injected gateway Deployment and the Service. Pure.
 */
export function eastWestGatewayObjects(operator: IstioOperator) {
  const gateway = operator.spec.components.ingressGateways[0];
  const labels = { ...gateway.label, "istio.io/rev": operator.spec.revision };
  const serviceAccountName = `${gateway.name}-service-account`;
  return {
    serviceAccount: { metadata: { name: serviceAccountName, namespace: gateway.namespace, labels } },
    deployment: {
      metadata: { name: gateway.name, namespace: gateway.namespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: gateway.label },
        template: {
          metadata: {
            labels: { ...labels, "sidecar.istio.io/inject": "true" },
            annotations: { "inject.istio.io/templates": "gateway" },
          },
          spec: {
            serviceAccountName,
            // The injector replaces the "auto" image with the revision's proxy.
            containers: [{ name: "istio-proxy", image: "auto", env: [...gateway.k8s.env] }],
          },
        },
      },
    },
    service: {
      metadata: { name: gateway.name, namespace: gateway.namespace, labels, annotations: gateway.k8s.serviceAnnotations },
      spec: {
        type: "LoadBalancer",
        selector: gateway.label,
        ports: gateway.k8s.service.ports.map((p) => ({ ...p, protocol: "TCP" })),
        ...(gateway.k8s.service.loadBalancerIP ? { loadBalancerIP: gateway.k8s.service.loadBalancerIP } : {}),
      },
    },
  };
}
