/**
 * asm-install.sh against kubectl / istioctl / asmcli stand-ins: one revision from the input to
 * asmcli, the mesh network passed for a cluster outside GCP, readiness (not mere presence) as
 * the install check, and the installed release's own istioctl kept and used; exactly the
 * configured release, every download verified; only the stack's own revision ever removed.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { scriptPath } from "../../lib/scriptCommandLine";
import { ROOT } from "../helpers/stackConfig";
import { FakeMesh } from "../fakes/mesh/fakeMesh";

const REVISION = "asm-1290-1";
const RELEASE = "1.29.0-asm.1";
const ASMCLI_BUILD = `${RELEASE}+config1`;
const OWNER = "multicloud-mesh/dev";
const OWNER_ANNOTATION = "multicloud-mesh/owner";
const ISTIOD = `istio-system/istiod-${REVISION}`;

function bareMetalEnv(mesh: FakeMesh, extra: Record<string, string> = {}) {
  return {
    KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
    ASM_PLATFORM: "multicloud",
    MESH_REVISION: REVISION,
    ASM_FLEET_ID: "example-mesh-project",
    ASM_CA: "mesh_ca",
    ASM_RELEASE: ASMCLI_BUILD,
    ASM_NETWORK_ID: "nifclan",
    MESH_OWNER: OWNER,
    ...extra,
  };
}

/** A fake mesh with one cluster, registered to the fleet as a membership of its name, and the release's signed tarball published. */
function meshWith(cluster: string, state: Parameters<FakeMesh["addCluster"]>[1] = {}): FakeMesh {
  const mesh = new FakeMesh();
  mesh.addCluster(cluster, state);
  mesh.admin(cluster, "register", { fleet: "example-mesh-project", membership: cluster });
  mesh.publishRelease(RELEASE);
  return mesh;
}

/** istiod of REVISION as asmcli leaves it, running `release`, with `owner`'s mark when given. */
function installed(mesh: FakeMesh, release: string, owner?: string): FakeMesh {
  mesh.admin("anthos", "install", { revision: REVISION, release });
  if (owner) mesh.update("anthos", (c) => (c.deployments[ISTIOD].annotations = { [OWNER_ANNOTATION]: owner }));
  return mesh;
}

const ownerClaims = (mesh: FakeMesh) =>
  Object.keys(mesh.cluster("anthos").objects).filter((k) => k.startsWith("ConfigMap/istio-system/multicloud-mesh-owner-"));

