import { McsAppSpec } from "../../config/types";

/** A multi-cluster app with placeholder images, for renderer tests that need no stack file. */
export const SAMPLE_MCS_APP: McsAppSpec = {
  namespace: "provider-ns",
  serviceName: "service1",
  deploymentName: "web-demo",
  port: 80,
  targetPort: 8080,
  providerImage: "registry.example/web-demo:0.4.0",
  providerEnvName: "cluster1",
  consumerImage: "registry.example/consumer:1.0",
  consumerName: "demo-consumer",
  publishVersion: "version1",
};
