/**
 * asm-install.sh against kubectl / istioctl / asmcli stand-ins: one revision from the input to
 * asmcli, the mesh network passed for a cluster outside GCP, readiness (not mere presence) as
 * the install check, and the installed release's own istioctl kept and used.
 */
import * as path from "path";
import { FakeMesh } from "../fakes/mesh/fakeMesh";

const REVISION = "asm-1290-1";
const RELEASE = "1.29.0-asm.1";

function bareMetalEnv(mesh: FakeMesh, extra: Record<string, string> = {}) {
  return {
    KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
    ASM_PLATFORM: "multicloud",
    ASM_REVISION: REVISION,
    ASM_FLEET_ID: "example-mesh-project",
    ASM_CA: "mesh_ca",
    ASMCLI_VERSION: "1.29",
    ASM_NETWORK_ID: "nifclan",
    ...extra,
  };
}

describe("asm-install on a cluster outside GCP", () => {
  const mesh = new FakeMesh();
  mesh.addCluster("anthos", { namespaces: { "istio-system": {}, sample: { "istio.io/rev": REVISION } } });
  let first: ReturnType<FakeMesh["run"]>;

  beforeAll(() => {
    first = mesh.run("asm-install", "create", bareMetalEnv(mesh));
  });

  it("installs the configured revision by name, on the configured mesh network", () => {
    expect(first.status).toBe(0);
    const [install] = mesh.calls().filter((c) => c.tool === "asmcli");
    const argv = install.argv;
    expect(argv[argv.indexOf("--revision_name") + 1]).toBe(REVISION);
    expect(argv[argv.indexOf("--network_id") + 1]).toBe("nifclan");
    expect(argv).toEqual(expect.arrayContaining(["--platform", "multicloud", "--fleet_id", "example-mesh-project", "--ca", "mesh_ca"]));
    expect(mesh.cluster("anthos").namespaces["istio-system"]["topology.istio.io/network"]).toBe("nifclan");
  });

  it("waits, re-reading the cluster, until istiod of the revision is ready", () => {
    const reads = mesh.commands("kubectl").filter((c) => c.includes(`get deployment istiod-${REVISION}`));
    // the fake istiod needs two reads before it is ready: the script must not stop at the first
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(mesh.cluster("anthos").deployments[`istio-system/istiod-${REVISION}`].ready_in).toBe(0);
  });

  it("reports the revision, the release, asmcli's version and the kept istioctl", () => {
    expect(first.json).toEqual({
      revision: REVISION,
      release: RELEASE,
      asmcliVersion: `${RELEASE}+config1`,
      network: "nifclan",
      istioctl: path.join(mesh.cache, RELEASE, "istioctl"),
    });
  });

  it("skips a revision that is ready, without asmcli", () => {
    const again = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(again.status).toBe(0);
    expect(mesh.calls().filter((c) => c.tool === "asmcli")).toHaveLength(1);
    expect(again.json.revision).toBe(REVISION);
  });

  it("uninstalls the revision with the kept istioctl of its release, not the one on PATH, and waits until it is gone", () => {
    const result = mesh.run("asm-install", "delete", bareMetalEnv(mesh));
    expect(result.status).toBe(0);
    const uninstall = mesh.calls().find((c) => c.tool === "istioctl" && c.argv[0] === "uninstall")!;
    expect(uninstall.argv).toEqual(["uninstall", "-y", "--revision", REVISION]);
    expect(uninstall.path).toBe(path.join(mesh.cache, RELEASE, "istioctl"));
    expect(mesh.cluster("anthos").deployments).toEqual({});
    const second = mesh.run("asm-install", "delete", bareMetalEnv(mesh));
    expect(second.status).toBe(0);
    expect(second.stderr).toContain("nothing to remove");
  });
});

