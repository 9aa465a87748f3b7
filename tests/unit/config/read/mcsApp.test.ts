/** The multi-cluster-services app: seed 001's defaults, DNS labels, ports and image references. */
import { readMcsApp } from "../../../../config/read/mcsApp";
import { Problems, Reader } from "../../../../config/problems";
import { stackProblems } from "../../../helpers/stackConfig";

const IMAGES = { providerImage: "bwbw723/ack_one_demo_provider:1.0", consumerImage: "bwbw723/ack_one_demo_consumer:1.0" };
const read = (app?: Record<string, unknown>) => {
  const problems = new Problems();
  const spec = readMcsApp(new Reader(problems, "ackOne", app === undefined ? {} : { app }));
  return { spec, problems: problems.list };
};

it("fills seed 001's names and ports around the two images", () => {
  expect(read(IMAGES)).toEqual({
    spec: {
      namespace: "provider-ns",
      serviceName: "service1",
      deploymentName: "web-demo",
      consumerName: "demo-consumer",
      port: 80,
      targetPort: 8080,
      providerImage: IMAGES.providerImage,
      providerEnvName: "cluster1-jp-for-gke",
      consumerImage: IMAGES.consumerImage,
      publishVersion: "version1",
    },
    problems: [],
  });
});

it("requires both images, under the app's key, when the app section is absent", () => {
  expect(read().problems).toEqual([
    expect.stringMatching(/ackOne\.app\.providerImage = \(not set\): is required\. Fix: use an image reference/),
    expect.stringMatching(/ackOne\.app\.consumerImage = \(not set\): is required/),
  ]);
});

it.each([
  ["a namespace with capitals", { namespace: "Provider_NS" }, /ackOne\.app\.namespace = "Provider_NS": does not match .*Fix: use a DNS-1123 label/],
  ["a port above 65535", { port: 70000 }, /ackOne\.app\.port = 70000: must be a whole number from 1 to 65535/],
  ["a target port of 0", { targetPort: 0 }, /ackOne\.app\.targetPort = 0: must be a whole number from 1 to 65535/],
  ["an image with a space", { providerImage: "Bad Image" }, /ackOne\.app\.providerImage = "Bad Image".*Fix: use an image reference such as/],
  ["a publish version with a dot", { publishVersion: "v1.0" }, /ackOne\.app\.publishVersion = "v1\.0".*Fix: use a DNS-1123 label such as version1/],
])("rejects %s", (_what, change, expected) => {
  expect(read({ ...IMAGES, ...change }).problems).toEqual([expect.stringMatching(expected)]);
});

it("accepts registry hosts, digests and tags", () => {
  expect(read({ providerImage: "registry.example:5000/team/web-demo:0.4.0", consumerImage: "bwbw723/consumer@sha256:abc123" }).problems).toEqual([]);
});

it("rejects a bad consumer image in the local stack, naming the key", () => {
  expect(stackProblems("local", (v) => (v.multiClusterServices.app.consumerImage = "Bad Image")).join("\n")).toMatch(
    /multiClusterServices\.app\.consumerImage = "Bad Image"/,
  );
});
