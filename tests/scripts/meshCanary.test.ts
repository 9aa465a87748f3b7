/**
 * A revision change as Istio's revision-based canary, on clusters shaped as Istio 1.29 leaves them
 * (tests/fakes/mesh/istio_model.py): injected workload pods name their revision in annotations only, a
 * pod's proxy comes from the revision its namespace selects when the pod is created, and namespaces may
 * already have been relabelled before the canary runs. The new revision is installed beside the old,
 * the gateway and the workloads move to it, and the old control plane is removed only when nothing uses
 * it, with the istioctl of its own release.
 */
import * as path from "path";
import { eastWestOperator } from "../../components/mesh/eastWestOperator";
import { ClusterState, FakeMesh, podsNamed, proxyRevision } from "../fakes/mesh/fakeMesh";

const OLD = { revision: "asm-1290-1", release: "1.29.0-asm.1" };
const NEW = { revision: "asm-1300-2", release: "1.30.0-asm.2" };
const GATEWAY_NS = "nifc-gateway";
const STACK = ["sample", GATEWAY_NS];
const OWNER = "multicloud-mesh/dev";
/** Another team's revision on the same cluster (installed with asmcli, unmarked) and another stack's. */
const TEAM_B = { revision: "asm-1295-2", release: "1.29.5-asm.2" };
const PROD = { revision: "asm-1296-1", release: "1.29.6-asm.1" };

/** The owner mark asm-install.sh puts on istiod (scripts/mesh/lib.sh mark_revision). */
function mark(mesh: FakeMesh, revision: string, owner: string | undefined) {
  mesh.update("anthos", (c) => (c.deployments[`istio-system/istiod-${revision}`].annotations = owner ? { "multicloud-mesh/owner": owner } : {}));
}

function operator(revision: string) {
  return eastWestOperator({ revision, network: "nifclan", namespace: GATEWAY_NS, exposure: { kind: "address", address: "172.16.232.122" } });
}

/** A cluster running OLD as this stack installed it (its mark on istiod): the sample namespace with helloworld and sleep, the east-west gateway. */
function runningOld(mesh: FakeMesh) {
  mesh.addCluster("anthos", {
    namespaces: {
      "istio-system": { "topology.istio.io/network": "nifclan" },
      sample: { "istio.io/rev": OLD.revision },
      [GATEWAY_NS]: { "istio.io/rev": OLD.revision },
    },
    gateway_ip: "172.16.232.122",
  });
  mesh.admin("anthos", "install", { ...OLD, network: "nifclan" });
  mark(mesh, OLD.revision, OWNER);
  mesh.admin("anthos", "workload", { namespace: "sample", name: "helloworld-v1", labels: { app: "helloworld", version: "v1" } });
  mesh.admin("anthos", "workload", { namespace: "sample", name: "sleep", labels: { app: "sleep" } });
  mesh.admin("anthos", "gateway", { operator: operator(OLD.revision), release: OLD.release });
  mesh.publishRelease(OLD.release);
  mesh.publishRelease(NEW.release);
}

const installNew = (mesh: FakeMesh, extra: Record<string, string> = {}) =>
  mesh.run("asm-install", "create", {
    KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
    ASM_PLATFORM: "multicloud",
    MESH_REVISION: NEW.revision,
    ASM_FLEET_ID: "example-mesh-project",
    ASM_CA: "mesh_ca",
    ASM_RELEASE: `${NEW.release}+config1`,
    ASM_NETWORK_ID: "nifclan",
    MESH_OWNER: OWNER,
    FAKE_ASM_VERSION: `${NEW.release}+config1`,
    ...extra,
  });

const moveGateway = (mesh: FakeMesh) =>
  mesh.run("eastwest-gateway", "create", {
    KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
    ISTIO_OPERATOR: JSON.stringify(operator(NEW.revision)),
    GATEWAY_NAMESPACE: GATEWAY_NS,
  });

