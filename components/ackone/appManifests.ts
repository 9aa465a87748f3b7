/** The multi-cluster-services app's objects: its Deployment and Service (exported), the ServiceExport / ServiceImport pair, the consumer. */
import { McsAppSpec } from "../../config/types";
import { MCS_API, appLabels } from "./distribution";

/** The app the exporting cluster runs. */
export function appDeployment(app: McsAppSpec) {
  const labels = appLabels(app);
  return {
    metadata: { name: app.deploymentName, namespace: app.namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: app.deploymentName,
              image: app.providerImage,
              ports: [{ containerPort: app.targetPort }],
              env: [{ name: "ENV_NAME", value: app.providerEnvName }],
            },
          ],
        },
      },
    },
  };
}

/** The app's Service: the one exported. */
export function appService(app: McsAppSpec) {
  return {
    metadata: { name: app.serviceName, namespace: app.namespace },
    spec: {
      type: "ClusterIP",
      sessionAffinity: "None",
      selector: appLabels(app),
      ports: [{ port: app.port, protocol: "TCP", targetPort: app.targetPort }],
    },
  };
}

/** Names must equal the exported Service's name and namespace. */
export function serviceExport(app: McsAppSpec) {
  return { apiVersion: MCS_API, kind: "ServiceExport", metadata: { name: app.serviceName, namespace: app.namespace } };
}

/** Ports must equal the exported Service's. */
export function serviceImport(app: McsAppSpec) {
  return {
    apiVersion: MCS_API,
    kind: "ServiceImport",
    metadata: { name: app.serviceName, namespace: app.namespace },
    spec: { type: "ClusterSetIP", ports: [{ port: app.port, protocol: "TCP" }] },
  };
}

export function consumerDeployment(app: McsAppSpec) {
  // Labels of its own: the fleet's copy of the Service in the importing cluster keeps the app's
  // selector, so pods carrying the app's labels would answer in the app's place.
  const labels = { app: app.consumerName, department: appLabels(app).department };
  return {
    metadata: { name: app.consumerName, namespace: app.namespace, labels },
    spec: {
      selector: { matchLabels: labels },
      strategy: { type: "Recreate" },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: app.consumerName, image: app.consumerImage, ports: [{ containerPort: 8080, name: "demo-consumer" }] }],
        },
      },
    },
  };
}

/** What the consumer calls: the Service the ServiceImport creates in the importing cluster. */
export function importedServiceUrl(app: McsAppSpec): string {
  return `http://amcs-${app.serviceName}.${app.namespace}.svc.cluster.local${app.port === 80 ? "" : `:${app.port}`}`;
}
