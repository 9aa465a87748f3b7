import { appService, consumerDeployment, importedServiceUrl, serviceImport } from "../../../../components/ackone/appManifests";
import { ACK_SECRETS, rawConfig, validatedAs } from "../../../helpers/stackConfig";

// Seed 001's app, as the committed ack-dev stack declares it.
const app = validatedAs("alibaba-gke", rawConfig("ack-dev", ACK_SECRETS)).ackOne.app;

describe("the app objects", () => {
  it("imports the Service with its own ports and calls it by its amcs- name", () => {
    expect(serviceImport(app).spec).toEqual({ type: "ClusterSetIP", ports: [{ port: 80, protocol: "TCP" }] });
    expect(importedServiceUrl(app)).toBe("http://amcs-service1.provider-ns.svc.cluster.local");
    expect(importedServiceUrl({ ...app, port: 8080 })).toBe("http://amcs-service1.provider-ns.svc.cluster.local:8080");
  });
  it("keeps the consumer's pods out of the Service it calls (a copy of the Service in the consumer cluster keeps the selector)", () => {
    const selector = appService(app).spec.selector;
    const podLabels = consumerDeployment(app).spec.template.metadata.labels as Record<string, string>;
    expect(Object.entries(selector).every(([k, v]) => podLabels[k] === v)).toBe(false);
  });
  it("runs the consumer with the seed's image and Recreate strategy", () => {
    expect(consumerDeployment(app).spec).toMatchObject({
      strategy: { type: "Recreate" },
      template: { spec: { containers: [{ image: "bwbw723/ack_one_demo_consumer:1.0" }] } },
    });
  });
});