const canaryEnv = (mesh: FakeMesh, extra: Record<string, string> = {}) => ({
  KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
  MESH_REVISION: NEW.revision,
  MESH_NAMESPACES: STACK.join(" "),
  MESH_OWNER: OWNER,
  ...extra,
});

/** "<namespace>/<pod> <revision>" of every pod whose proxy's control plane is gone or going. */
function detachedProxies(state: ClusterState): string[] {
  return Object.entries(state.pods)
    .filter(([, pod]) => proxyRevision(pod) !== undefined)
    .filter(([, pod]) => {
      const istiod = state.deployments[`istio-system/istiod-${proxyRevision(pod)}`];
      return istiod === undefined || istiod.deleting_in !== undefined;
    })
    .map(([key, pod]) => `${key} ${proxyRevision(pod)}`);
}

/** The proxy revision of every pod in the stack's namespaces. */
function stackProxies(state: ClusterState): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(state.pods)
      .filter(([key]) => STACK.includes(key.split("/")[0]))
      .map(([key, pod]) => [key.replace(/-[a-f0-9]{10}-[a-f0-9]{5}$/, ""), proxyRevision(pod)]),
  );
}

const everyWorkloadOn = (revision: string) => ({
  "sample/helloworld-v1": revision,
  "sample/sleep": revision,
  [`${GATEWAY_NS}/istio-eastwestgateway`]: revision,
});

describe("the fake is shaped as Istio 1.29", () => {
  const mesh = new FakeMesh();
  runningOld(mesh);
  const state = mesh.cluster("anthos");

  it("injects workload pods with the revision in annotations, never in a label", () => {
    const [pod] = podsNamed(state, "sample", "helloworld-v1-");
    expect(pod.metadata.labels["istio.io/rev"]).toBeUndefined();
    expect(pod.metadata.annotations["istio.io/rev"]).toBe(OLD.revision);
    expect(JSON.parse(pod.metadata.annotations["sidecar.istio.io/status"])).toMatchObject({ containers: ["istio-proxy"], revision: OLD.revision });
    expect(pod.metadata.labels["service.istio.io/canonical-name"]).toBe("helloworld");
    expect(pod.spec.containers.map((c) => c.name)).toEqual(["helloworld-v1", "istio-proxy"]);
  });

  it("labels gateway pods with their revision, as the gateway chart does", () => {
    const [pod] = podsNamed(state, GATEWAY_NS, "istio-eastwestgateway-");
    expect(pod.metadata.labels["istio.io/rev"]).toBe(OLD.revision);
    expect(proxyRevision(pod)).toBe(OLD.revision);
  });
});

