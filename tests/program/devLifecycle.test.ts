/**
 * The `dev` program's lifecycle guarantees under mocks: the read-only preflight of the bare-metal
 * cluster runs before anything is built (the VPN included), the exact release and the stack's
 * owner mark reach asmcli, the fleet's mesh feature is the stack's, GKE is pinned inside the
 * release's range, remote secrets carry istiod's cluster ids, and adopted namespaces are patched,
 * never created.
 */
import { isolatedRun } from "../helpers/isolatedRun";
import { Registration, plain } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";

let run: ProgramRun;
let adopting: ProgramRun;

beforeAll(async () => {
  run = await isolatedRun("dev");
  adopting = await isolatedRun("dev", (v) => (v.clusters[1].existing.adoptNamespaces = ["istio-system", "sample"]));
}, 120000);

const GKE_ID = "cn-example-mesh-project-us-central1-c-nifc-anthosgke-cls";
const METAL_ID = "cn-example-mesh-project-global-nifc-anthosbm-cls";

/** Every URN a registration waits for, directly or through its dependencies and providers. */
function waitsFor(registrations: readonly Registration[]) {
  const byUrn = new Map(registrations.map((r) => [r.urn, r]));
  const direct = (r: Registration) => [...(r.dependencies ?? []), ...(r.provider ? [r.provider.slice(0, r.provider.lastIndexOf("::"))] : [])];
  return (r: Registration): Set<string> => {
    const seen = new Set<string>();
    const stack = direct(r);
    while (stack.length) {
      const urn = stack.pop()!;
      if (seen.has(urn)) continue;
      seen.add(urn);
      const next = byUrn.get(urn);
      if (next) stack.push(...direct(next));
    }
    return seen;
  };
}

describe("the bare-metal preflight", () => {
  it("is one read-only script per existing cluster, fed the release's Kubernetes range, the fleet and the owner", () => {
    const [preflight, ...others] = run.commandFor("mesh/preflight.sh");
    expect(others).toEqual([]);
    expect(run.env(preflight)).toMatchObject({
      PREFLIGHT_CLUSTER: "anthos",
      PREFLIGHT_CONFIG_KEY: "clusters[1]",
      PREFLIGHT_LINE: "1.29",
      PREFLIGHT_KUBERNETES: "1.33 1.35",
      PREFLIGHT_FLEET: "example-mesh-project",
      MESH_REVISION: "asm-1290-1",
      MESH_OWNER: "multicloud-mesh/dev",
      MESH_ADOPT_EXISTING: "false",
    });
  });

  it("is told every object the stack would create on that cluster", () => {
    const objects = JSON.parse(run.env(run.commandFor("mesh/preflight.sh")[0]).PREFLIGHT_OBJECTS);
    const keys = objects.map((o: { resource: string; namespace?: string; name: string }) => `${o.resource}/${o.namespace ?? ""}/${o.name}`);
    expect(keys.sort()).toEqual(
      [
        "namespaces//istio-system",
        "namespaces//nifc-gateway",
        "namespaces//sample",
        "gateways.networking.istio.io/nifc-gateway/cross-network-gateway",
        "secrets/istio-system/istio-reader-service-account-istio-remote-secret-token",
        `secrets/istio-system/istio-remote-secret-${GKE_ID}`,
        "services/sample/helloworld",
        "deployments/sample/helloworld-v1",
        "serviceaccounts/sample/sleep",
        "deployments/sample/sleep",
      ].sort(),
    );
    expect(objects.find((o: { name: string }) => o.name === "istio-system")).toMatchObject({
      adopt: false,
      labels: { "topology.istio.io/network": "nifclan" },
    });
  });

  it("gates every other resource: nothing on GCP, NIFCLOUD or either cluster is created before it passes", () => {
    const preflight = run.registrations.find((r) => r.name === "anthos-preflight-check-run")!;
    expect(preflight).toBeDefined();
    const closure = waitsFor(run.registrations);
    const effects = run.registrations.filter(
      (r) => r !== preflight && !r.type.startsWith("multicloud-mesh:") && !r.type.startsWith("pulumi:") && !r.type.startsWith("random:"),
    );
    expect(effects.length).toBeGreaterThan(40);
    expect(effects.filter((r) => !closure(r).has(preflight.urn)).map((r) => `${r.type}::${r.name}`)).toEqual([]);
  });

  it("runs before the NIFCLOUD VPN gateway and the GCP tunnel in particular", () => {
    const closure = waitsFor(run.registrations);
    const preflight = run.registrations.find((r) => r.name === "anthos-preflight-check-run")!.urn;
    for (const name of ["nifc-anthos-peer-gateway-run", "nifc-anthos-gcp-tunnel", "nifc-anthos-peer-firewall-run"])
      expect(closure(run.registrations.find((r) => r.name === name)!).has(preflight)).toBe(true);
  });
});

