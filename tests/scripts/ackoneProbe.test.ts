/**
 * The multi-cluster-services probe waits for what the fleet does asynchronously (the Service it
 * creates in GKE, the provider endpoints it syncs there) before it calls, retries calls until one
 * is answered, and, when it gives up, names the stage that never came.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const GKE_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: gke\n  cluster:\n    server: https://35.192.0.10\n";
const ENV = {
  KUBECONFIG_DATA: GKE_KUBECONFIG,
  PROBE_NAMESPACE: "provider-ns",
  PROBE_DEPLOYMENT: "demo-consumer",
  PROBE_URL: "http://service1.provider-ns.svc.cluster.local",
  PROBE_REQUESTS: "3",
  FAKE_KUBECTL_EXEC_REPLY: "order 42 from cluster1-jp-for-gke",
};

const service = (name = "service1") => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "provider-ns" }, spec: { ports: [{ port: 80 }] } });
const endpointSlice = (ready: boolean, service = "service1") => ({
  apiVersion: "discovery.k8s.io/v1",
  kind: "EndpointSlice",
  metadata: { name: `${service}-fleet`, namespace: "provider-ns", labels: { "kubernetes.io/service-name": service } },
  addressType: "IPv4",
  endpoints: [{ addresses: ["10.8.0.12"], conditions: { ready } }],
});

describe("multi-cluster-services probe", () => {
  it("waits for service1 and its ready endpoints, then calls until the calls are answered", () => {
    const cloud = new FakeAliyun();
    cloud.arrives(service(), 2);
    cloud.arrives(endpointSlice(true), 4);
    cloud.execFailures(2);
    const result = cloud.run("ackone/mcs-probe", "create", ENV);
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ url: ENV.PROBE_URL, answered: 3, requests: 3, sample: "order 42 from cluster1-jp-for-gke" });
    const calls = cloud.kubectlCalls();
    const firstExec = calls.findIndex((c) => c.argv.includes("exec"));
    const sliceRead = calls.findIndex((c) => c.argv.includes("endpointslices"));
    expect(sliceRead).toBeGreaterThan(-1);
    expect(firstExec).toBeGreaterThan(sliceRead);
    const execs = calls.filter((c) => c.argv.includes("exec"));
    expect(execs).toHaveLength(2 + 3);
    expect(execs[0].argv).toEqual(expect.arrayContaining(["-n", "provider-ns", "deploy/demo-consumer", "curl", ENV.PROBE_URL]));
    expect(execs[0].kubeconfig.trim()).toBe(GKE_KUBECONFIG.trim());
  });

  it("reads the Service's name from the URL, also for an imported amcs- Service", () => {
    const cloud = new FakeAliyun();
    cloud.arrives(service("amcs-service1"), 1);
    cloud.arrives(endpointSlice(true, "amcs-service1"), 1);
    const result = cloud.run("ackone/mcs-probe", "create", { ...ENV, PROBE_URL: "http://amcs-service1.provider-ns.svc.cluster.local:8080" });
    expect(result.status).toBe(0);
    expect(result.json.answered).toBe(3);
  });

  it("names the Service the fleet never created", () => {
    const cloud = new FakeAliyun();
    const result = cloud.run("ackone/mcs-probe", "create", { ...ENV, PROBE_TIMEOUT: "1" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Service service1 never appeared in provider-ns");
    expect(cloud.kubectlCalls().some((c) => c.argv.includes("exec"))).toBe(false);
  });

  it("names the endpoints that never became ready", () => {
    const cloud = new FakeAliyun();
    cloud.arrives(service(), 1);
    cloud.arrives(endpointSlice(false), 1);
    const result = cloud.run("ackone/mcs-probe", "create", { ...ENV, PROBE_TIMEOUT: "1" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Service service1 in provider-ns has no ready endpoints");
  });

  it("names the calls that were never answered", () => {
    const cloud = new FakeAliyun();
    cloud.arrives(service(), 1);
    cloud.arrives(endpointSlice(true), 1);
    const result = cloud.run("ackone/mcs-probe", "create", {
      ...ENV,
      PROBE_TIMEOUT: "1",
      FAKE_KUBECTL_EXEC_REPLY: "could not resolve host",
      FAKE_KUBECTL_EXEC_STATUS: "6",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("no answer from http://service1.provider-ns.svc.cluster.local");
  });
});