describe("asm-install convergence", () => {
  it("re-runs asmcli when istiod of the revision exists but never became ready (a half-finished install)", () => {
    const mesh = new FakeMesh();
    mesh.addCluster("anthos");
    mesh.admin("anthos", "install", { revision: REVISION, release: RELEASE, ready_in: -1 });
    mesh.update("anthos", (c) => delete c.webhooks[`istio-sidecar-injector-${REVISION}`]);
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("half-finished");
    expect(mesh.calls().filter((c) => c.tool === "asmcli")).toHaveLength(1);
    expect(Object.keys(mesh.cluster("anthos").webhooks)).toContain(`istio-sidecar-injector-${REVISION}`);
  });

  it("fails with asmcli's words when the install stops half-way, and installs on the next run", () => {
    const mesh = new FakeMesh();
    mesh.addCluster("anthos", { asmcli_fails: true });
    const failed = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain("timed out waiting for istiod");
    mesh.update("anthos", (c) => (c.asmcli_fails = false));
    const next = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(next.status).toBe(0);
    expect(mesh.calls().filter((c) => c.tool === "asmcli")).toHaveLength(2);
  });

  it("gives up when istiod never becomes ready, naming what to look at", () => {
    const mesh = new FakeMesh();
    mesh.addCluster("anthos", { ready_polls: 1000 });
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, { MESH_WAIT_SECONDS: "3" }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`kubectl -n istio-system describe deployment istiod-${REVISION}`);
  });
});

describe("asm-install inputs", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["an out-of-support release line", { ASMCLI_VERSION: "1.17" }, "ASMCLI_VERSION 1.17 is out of support"],
    ["a release line that is not one", { ASMCLI_VERSION: "1.29.0" }, "ASMCLI_VERSION '1.29.0' is not a release line"],
    ["a revision that is no DNS label", { ASM_REVISION: "ASM_1290" }, "revision 'ASM_1290' is not a DNS-1123 label"],
    ["no mesh network for a cluster outside GCP", { ASM_NETWORK_ID: "" }, "ASM_NETWORK_ID is required for multicloud"],
    ["an asmcli of another release line", { FAKE_ASM_VERSION: "1.30.1-asm.3+config1" }, "asmcli reports version '1.30.1-asm.3+config1', not a 1.29.x release"],
  ];
  it.each(cases)("refuses %s before asmcli runs", (_what, change, message) => {
    const mesh = new FakeMesh();
    mesh.addCluster("anthos");
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, change));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(mesh.calls().filter((c) => c.tool === "asmcli")).toHaveLength(0);
  });

  it("fails when istio-system already names another network, with the command that fixes it", () => {
    const mesh = new FakeMesh();
    mesh.addCluster("anthos", { namespaces: { "istio-system": { "topology.istio.io/network": "default" } } });
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("kubectl label ns istio-system topology.istio.io/network=nifclan --overwrite");
  });
});

const gkeEnv = (mesh: FakeMesh) => ({
  KUBECONFIG_DATA: mesh.kubeconfig("gke"),
  ASM_PLATFORM: "gke",
  ASM_REVISION: REVISION,
  ASM_FLEET_ID: "example-mesh-project",
  ASM_CA: "mesh_ca",
  ASMCLI_VERSION: "1.29",
  ASM_PROJECT_ID: "example-mesh-project",
  ASM_CLUSTER_NAME: "nifc-anthosgke-cls",
  ASM_CLUSTER_LOCATION: "us-central1-c",
});

describe("asm-install on GKE", () => {
  it("passes the cluster's GKE coordinates and the same revision", () => {
    const mesh = new FakeMesh();
    mesh.addCluster("gke");
    const result = mesh.run("asm-install", "create", gkeEnv(mesh));
    expect(result.status).toBe(0);
    const [install] = mesh.calls().filter((c) => c.tool === "asmcli");
    expect(install.argv.join(" ")).toContain(
      `--revision_name ${REVISION} --project_id example-mesh-project --cluster_name nifc-anthosgke-cls --cluster_location us-central1-c`,
    );
    expect(install.argv).not.toContain("--platform");
  });

  it("refuses a GKE mesh network asmcli would not use", () => {
    const mesh = new FakeMesh();
    mesh.addCluster("gke");
    const result = mesh.run("asm-install", "create", { ...gkeEnv(mesh), ASM_NETWORK_ID: "gke-net" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("asmcli names it example-mesh-project-<VPC name>");
    expect(mesh.calls()).toEqual([]);
  });
});
