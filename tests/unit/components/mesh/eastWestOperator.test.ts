import { crossNetworkGateway, eastWestGatewayObjects, eastWestOperator } from "../../../../components/mesh/eastWestOperator";

describe("eastWestOperator", () => {
  const gke = eastWestOperator({
    revision: "asm-1175-9",
    network: "example-mesh-project-anthos-hybrid",
    namespace: "nifc-gateway",
    exposure: { kind: "gcp-internal" },
  });
  const metal = eastWestOperator({
    revision: "asm-1175-9",
    network: "nifclan",
    namespace: "nifc-gateway",
    exposure: { kind: "address", address: "172.16.232.122" },
  });

  it("renders every field gen-eastwest-gateway.sh's output sets, without the istiod ports only a primary-remote mesh uses", () => {
    expect(gke).toEqual({
      apiVersion: "install.istio.io/v1alpha1",
      kind: "IstioOperator",
      metadata: { name: "eastwest" },
      spec: {
        revision: "asm-1175-9",
        profile: "empty",
        components: {
          ingressGateways: [
            {
              name: "istio-eastwestgateway",
              namespace: "nifc-gateway",
              label: { istio: "eastwestgateway", app: "istio-eastwestgateway", "topology.istio.io/network": "example-mesh-project-anthos-hybrid" },
              enabled: true,
              k8s: {
                serviceAnnotations: { "cloud.google.com/load-balancer-type": "internal", "networking.gke.io/load-balancer-type": "Internal" },
                env: [{ name: "ISTIO_META_REQUESTED_NETWORK_VIEW", value: "example-mesh-project-anthos-hybrid" }],
                service: {
                  ports: [
                    { name: "status-port", port: 15021, targetPort: 15021 },
                    { name: "tls", port: 15443, targetPort: 15443 },
                  ],
                },
              },
            },
          ],
        },
        values: { gateways: { "istio-ingressgateway": { injectionTemplate: "gateway" } }, global: { network: "example-mesh-project-anthos-hybrid" } },
      },
    });
  });

  it("gives bare metal a routable load-balancer address and no cloud annotation", () => {
    const gateway = metal.spec.components.ingressGateways[0];
    expect(gateway.k8s.service.loadBalancerIP).toBe("172.16.232.122");
    expect(gateway.k8s.serviceAnnotations).toBeUndefined();
  });

  it("keeps the network label, the requested network view and values.global.network equal", () => {
    for (const op of [gke, metal]) {
      const gateway = op.spec.components.ingressGateways[0];
      expect(gateway.label["topology.istio.io/network"]).toBe(op.spec.values.global.network);
      expect(gateway.k8s.env[0].value).toBe(op.spec.values.global.network);
    }
  });
});

describe("crossNetworkGateway", () => {
  it("exposes *.local on 15443 with AUTO_PASSTHROUGH, selecting the east-west gateway", () => {
    expect(crossNetworkGateway("nifc-gateway")).toEqual({
      apiVersion: "networking.istio.io/v1alpha3",
      kind: "Gateway",
      metadata: { name: "cross-network-gateway", namespace: "nifc-gateway" },
      spec: {
        selector: { istio: "eastwestgateway" },
        servers: [{ port: { number: 15443, name: "tls", protocol: "TLS" }, tls: { mode: "AUTO_PASSTHROUGH" }, hosts: ["*.local"] }],
      },
    });
  });
});

describe("eastWestGatewayObjects", () => {
  it("renders the east-west gateway from the same IstioOperator", () => {
    const operator = eastWestOperator({ revision: "r1", network: "west-net", namespace: "istio-gateways", exposure: { kind: "address", address: "10.0.0.9" } });
    const objects = eastWestGatewayObjects(operator);
    expect(objects.service.spec.ports.map((p) => p.port)).toEqual([15021, 15443]);
    expect(objects.service.spec.loadBalancerIP).toBe("10.0.0.9");
    expect(objects.deployment.spec.template.metadata.labels).toMatchObject({ "topology.istio.io/network": "west-net", "istio.io/rev": "r1" });
    expect(objects.deployment.spec.template.spec.containers[0].env).toContainEqual({ name: "ISTIO_META_REQUESTED_NETWORK_VIEW", value: "west-net" });
  });
});