describe("revision change, step by step", () => {
  const mesh = new FakeMesh();
  runningOld(mesh);

  it("installs the new revision beside the running one", () => {
    const result = installNew(mesh);
    expect(result.status).toBe(0);
    const deployments = mesh.cluster("anthos").deployments;
    expect(deployments[`istio-system/istiod-${OLD.revision}`].deleting_in).toBeUndefined();
    expect(deployments[`istio-system/istiod-${NEW.revision}`]).toBeDefined();
    expect(mesh.commands("istioctl").filter((c) => c.startsWith("uninstall"))).toEqual([]);
  });

  it("moves the east-west gateway to the new revision with the new release's istioctl; its namespace still injects the old proxy", () => {
    const result = moveGateway(mesh);
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ service: "istio-eastwestgateway", address: "172.16.232.122", revision: NEW.revision });
    const install = mesh.calls().find((c) => c.tool === "istioctl" && c.argv[0] === "install")!;
    expect(install.path).toBe(path.join(mesh.cache, NEW.release, "istioctl"));
    const [pod] = podsNamed(mesh.cluster("anthos"), GATEWAY_NS, "istio-eastwestgateway-");
    expect(pod.metadata.labels["istio.io/rev"]).toBe(NEW.revision);
    expect(proxyRevision(pod)).toBe(OLD.revision);
  });

  it("moves the labels and every workload, then removes the old revision with its own istioctl", () => {
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.stderr).not.toContain("ERROR");
    expect(result.status).toBe(0);
    const state = mesh.cluster("anthos");
    expect(detachedProxies(state)).toEqual([]);
    expect(stackProxies(state)).toEqual(everyWorkloadOn(NEW.revision));
    expect(result.json).toEqual({
      revision: NEW.revision,
      moved: STACK,
      restarted: ["sample/deployment/helloworld-v1", "sample/deployment/sleep", `${GATEWAY_NS}/deployment/istio-eastwestgateway`],
      removed: [OLD.revision],
      kept: [],
    });
    const calls = mesh.calls().map((c) => c.argv.join(" "));
    const at = (prefix: string) => calls.findIndex((c) => c.startsWith(prefix));
    const uninstall = at(`uninstall -y --revision ${OLD.revision}`);
    expect(uninstall).toBeGreaterThan(at(`label namespace sample istio.io/rev=${NEW.revision}`));
    expect(uninstall).toBeGreaterThan(at("-n sample rollout restart deployment/helloworld-v1"));
    expect(uninstall).toBeGreaterThan(at(`uninstall --revision ${OLD.revision} --dry-run`));
    expect(mesh.calls()[uninstall].path).toBe(path.join(mesh.cache, OLD.release, "istioctl"));
    expect(state.deployments[`istio-system/istiod-${OLD.revision}`]).toBeUndefined();
    expect(state.webhooks[`istio-sidecar-injector-${OLD.revision}`]).toBeUndefined();
    // the base (CRDs) is never uninstalled with a revision
    expect(state.objects["CustomResourceDefinition//gateways.networking.istio.io"]).toBeDefined();
  });

  it("has nothing to do on a re-run", () => {
    const again = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(again.status).toBe(0);
    expect(again.json).toEqual({ revision: NEW.revision, moved: [], restarted: [], removed: [], kept: [] });
  });
});

