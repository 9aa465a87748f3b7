/** Istio's helloworld and sleep samples as typed objects (samples/helloworld, samples/sleep). Pure. */
import type * as k8s from "@pulumi/kubernetes";

export const HELLOWORLD_PORT = 5000;
export const HELLOWORLD_IMAGE = (version: string) => `docker.io/istio/examples-helloworld-${version}:1.0`;
export const SLEEP_IMAGE = "curlimages/curl:8.4.0";

export function helloworldService(namespace: string) {
  return {
    metadata: { name: "helloworld", namespace, labels: { app: "helloworld", service: "helloworld" } },
    spec: { ports: [{ port: HELLOWORLD_PORT, name: "http" }], selector: { app: "helloworld" } },
  };
}

/** A one-replica Deployment whose pods carry `labels`. */
function deployment(namespace: string, name: string, labels: Record<string, string>, podSpec: k8s.types.input.core.v1.PodSpec) {
  return {
    metadata: { name, namespace, labels },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
  };
}

export function helloworldDeployment(namespace: string, version: "v1" | "v2") {
  return deployment(
    namespace,
    `helloworld-${version}`,
    { app: "helloworld", version },
    {
      containers: [
        {
          name: "helloworld",
          image: HELLOWORLD_IMAGE(version),
          resources: { requests: { cpu: "100m" } },
          ports: [{ containerPort: HELLOWORLD_PORT }],
        },
      ],
    },
  );
}

export function sleepDeployment(namespace: string) {
  return deployment(
    namespace,
    "sleep",
    { app: "sleep" },
    {
      terminationGracePeriodSeconds: 0,
      serviceAccountName: "sleep",
      containers: [{ name: "sleep", image: SLEEP_IMAGE, command: ["/bin/sleep", "infinity"] }],
    },
  );
}