describe("asmcli", () => {
  it("gets the exact release to download, the stack's owner mark and whether to adopt a same-named revision", () => {
    const installs = run.commandFor("mesh/asm-install.sh").map(run.env);
    expect(installs).toHaveLength(2);
    installs.forEach((e) => expect(e).toMatchObject({ ASM_RELEASE: "1.29.0-asm.1+config1", MESH_OWNER: "multicloud-mesh/dev", MESH_ADOPT_EXISTING: "false" }));
    installs.forEach((e) => expect(e).not.toHaveProperty("ASMCLI_VERSION"));
  });

  it("runs only once the fleet's servicemesh feature is the stack's", () => {
    const feature = run.one("gcp:gkehub/feature:Feature", "mesh-fleet-feature");
    expect(feature.inputs).toMatchObject({ name: "servicemesh", location: "global", project: "example-mesh-project" });
    for (const cluster of ["gke", "anthos"]) {
      const install = run.registrations.find((r) => r.name === `${cluster}-asm-asmcli-run`)!;
      expect(waitsFor(run.registrations)(install).has(run.registrations.find((r) => r.name === "mesh-fleet-feature")!.urn)).toBe(true);
    }
  });
});

describe("the GKE cluster", () => {
  it("is pinned to a GKE version the release supports instead of floating with its channel", () => {
    expect(plain(run.one("gcp:container/cluster:Cluster", "gke-cluster").inputs)).toMatchObject({
      minMasterVersion: "1.35",
      releaseChannel: { channel: "REGULAR" },
    });
  });
});

describe("the bare-metal servers' prerequisites", () => {
  it("check the ports the mesh needs, not only the routes: the GKE API server istiod reads, on its private endpoint", () => {
    expect(run.env(run.commandFor("mesh/baremetal-prereqs.sh")[0]).PREREQ_TARGETS).toBe("10.128.0.2:443");
  });
});

describe("remote secrets", () => {
  it("are named after the cluster id istiod of the source cluster runs with, on each side", () => {
    const secrets = run.ofType("kubernetes:core/v1:Secret").filter((r) => plain(r.inputs.metadata)?.labels?.["istio/multiCluster"] === "true");
    const byName = Object.fromEntries(secrets.map((s) => [s.name, plain(s.inputs.metadata)]));
    // resource names (URNs) stay; the objects take the ids
    expect(byName["remote-secrets-gke-in-anthos"]).toMatchObject({
      name: `istio-remote-secret-${GKE_ID}`,
      annotations: { "networking.istio.io/cluster": GKE_ID },
    });
    expect(byName["remote-secrets-anthos-in-gke"]).toMatchObject({
      name: `istio-remote-secret-${METAL_ID}`,
      annotations: { "networking.istio.io/cluster": METAL_ID },
    });
    const gkeSecret = secrets.find((s) => s.name === "remote-secrets-gke-in-anthos")!;
    expect(Object.keys(plain(gkeSecret.inputs.stringData))).toEqual([GKE_ID]);
  });
});

describe("adopted namespaces on the bare-metal cluster", () => {
  it("are patched with the stack's labels, never created (so destroy never deletes them)", () => {
    const patches = adopting.ofType("kubernetes:core/v1:NamespacePatch").map((r) => [r.name, plain(r.inputs.metadata)]);
    expect(patches).toEqual([
      ["anthos-mesh-ns-istio-system", { name: "istio-system", labels: { "topology.istio.io/network": "nifclan" } }],
      ["anthos-mesh-ns-sample", { name: "sample", labels: { "istio.io/rev": "asm-1290-1" } }],
    ]);
    const created = adopting.ofType("kubernetes:core/v1:Namespace").map((r) => r.name);
    expect(created.sort()).toEqual(["anthos-mesh-ns-nifc-gateway", "gke-mesh-ns-istio-system", "gke-mesh-ns-nifc-gateway", "gke-mesh-ns-sample"]);
    const objects = JSON.parse(adopting.env(adopting.commandFor("mesh/preflight.sh")[0]).PREFLIGHT_OBJECTS);
    expect(objects.filter((o: { adopt?: boolean }) => o.adopt).map((o: { name: string }) => o.name)).toEqual(["istio-system", "sample"]);
  });
});