describe("the canary on the cluster Istio leaves (the cases that took the mesh down)", () => {
  /** OLD and NEW installed, the gateway moved, and the stack's namespaces already labelled NEW by Pulumi. */
  function relabelledByPulumi() {
    const mesh = new FakeMesh();
    runningOld(mesh);
    expect(installNew(mesh).status).toBe(0);
    mesh.update("anthos", (c) => STACK.forEach((ns) => (c.namespaces[ns]["istio.io/rev"] = NEW.revision)));
    expect(moveGateway(mesh).status).toBe(0);
    return mesh;
  }

  it("restarts the workloads whose pods run the old proxy although no label moves, and removes the old revision only then", () => {
    const mesh = relabelledByPulumi();
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.status).toBe(0);
    const state = mesh.cluster("anthos");
    expect(detachedProxies(state)).toEqual([]);
    expect(stackProxies(state)).toEqual(everyWorkloadOn(NEW.revision));
    expect(result.json.moved).toEqual([]);
    expect(result.json.restarted).toEqual(["sample/deployment/helloworld-v1", "sample/deployment/sleep"]);
    expect(result.json.removed).toEqual([OLD.revision]);
  });

  it("waits, re-reading the pods' proxies, until the restarted pods run the new revision", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    expect(installNew(mesh).status).toBe(0);
    expect(moveGateway(mesh).status).toBe(0);
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.status).toBe(0);
    expect(detachedProxies(mesh.cluster("anthos"))).toEqual([]);
    const calls = mesh.calls().map((c) => c.argv.join(" "));
    const restart = calls.findIndex((c) => c.includes("rollout restart"));
    const uninstall = calls.findIndex((c) => c.startsWith(`uninstall -y --revision ${OLD.revision}`));
    // a restart replaces the pods only after a few reads: the script must have read them again meanwhile
    expect(calls.slice(restart, uninstall).filter((c) => c.includes("get pods")).length).toBeGreaterThanOrEqual(3);
    expect(detachedProxies(mesh.cluster("anthos"))).toEqual([]);
  });

  it.each([
    ["istio-injection=enabled with the default tag on the old revision", "default", { "istio-injection": "enabled" }],
    ["a revision tag on the old revision", "stable", { "istio.io/rev": "stable" }],
  ])("keeps the old revision while a namespace outside the stack uses it through %s", (_what, tag, labels) => {
    const mesh = relabelledByPulumi();
    mesh.admin("anthos", "tag", { tag, revision: OLD.revision });
    mesh.update("anthos", (c) => (c.namespaces["team-b"] = labels));
    mesh.admin("anthos", "workload", { namespace: "team-b", name: "orders", labels: { app: "orders" } });
    const [teamPod] = podsNamed(mesh.cluster("anthos"), "team-b", "orders-");
    expect(proxyRevision(teamPod)).toBe(OLD.revision);
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.status).toBe(0);
    expect(detachedProxies(mesh.cluster("anthos"))).toEqual([]);
    expect(mesh.commands("istioctl").filter((c) => c.startsWith("uninstall"))).toEqual([]);
    expect(result.json.removed).toEqual([]);
    expect(result.json.kept).toEqual([OLD.revision]);
    expect(result.stderr).toContain(`revision ${OLD.revision} stays installed`);
    expect(result.stderr).toContain(`team-b/${teamPod.metadata.name}`);
    expect(result.stderr).toContain(`tag ${tag}`);
    // the stack's own workloads moved all the same
    expect(stackProxies(mesh.cluster("anthos"))).toEqual(everyWorkloadOn(NEW.revision));
  });

  it.each([
    ["no stack's mark (another team's install)", undefined, "none"],
    ["another stack's mark", "multicloud-mesh/prod", "multicloud-mesh/prod"],
  ])("never removes a revision the stack did not install: %s", (_what, owner, named) => {
    const mesh = relabelledByPulumi();
    mark(mesh, OLD.revision, owner);
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.status).toBe(0);
    expect(result.json.removed).toEqual([]);
    expect(result.json.kept).toEqual([OLD.revision]);
    expect(result.stderr).toContain(`revision ${OLD.revision} stays installed: this stack (${OWNER}) did not install it (owner: ${named})`);
    expect(mesh.commands("istioctl").filter((c) => c.startsWith("uninstall"))).toEqual([]);
    expect(mesh.cluster("anthos").deployments[`istio-system/istiod-${OLD.revision}`].deleting_in).toBeUndefined();
  });

  it("runs istioctl's own pre-check without -y and keeps its output", () => {
    const mesh = relabelledByPulumi();
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.status).toBe(0);
    const uninstalls = mesh.commands("istioctl").filter((c) => c.startsWith("uninstall"));
    expect(uninstalls).toEqual([`uninstall --revision ${OLD.revision} --dry-run`, `uninstall -y --revision ${OLD.revision}`]);
    expect(result.stderr).toContain(`Not pruning object apps/v1, Kind=Deployment/istiod-${OLD.revision}.istio-system because of dry run.`);
  });
});

