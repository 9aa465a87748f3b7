/** Reads the multi-cluster-services app, shared by alibaba-gke (ACK One) and local. */
import { DNS_LABEL } from "../../lib/naming";
import { Reader } from "../problems";
import { McsAppSpec } from "../types";

const IMAGE = /^[a-z0-9]+([._/:@-][A-Za-z0-9]+)*$/;

/** The multi-cluster-services app, from `<parent>.app`: every name and port has a default, the two images do not. */
export function readMcsApp(parent: Reader): McsAppSpec {
  const app = parent.optionalChild("app") ?? new Reader(parent.problems, parent.key("app"), {});
  const label = (key: string, fallback: string) => app.string(key, { pattern: DNS_LABEL, default: fallback, fix: "use a DNS-1123 label" });
  return {
    namespace: label("namespace", "provider-ns"),
    serviceName: label("serviceName", "service1"),
    deploymentName: label("deploymentName", "web-demo"),
    consumerName: label("consumerName", "demo-consumer"),
    port: app.integer("port", { min: 1, max: 65535, default: 80 }),
    targetPort: app.integer("targetPort", { min: 1, max: 65535, default: 8080 }),
    providerImage: app.string("providerImage", { pattern: IMAGE, fix: "use an image reference such as bwbw723/ack_one_demo_provider:1.0" }),
    providerEnvName: app.string("providerEnvName", {
      pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
      default: "cluster1-jp-for-gke",
      why: "may hold only letters, digits, dots, underscores and hyphens (1-63), as it becomes an environment value the probe compares",
      fix: "use a name such as cluster1-jp-for-gke",
    }),
    consumerImage: app.string("consumerImage", { pattern: IMAGE, fix: "use an image reference such as bwbw723/ack_one_demo_consumer:1.0" }),
    publishVersion: app.string("publishVersion", { pattern: DNS_LABEL, default: "version1", fix: "use a DNS-1123 label such as version1" }),
  };
}
