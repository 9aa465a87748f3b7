/**
 * A revision change as Istio's revision-based canary: the new revision is installed beside the
 * old, the gateway and the namespace labels move to it, and the old control plane is removed
 * only after that, with the istioctl of its own release.
 */
import * as path from "path";
import { eastWestOperator } from "../../components/mesh/eastWestOperator";
import { FakeMesh, istiod } from "../fakes/mesh/fakeMesh";

const OLD = { revision: "asm-1290-1", release: "1.29.0-asm.1" };
const NEW = { revision: "asm-1300-2", release: "1.30.0-asm.2" };
const GATEWAY_NS = "nifc-gateway";

function operator(revision: string) {
  return JSON.stringify(eastWestOperator({ revision, network: "nifclan", namespace: GATEWAY_NS, exposure: { kind: "address", address: "172.16.232.122" } }));
}

/** A cluster running OLD: istiod, the sample namespace with one injected pod, the gateway. */
function runningOld(mesh: FakeMesh) {
  const control = istiod(OLD.revision, OLD.release);
  mesh.addCluster("anthos", {
    ...control,
    namespaces: {
      "istio-system": { "topology.istio.io/network": "nifclan" },
      sample: { "istio.io/rev": OLD.revision },
      [GATEWAY_NS]: { "istio.io/rev": OLD.revision },
    },
    pods: {
      "sample/helloworld-v1-0": { labels: { app: "helloworld", "istio.io/rev": OLD.revision }, ip: "192.168.1.5" },
      [`${GATEWAY_NS}/istio-eastwestgateway-0`]: { labels: { app: "istio-eastwestgateway", "istio.io/rev": OLD.revision } },
    },
    deployments: {
      ...control.deployments,
      [`${GATEWAY_NS}/istio-eastwestgateway`]: { labels: { app: "istio-eastwestgateway", "istio.io/rev": OLD.revision }, ready_in: 0 },
    },
    services: { [`${GATEWAY_NS}/istio-eastwestgateway`]: { ip: "172.16.232.122" } },
    gateway_ip: "172.16.232.122",
  });
  mesh.publishRelease(OLD.release);
  mesh.publishRelease(NEW.release);
}

const installNew = (mesh: FakeMesh) =>
  mesh.run("asm-install", "create", {
    KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
    ASM_PLATFORM: "multicloud",
    ASM_REVISION: NEW.revision,
    ASM_FLEET_ID: "example-mesh-project",
    ASM_CA: "mesh_ca",
    ASM_RELEASE: `${NEW.release}+config1`,
    ASM_NETWORK_ID: "nifclan",
    MESH_OWNER: "multicloud-mesh/dev",
    FAKE_ASM_VERSION: `${NEW.release}+config1`,
  });