const asmcliCalls = (mesh: FakeMesh) => mesh.calls().filter((c) => c.tool === "asmcli");
const installs = (mesh: FakeMesh) => asmcliCalls(mesh).filter((c) => c.argv[0] === "install");
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** Runs a lib.sh function against a fake cluster, as the canary script would. */
function libCall(mesh: FakeMesh, cluster: string, call: string) {
  const kubeconfig = path.join(mesh.dir, `${cluster}.kubeconfig`);
  fs.writeFileSync(kubeconfig, mesh.kubeconfig(cluster));
  return spawnSync("bash", ["-c", `. ${scriptPath("lib/common.sh")}; . ${scriptPath("mesh/lib.sh")}; ${call}`], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${path.join(ROOT, "tests/fakes/mesh/bin")}:${process.env.PATH}`,
      FAKE_MESH_STATE: mesh.dir,
      FAKE_MESH_HOME: path.join(ROOT, "tests/fakes/mesh"),
      KUBECONFIG: kubeconfig,
    },
  });
}

describe("asm-install on a cluster outside GCP", () => {
  const mesh = meshWith("anthos", { namespaces: { "istio-system": {}, sample: { "istio.io/rev": REVISION } } });
  let first: ReturnType<FakeMesh["run"]>;

  beforeAll(() => {
    first = mesh.run("asm-install", "create", bareMetalEnv(mesh));
  });

  it("installs the configured revision by name, on the configured mesh network", () => {
    expect(first.status).toBe(0);
    const [install] = installs(mesh);
    const argv = install.argv;
    expect(argv[argv.indexOf("--revision_name") + 1]).toBe(REVISION);
    expect(argv[argv.indexOf("--network_id") + 1]).toBe("nifclan");
    expect(argv).toEqual(expect.arrayContaining(["--platform", "multicloud", "--fleet_id", "example-mesh-project", "--ca", "mesh_ca"]));
    expect(mesh.cluster("anthos").namespaces["istio-system"]["topology.istio.io/network"]).toBe("nifclan");
  });

  it("lets asmcli enable APIs, the mesh components, the cluster label and istio-system, and nothing else", () => {
    const argv = installs(mesh)[0].argv;
    const enables = argv.filter((a) => a.startsWith("--enable") || a === "-e");
    // asmcli lib/parse.sh: --enable_all / -e would also register the cluster, bind the caller to
    // cluster-admin and grant project IAM roles (lib/checks.sh can_*).
    expect(enables.sort()).toEqual(["--enable_cluster_labels", "--enable_gcp_apis", "--enable_gcp_components", "--enable_namespace_creation"]);
  });

  it("waits, re-reading the cluster, until istiod of the revision is ready", () => {
    const reads = mesh.commands("kubectl").filter((c) => c.includes(`get deployment istiod-${REVISION}`));
    // the fake istiod needs two reads before it is ready: the script must not stop at the first
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(mesh.cluster("anthos").deployments[ISTIOD].ready_in).toBe(0);
  });

  it("marks istiod as this stack's, and lib.sh's revision_owner reads the mark", () => {
    expect(mesh.cluster("anthos").deployments[ISTIOD].annotations).toEqual({ [OWNER_ANNOTATION]: OWNER });
    const owner = libCall(mesh, "anthos", `revision_owner ${REVISION}`);
    expect(owner.status).toBe(0);
    expect(owner.stdout).toBe(OWNER);
  });

  it("reports the revision, the release, asmcli's version, the kept istioctl and istiod's cluster id", () => {
    expect(first.json).toEqual({
      revision: REVISION,
      release: RELEASE,
      asmcliVersion: ASMCLI_BUILD,
      network: "nifclan",
      istioctl: path.join(mesh.cache, RELEASE, "istioctl"),
      clusterId: "cn-example-mesh-project-global-anthos",
      owner: OWNER,
    });
  });

  it("skips a revision that is ready, without asmcli", () => {
    const again = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(again.status).toBe(0);
    expect(installs(mesh)).toHaveLength(1);
    expect(again.json.revision).toBe(REVISION);
    expect(again.json.clusterId).toBe("cn-example-mesh-project-global-anthos");
  });

  it("uninstalls the revision with the kept istioctl of its release, not the one on PATH, and waits until it is gone", () => {
    const result = mesh.run("asm-install", "delete", bareMetalEnv(mesh));
    expect(result.status).toBe(0);
    const uninstall = mesh.calls().find((c) => c.tool === "istioctl" && c.argv[0] === "uninstall")!;
    expect(uninstall.argv).toEqual(["uninstall", "-y", "--revision", REVISION]);
    expect(uninstall.path).toBe(path.join(mesh.cache, RELEASE, "istioctl"));
    expect(mesh.cluster("anthos").deployments).toEqual({});
    expect(ownerClaims(mesh)).toEqual([]);
    const second = mesh.run("asm-install", "delete", bareMetalEnv(mesh));
    expect(second.status).toBe(0);
    expect(second.stderr).toContain("nothing to remove");
  });
});

describe("asm-install runs exactly the configured release, from verified downloads", () => {
  const asmcliFile = `asmcli_${RELEASE}-config1`;

  it("downloads asmcli_<release>-config<n> (no floating line) and checks it against its published .sha256", () => {
    const mesh = meshWith("anthos");
    mesh.publishAsmcli(ASMCLI_BUILD);
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, { ASMCLI: "" }));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(asmcliFile);
    expect(installs(mesh)).toHaveLength(1);
  });

  it.each([
    ["a checksum that does not match", "wrong" as const, `${asmcliFile} does not match its published checksum`],
    ["no published checksum", "none" as const, `${asmcliFile}.sha256`],
  ])("refuses an asmcli with %s, naming it, before anything runs", (_what, checksum, message) => {
    const mesh = meshWith("anthos");
    mesh.publishAsmcli(ASMCLI_BUILD, checksum);
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, { ASMCLI: "" }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(asmcliCalls(mesh)).toEqual([]);
  });

  it("takes an asmcli given as ASMCLI as it is, without downloading it or its checksum", () => {
    const mesh = meshWith("anthos");
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`using ASMCLI=${path.join(ROOT, "tests/fakes/mesh/bin/asmcli")} as asmcli ${ASMCLI_BUILD}`);
    expect(result.stderr).not.toContain(`downloading ${asmcliFile}`);
    expect(installs(mesh)).toHaveLength(1);
  });

  it("refuses an ASMCLI that is no executable file, naming it, before anything runs", () => {
    const mesh = meshWith("anthos");
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, { ASMCLI: path.join(mesh.dir, "no-asmcli") }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`ASMCLI '${path.join(mesh.dir, "no-asmcli")}' is not an executable file`);
    expect(asmcliCalls(mesh)).toEqual([]);
  });

  it.each([
    ["given as ASMCLI", {}],
    ["downloaded and matching its checksum", { ASMCLI: "" }],
  ])("refuses an asmcli %s that reports another version than the configured release", (_how, source) => {
    const mesh = meshWith("anthos");
    mesh.publishAsmcli(ASMCLI_BUILD);
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, { FAKE_ASM_VERSION: "1.29.10-asm.4+config1", ...source }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`asmcli reports version '1.29.10-asm.4+config1', not ${ASMCLI_BUILD}`);
    expect(asmcliCalls(mesh)).toEqual([]);
  });

  it("gives asmcli the release's tarball only after checking Google's signature, and installs offline from it", () => {
    const mesh = meshWith("anthos");
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).toBe(0);
    expect(asmcliCalls(mesh).map((c) => c.argv[0])).toEqual(["build-offline-package", "install"]);
    const [install] = installs(mesh);
    expect(install.argv).toContain("--offline");
    // what asmcli ran is the signed tarball's istioctl, not the copy build-offline-package fetched
    const signed = sha256(path.join(ROOT, "tests/fakes/mesh/bin/istioctl"));
    expect(install.istioctl_sha256).toBe(signed);
    expect(sha256(path.join(mesh.cache, RELEASE, "istioctl"))).toBe(signed);
  });

  it.each([
    ["a signature that does not verify", (sig: string) => fs.writeFileSync(sig, "not a signature"), `istio-${RELEASE}-linux-amd64.tar.gz`],
    ["no published signature", (sig: string) => fs.rmSync(sig), `istio-${RELEASE}-linux-amd64.tar.gz.1.sig`],
  ])("refuses a release tarball with %s, naming it, before asmcli installs", (_what, spoil, message) => {
    const mesh = meshWith("anthos");
    spoil(path.join(mesh.releases, `istio-${RELEASE}-linux-amd64.tar.gz.1.sig`));
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(installs(mesh)).toEqual([]);
  });

  it("refuses a ready revision that runs another release than its name says, with the fix", () => {
    const mesh = installed(meshWith("anthos"), "1.29.10-asm.4", OWNER);
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`istiod-${REVISION} runs 1.29.10-asm.4, not ${RELEASE}`);
    expect(result.stderr).toContain("mesh.release: 1.29.10-asm.4+config1 (revision asm-12910-4)");
    expect(asmcliCalls(mesh)).toEqual([]);
  });
});

describe("asm-install leaves a mesh it did not install alone", () => {
  // istio-system carries the stack's network label before the install (MeshNamespaces)
  const foreign = (owner?: string) =>
    installed(meshWith("anthos", { namespaces: { "istio-system": { "topology.istio.io/network": "nifclan" } } }), RELEASE, owner);

  it("refuses to take over a same-named revision without this stack's mark, saying how to adopt it", () => {
    const mesh = foreign();
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`istiod-${REVISION} exists but was not installed by this stack (${OWNER})`);
    expect(result.stderr).toContain("mesh.adoptExistingRevision: true");
    expect(asmcliCalls(mesh)).toEqual([]);
    expect(mesh.cluster("anthos").deployments[ISTIOD].annotations ?? {}).toEqual({});
  });

  it("adopts it when told to: marks it, installs nothing", () => {
    const mesh = foreign();
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, { MESH_ADOPT_EXISTING: "true" }));
    expect(result.status).toBe(0);
    expect(asmcliCalls(mesh)).toEqual([]);
    expect(mesh.cluster("anthos").deployments[ISTIOD].annotations).toEqual({ [OWNER_ANNOTATION]: OWNER });
  });

  it("never adopts another stack's revision", () => {
    const mesh = foreign("multicloud-mesh/prod");
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, { MESH_ADOPT_EXISTING: "true" }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`istiod-${REVISION} belongs to multicloud-mesh/prod`);
    expect(mesh.cluster("anthos").deployments[ISTIOD].annotations).toEqual({ [OWNER_ANNOTATION]: "multicloud-mesh/prod" });
  });

  it("knows its own revision from before owner marks by the output Pulumi kept: marks it on update, removes it on destroy", () => {
    const mesh = foreign();
    const previous = { PULUMI_COMMAND_STDOUT: JSON.stringify({ revision: REVISION, release: RELEASE, network: "nifclan" }) };
    const update = mesh.run("asm-install", "update" as "create", bareMetalEnv(mesh, previous));
    expect(update.status).toBe(0);
    expect(mesh.cluster("anthos").deployments[ISTIOD].annotations).toEqual({ [OWNER_ANNOTATION]: OWNER });
    // a state written before marks has no MESH_OWNER in its delete-time environment, and names
    // the revision ASM_REVISION, as every state did before the scripts shared one name for it
    mesh.update("anthos", (c) => (c.deployments[ISTIOD].annotations = {}));
    const oldEnv: Record<string, string> = bareMetalEnv(mesh, previous);
    delete oldEnv.MESH_OWNER;
    oldEnv.ASM_REVISION = oldEnv.MESH_REVISION;
    delete oldEnv.MESH_REVISION;
    expect(mesh.run("asm-install", "delete", oldEnv).status).toBe(0);
    expect(mesh.commands("istioctl")).toEqual([`uninstall -y --revision ${REVISION}`]);
  });

  it("does not uninstall a revision without this stack's mark on destroy", () => {
    const mesh = foreign();
    const result = mesh.run("asm-install", "delete", bareMetalEnv(mesh));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("was not installed by this stack: left running");
    expect(mesh.calls().filter((c) => c.tool === "istioctl")).toEqual([]);
    expect(mesh.cluster("anthos").deployments[ISTIOD]).toBeDefined();
  });
});

describe("asm-install convergence", () => {
  it("re-runs asmcli when istiod of the revision exists but never became ready (a half-finished install)", () => {
    const mesh = meshWith("anthos");
    mesh.run("asm-install", "create", bareMetalEnv(mesh));
    mesh.update("anthos", (c) => {
      c.deployments[ISTIOD].ready_in = -1;
      delete c.webhooks[`istio-sidecar-injector-${REVISION}`];
    });
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("half-finished");
    expect(installs(mesh)).toHaveLength(2);
    expect(Object.keys(mesh.cluster("anthos").webhooks)).toContain(`istio-sidecar-injector-${REVISION}`);
  });

  it("fails with asmcli's words when the install stops half-way, and installs (as its own) on the next run", () => {
    const mesh = meshWith("anthos", { asmcli_fails: true });
    const failed = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain("timed out waiting for istiod");
    mesh.update("anthos", (c) => (c.asmcli_fails = false));
    const next = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(next.status).toBe(0);
    expect(installs(mesh)).toHaveLength(2);
    expect(mesh.cluster("anthos").deployments[ISTIOD].annotations).toEqual({ [OWNER_ANNOTATION]: OWNER });
  });

  it("gives up when istiod never becomes ready, naming what to look at", () => {
    const mesh = meshWith("anthos", { ready_polls: 1000 });
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, { MESH_WAIT_SECONDS: "3" }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`kubectl -n istio-system describe deployment istiod-${REVISION}`);
  });
});

describe("asm-install inputs", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["an out-of-support release", { ASM_RELEASE: "1.17.8-asm.20+config1" }, "ASM_RELEASE 1.17.8-asm.20+config1 is out of support"],
    ["a release line instead of a release", { ASM_RELEASE: "1.29" }, "ASM_RELEASE '1.29' is not an asmcli release"],
    ["a revision that is no DNS label", { MESH_REVISION: "ASM_1290" }, "revision 'ASM_1290' is not a DNS-1123 label"],
    ["no mesh network for a cluster outside GCP", { ASM_NETWORK_ID: "" }, "ASM_NETWORK_ID is required for multicloud"],
    ["no owner", { MESH_OWNER: "" }, "environment variable MESH_OWNER is required"],
  ];
  it.each(cases)("refuses %s before asmcli runs", (_what, change, message) => {
    const mesh = meshWith("anthos");
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh, change));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(asmcliCalls(mesh)).toHaveLength(0);
  });

  it("fails when istio-system already names another network, with the command that fixes it", () => {
    const mesh = meshWith("anthos", { namespaces: { "istio-system": { "topology.istio.io/network": "default" } } });
    const result = mesh.run("asm-install", "create", bareMetalEnv(mesh));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("kubectl label ns istio-system topology.istio.io/network=nifclan --overwrite");
  });
});

const gkeEnv = (mesh: FakeMesh) => ({
  KUBECONFIG_DATA: mesh.kubeconfig("gke"),
  ASM_PLATFORM: "gke",
  MESH_REVISION: REVISION,
  ASM_FLEET_ID: "example-mesh-project",
  ASM_CA: "mesh_ca",
  ASM_RELEASE: ASMCLI_BUILD,
  ASM_PROJECT_ID: "example-mesh-project",
  ASM_CLUSTER_NAME: "nifc-anthosgke-cls",
  ASM_CLUSTER_LOCATION: "us-central1-c",
  MESH_OWNER: OWNER,
});

describe("asm-install on GKE", () => {
  it("passes the cluster's GKE coordinates and the same revision, and reports istiod's cluster id", () => {
    const mesh = meshWith("gke");
    const result = mesh.run("asm-install", "create", gkeEnv(mesh));
    expect(result.status).toBe(0);
    const [install] = installs(mesh);
    expect(install.argv.join(" ")).toContain(
      `--revision_name ${REVISION} --project_id example-mesh-project --cluster_name nifc-anthosgke-cls --cluster_location us-central1-c`,
    );
    expect(install.argv).not.toContain("--platform");
    expect(result.json.clusterId).toBe("cn-example-mesh-project-us-central1-c-nifc-anthosgke-cls");
  });

  it("refuses a GKE mesh network asmcli would not use", () => {
    const mesh = meshWith("gke");
    const result = mesh.run("asm-install", "create", { ...gkeEnv(mesh), ASM_NETWORK_ID: "gke-net" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("asmcli names it example-mesh-project-<VPC name>");
    expect(mesh.calls()).toEqual([]);
  });
});