describe("which old revisions the canary removes: the ones whose owner mark is this stack's", () => {
  /** The canary's environment as RevisionCanary passes it. */
  const componentEnv = (mesh: FakeMesh) => ({
    KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
    MESH_REVISION: NEW.revision,
    MESH_NAMESPACES: STACK.join(" "),
    MESH_OWNER: OWNER,
  });
  const istiod = (mesh: FakeMesh, revision: string) => mesh.cluster("anthos").deployments[`istio-system/istiod-${revision}`];

  /** After installNew and the gateway's move: the canary, and what it uninstalled. */
  function upgrade(mesh: FakeMesh, install: Record<string, string> = {}) {
    expect(installNew(mesh, install).status).toBe(0);
    expect(moveGateway(mesh).status).toBe(0);
    const result = mesh.run("revision-canary", "create", componentEnv(mesh));
    const uninstalls = mesh.commands("istioctl").filter((c) => c.startsWith("uninstall"));
    return { result, uninstalls };
  }

  it("removes the stack's own old revision and keeps the ones no stack or another stack installed, though nothing uses them", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mesh.admin("anthos", "install", { ...TEAM_B, network: "nifclan" });
    mesh.admin("anthos", "install", { ...PROD, network: "nifclan" });
    mark(mesh, PROD.revision, "multicloud-mesh/prod");
    mesh.publishRelease(TEAM_B.release);
    mesh.publishRelease(PROD.release);
    const { result, uninstalls } = upgrade(mesh);
    expect(result.status).toBe(0);
    expect(result.json.removed).toEqual([OLD.revision]);
    expect(result.json.kept).toEqual([TEAM_B.revision, PROD.revision]);
    expect(uninstalls).toEqual([`uninstall --revision ${OLD.revision} --dry-run`, `uninstall -y --revision ${OLD.revision}`]);
    expect(istiod(mesh, OLD.revision)).toBeUndefined();
    expect(istiod(mesh, TEAM_B.revision).deleting_in).toBeUndefined();
    expect(istiod(mesh, PROD.revision).deleting_in).toBeUndefined();
    expect(result.stderr).toContain(`revision ${TEAM_B.revision} stays installed: this stack (${OWNER}) did not install it (owner: none)`);
    expect(result.stderr).toContain(`revision ${PROD.revision} stays installed: this stack (${OWNER}) did not install it (owner: multicloud-mesh/prod)`);
    expect(detachedProxies(mesh.cluster("anthos"))).toEqual([]);
  });

  it("removes a revision the stack adopted (mesh.adoptExistingRevision), which asm-install marked as its own", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mark(mesh, OLD.revision, undefined);
    const adopt = mesh.run("asm-install", "create", {
      KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
      ASM_PLATFORM: "multicloud",
      MESH_REVISION: OLD.revision,
      ASM_FLEET_ID: "example-mesh-project",
      ASM_CA: "mesh_ca",
      ASM_RELEASE: `${OLD.release}+config1`,
      ASM_NETWORK_ID: "nifclan",
      MESH_OWNER: OWNER,
      MESH_ADOPT_EXISTING: "true",
    });
    expect(adopt.status).toBe(0);
    const { result, uninstalls } = upgrade(mesh);
    expect(result.status).toBe(0);
    expect(result.json.removed).toEqual([OLD.revision]);
    expect(uninstalls).toContain(`uninstall -y --revision ${OLD.revision}`);
  });

  it("removes a revision the stack claimed but never marked (a run killed between asmcli and the mark), and its claim", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mark(mesh, OLD.revision, undefined);
    const claim = `ConfigMap/istio-system/multicloud-mesh-owner-${OLD.revision}`;
    mesh.update("anthos", (c) => {
      c.objects[claim] = {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: `multicloud-mesh-owner-${OLD.revision}`, namespace: "istio-system" },
        data: { owner: OWNER },
      };
    });
    const { result, uninstalls } = upgrade(mesh);
    expect(result.status).toBe(0);
    expect(result.json.removed).toEqual([OLD.revision]);
    expect(uninstalls).toContain(`uninstall -y --revision ${OLD.revision}`);
    expect(mesh.cluster("anthos").objects[claim]).toBeUndefined();
  });

  it("removes the revision a stack from before owner marks installed: the update marks the revision its recorded output names", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mark(mesh, OLD.revision, undefined);
    const previous = { PULUMI_COMMAND_STDOUT: JSON.stringify({ revision: OLD.revision, release: OLD.release, network: "nifclan" }) };
    const { result, uninstalls } = upgrade(mesh, previous);
    expect(result.status).toBe(0);
    expect(result.json.removed).toEqual([OLD.revision]);
    expect(uninstalls).toContain(`uninstall -y --revision ${OLD.revision}`);
  });

  it("keeps a revision without a mark that the recorded output does not name", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mark(mesh, OLD.revision, undefined);
    const previous = { PULUMI_COMMAND_STDOUT: JSON.stringify({ revision: "asm-1280-1", release: "1.28.0-asm.1", network: "nifclan" }) };
    const { result, uninstalls } = upgrade(mesh, previous);
    expect(result.status).toBe(0);
    expect(result.json.kept).toEqual([OLD.revision]);
    expect(uninstalls).toEqual([]);
    expect(istiod(mesh, OLD.revision).annotations).toEqual({});
  });
});