const canaryEnv = (mesh: FakeMesh, extra: Record<string, string> = {}) => ({
  KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
  MESH_REVISION: NEW.revision,
  MESH_NAMESPACES: `sample ${GATEWAY_NS}`,
  ...extra,
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

  it("moves the east-west gateway to the new revision with the new release's istioctl", () => {
    const result = mesh.run("eastwest-gateway", "create", {
      KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
      ISTIO_OPERATOR: operator(NEW.revision),
      GATEWAY_NAMESPACE: GATEWAY_NS,
    });
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ service: "istio-eastwestgateway", address: "172.16.232.122", revision: NEW.revision });
    const install = mesh.calls().find((c) => c.tool === "istioctl" && c.argv[0] === "install")!;
    expect(install.path).toBe(path.join(mesh.cache, NEW.release, "istioctl"));
    expect(mesh.cluster("anthos").pods[`${GATEWAY_NS}/istio-eastwestgateway-0`].labels["istio.io/rev"]).toBe(NEW.revision);
  });

  it("moves the labels and the workloads, then removes the old revision with its own istioctl", () => {
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ revision: NEW.revision, moved: ["sample", GATEWAY_NS], removed: [OLD.revision] });
    const calls = mesh.calls().map((c) => c.argv.join(" "));
    const at = (prefix: string) => calls.findIndex((c) => c.startsWith(prefix));
    const uninstall = at(`uninstall -y --revision ${OLD.revision}`);
    expect(uninstall).toBeGreaterThan(at(`label namespace sample istio.io/rev=${NEW.revision}`));
    expect(uninstall).toBeGreaterThan(at("-n sample rollout restart deployment"));
    // the restarted pod reported the new revision before the old one went
    const lastStaleRead = calls.slice(0, uninstall).filter((c) => c.includes("get pods")).length;
    expect(lastStaleRead).toBeGreaterThanOrEqual(2);
    const uninstallCall = mesh.calls()[uninstall];
    expect(uninstallCall.path).toBe(path.join(mesh.cache, OLD.release, "istioctl"));
    const state = mesh.cluster("anthos");
    expect(Object.keys(state.deployments).sort()).toEqual([`istio-system/istiod-${NEW.revision}`, `${GATEWAY_NS}/istio-eastwestgateway`]);
    expect(state.namespaces.sample["istio.io/rev"]).toBe(NEW.revision);
    expect(state.pods["sample/helloworld-v1-0"].labels["istio.io/rev"]).toBe(NEW.revision);
  });

  it("has nothing to do on a re-run", () => {
    const again = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(again.status).toBe(0);
    expect(again.json).toEqual({ revision: NEW.revision, moved: [], removed: [] });
  });
});

describe("revision change guards", () => {
  it("moves nothing while the new istiod is not ready", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mesh.update("anthos", (c) => Object.assign(c.deployments, istiod(NEW.revision, NEW.release, { ready_in: -1 }).deployments));
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
    expect(result.stderr).toContain(`sample/helloworld-v1-0 ${OLD.revision}`);
    expect(result.stderr).toContain(`${GATEWAY_NS}/istio-eastwestgateway-0 ${OLD.revision}`);
    expect(mesh.cluster("anthos").deployments[`istio-system/istiod-${OLD.revision}`].deleting_in).toBeUndefined();
    expect(mesh.commands("istioctl").filter((c) => c.startsWith("uninstall"))).toEqual([]);
  });

  it("keeps the old revision for a namespace the stack does not manage", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    mesh.update("anthos", (c) => (c.namespaces["team-b"] = { "istio.io/rev": OLD.revision }));
    expect(installNew(mesh).status).toBe(0);
    mesh.update("anthos", (c) => (c.pods[`${GATEWAY_NS}/istio-eastwestgateway-0`].labels["istio.io/rev"] = NEW.revision));
    const result = mesh.run("revision-canary", "create", canaryEnv(mesh));
    expect(result.status).toBe(0);
    expect(result.json.removed).toEqual([]);
    expect(result.stderr).toContain(`revision ${OLD.revision} stays installed: namespaces team-b`);
  });
});

describe("east-west gateway delete", () => {
  it("removes the rendered objects, and by name once the revision is gone", () => {
    const mesh = new FakeMesh();
    runningOld(mesh);
    const env = { KUBECONFIG_DATA: mesh.kubeconfig("anthos"), ISTIO_OPERATOR: operator(OLD.revision), GATEWAY_NAMESPACE: GATEWAY_NS };
    expect(mesh.run("eastwest-gateway", "delete", env).status).toBe(0);
    const generate = mesh.calls().find((c) => c.argv[0] === "manifest")!;
    expect(generate.path).toBe(path.join(mesh.cache, OLD.release, "istioctl"));
    mesh.update("anthos", (c) => delete c.deployments[`istio-system/istiod-${OLD.revision}`]);
    const second = mesh.run("eastwest-gateway", "delete", env);
    expect(second.status).toBe(0);
    expect(mesh.cluster("anthos").services).toEqual({});
  });
});
