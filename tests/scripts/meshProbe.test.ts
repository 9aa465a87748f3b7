/**
 * probe.sh against kubectl / istioctl stand-ins: both versions must answer from every cluster,
 * and each sidecar must reach the other cluster through its east-west gateway on 15443.
 */
import { ClusterState, FakeMesh, podsNamed } from "../fakes/mesh/fakeMesh";

const REVISION = "asm-1290-1";
const RELEASE = "1.29.0-asm.1";
const GATEWAYS = { anthos: "172.16.232.122", gke: "10.128.0.23" };
const hello = (v: string) => `Hello version: ${v}, instance: helloworld-${v}-abc`;

/** A cluster running REVISION with sleep and helloworld `version` at `ip` in namespace sample (as the real tools leave it). */
function seed(m: FakeMesh, name: string, own: { version: string; ip: string }, over: Partial<ClusterState>) {
  m.addCluster(name, { namespaces: { "istio-system": {}, sample: { "istio.io/rev": REVISION } }, ...over });
  m.admin(name, "install", { revision: REVISION, release: RELEASE });
  m.admin(name, "workload", { namespace: "sample", name: "sleep", labels: { app: "sleep" } });
  m.admin(name, "workload", { namespace: "sample", name: `helloworld-${own.version}`, labels: { app: "helloworld", version: own.version }, ips: [own.ip] });
}

/** anthos runs helloworld v1 (192.168.1.5), gke runs v2 (10.132.0.7). */
function mesh(anthos: Partial<ClusterState>, gke: Partial<ClusterState>) {
  const m = new FakeMesh();
  seed(m, "anthos", { version: "v1", ip: "192.168.1.5" }, anthos);
  seed(m, "gke", { version: "v2", ip: "10.132.0.7" }, gke);
  m.publishRelease(RELEASE);
  return m;
}

/** The sleep pod's name in a cluster: the probe reads the sidecar's endpoints there. */
const sleepPod = (m: FakeMesh, cluster: string) => podsNamed(m.cluster(cluster), "sample", "sleep-")[0].metadata.name;

const healthy = {
  anthos: {
    curl: [hello("v1"), hello("v2")],
    endpoints: [
      ["192.168.1.5", 5000],
      [GATEWAYS.gke, 15443],
    ] as [string, number][],
  },
  gke: {
    curl: [hello("v2"), hello("v1")],
    endpoints: [
      ["10.132.0.7", 5000],
      [GATEWAYS.anthos, 15443],
    ] as [string, number][],
  },
};

function probe(m: FakeMesh, extra: Record<string, string> = {}) {
  return m.run("probe", "create", {
    PROBE_KUBECONFIGS: JSON.stringify({ anthos: m.kubeconfig("anthos"), gke: m.kubeconfig("gke") }),
    PROBE_GATEWAYS: JSON.stringify(GATEWAYS),
    MESH_REVISION: REVISION,
    PROBE_NAMESPACE: "sample",
    PROBE_REQUESTS: "2",
    ...extra,
  });
}

it("passes when both versions answer everywhere and remote endpoints are the gateways", () => {
  const m = mesh(healthy.anthos, healthy.gke);
  const result = probe(m);
  expect(result.status).toBe(0);
  expect(result.json).toEqual({
    answers: { anthos: { v1: 1, v2: 1 }, gke: { v1: 1, v2: 1 } },
    allVersionsEverywhere: true,
    remoteViaGateway: true,
    endpoints: {
      anthos: { viaGateway: [`${GATEWAYS.gke}:15443`], missingGateways: [], remotePodIps: [] },
      gke: { viaGateway: [`${GATEWAYS.anthos}:15443`], missingGateways: [], remotePodIps: [] },
    },
  });
  const endpointCalls = m.calls().filter((c) => c.tool === "istioctl");
  expect(endpointCalls.map((c) => c.argv.slice(0, 5))).toEqual([
    ["proxy-config", "endpoints", `${sleepPod(m, "anthos")}.sample`, "--cluster", "outbound|5000||helloworld.sample.svc.cluster.local"],
    ["proxy-config", "endpoints", `${sleepPod(m, "gke")}.sample`, "--cluster", "outbound|5000||helloworld.sample.svc.cluster.local"],
  ]);
  expect(endpointCalls.map((c) => c.cluster)).toEqual(["anthos", "gke"]);
});

it("fails when a cluster is answered only by its own version, naming it", () => {
  const m = mesh({ ...healthy.anthos, curl: [hello("v1")] }, healthy.gke);
  const result = probe(m);
  expect(result.status).not.toBe(0);
  expect(result.json.allVersionsEverywhere).toBe(false);
  expect(result.json.remoteViaGateway).toBe(true);
  expect(result.stderr).toContain("cluster anthos got no answer from helloworld v2");
  expect(result.stderr).toContain("istioctl remote-clusters");
});

it("fails when a sidecar routes to the other cluster's pod IPs instead of its gateway", () => {
  const m = mesh(
    {
      ...healthy.anthos,
      endpoints: [
        ["192.168.1.5", 5000],
        ["10.132.0.7", 5000],
      ],
    },
    healthy.gke,
  );
  const result = probe(m);
  expect(result.status).not.toBe(0);
  expect(result.json.allVersionsEverywhere).toBe(true);
  expect(result.json.remoteViaGateway).toBe(false);
  expect(result.json.endpoints.anthos).toEqual({ viaGateway: [], missingGateways: [`${GATEWAYS.gke}:15443`], remotePodIps: ["10.132.0.7:5000"] });
  expect(result.stderr).toContain("routes helloworld to pod IPs 10.132.0.7:5000");
  expect(result.stderr).toContain("topology.istio.io/network");
});

it("fails when no call gets through", () => {
  const m = mesh({ ...healthy.anthos, curl: [] }, healthy.gke);
  const result = probe(m);
  expect(result.status).not.toBe(0);
  expect(result.json.answers.anthos).toEqual({ v1: 0, v2: 0 });
});

it("needs every cluster's gateway address before it calls anything", () => {
  const m = mesh(healthy.anthos, healthy.gke);
  const result = probe(m, { PROBE_GATEWAYS: JSON.stringify({ gke: GATEWAYS.gke }) });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain("PROBE_GATEWAYS has no east-west gateway address for cluster anthos");
  expect(m.calls()).toEqual([]);
});