describe("revision change guards", () => {
  it("moves nothing while the new istiod is not ready", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mesh.admin("anthos", "install", { ...NEW, ready_in: -1 });
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh, { MESH_WAIT_SECONDS: "2" }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`istiod-${NEW.revision} to be ready`);
    expect(mesh.cluster("anthos").namespaces.sample["istio.io/rev"]).toBe(OLD.revision);
    expect(mesh.commands("istioctl")).toEqual([]);
  });

  it("keeps the old revision while pods still run its proxies, and names them", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    expect(installNew(mesh).status).toBe(0);
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh, { MESH_RESTART: "false", MESH_WAIT_SECONDS: "2" }));
    expect(result.status).not.toBe(0);
    const state = mesh.cluster("anthos");
    const [hello] = podsNamed(state, "sample", "helloworld-v1-");
    const [gateway] = podsNamed(state, GATEWAY_NS, "istio-eastwestgateway-");
    expect(result.stderr).toContain(`sample/${hello.metadata.name} ${OLD.revision}`);
    expect(result.stderr).toContain(`${GATEWAY_NS}/${gateway.metadata.name} ${OLD.revision}`);
    expect(result.stderr).toContain("kubectl -n sample rollout restart deployment/helloworld-v1");
    expect(state.deployments[`istio-system/istiod-${OLD.revision}`].deleting_in).toBeUndefined();
    expect(mesh.commands("istioctl").filter((c) => c.startsWith("uninstall"))).toEqual([]);
  });

  it("keeps the old revision for a namespace the stack does not manage", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mesh.update("anthos", (c) => (c.namespaces["team-b"] = { "istio.io/rev": OLD.revision }));
    expect(installNew(mesh).status).toBe(0);
    expect(moveGateway(mesh).status).toBe(0);
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.status).toBe(0);
    expect(result.json.removed).toEqual([]);
    expect(result.stderr).toContain(`revision ${OLD.revision} stays installed: namespace team-b selects it`);
  });

  it("refuses to run without the stack's owner, which alone says what it may remove, before it changes anything", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh, { MESH_OWNER: "" }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("environment variable MESH_OWNER is required");
    expect(mesh.calls()).toEqual([]);
  });
});

describe("east-west gateway delete", () => {
  it("removes the rendered objects, and by name once the revision is gone", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    const env = { KUBECONFIG_DATA: mesh.kubeconfig("anthos"), ISTIO_OPERATOR: JSON.stringify(operator(OLD.revision)), GATEWAY_NAMESPACE: GATEWAY_NS };
    expect(mesh.run("eastwest-gateway", "delete", env).status).toBe(0);
    const generate = mesh.calls().find((c) => c.argv[0] === "manifest")!;
    expect(generate.path).toBe(path.join(mesh.cache, OLD.release, "istioctl"));
    expect(mesh.cluster("anthos").services[`${GATEWAY_NS}/istio-eastwestgateway`]).toBeUndefined();
    expect(mesh.cluster("anthos").deployments[`${GATEWAY_NS}/istio-eastwestgateway`].deleting_in).toBeDefined();
    mesh.update("anthos", (c) => delete c.deployments[`istio-system/istiod-${OLD.revision}`]);
    const second = mesh.run("eastwest-gateway", "delete", env);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain("deleting the gateway's Deployment and Service by name");
    expect(mesh.cluster("anthos").deployments[`${GATEWAY_NS}/istio-eastwestgateway`].deleting_in).toBeDefined();
  });
});
