/** The mesh: its CA, the release asmcli installs, GKE's network name and version, what an existing cluster adopts. */
import { checkAdoptedNamespaces, checkAsmRelease, checkGkeMeshNetwork, checkGkeVersion, checkMeshCa } from "../../../../config/checks/mesh";
import { gkeVersionFor } from "../../../../config/meshRelease";
import { MeshSpec, NifcloudGkeConfig } from "../../../../config/types";
import { draftConfig, existingCluster, gkeCluster, mesh, problemsOf } from "../../../helpers/draftConfig";
import { rawConfig, stackProblems, validatedAs } from "../../../helpers/stackConfig";

const P = "multicloud-mesh:";
const withMesh = (over: Partial<MeshSpec>) => draftConfig({ mesh: mesh(over) });

describe("checkMeshCa", () => {
  it("accepts asmcli with its own CA and manifests with the plug-in CA", () => {
    expect(problemsOf(checkMeshCa, withMesh({}))).toEqual([]);
    expect(problemsOf(checkMeshCa, withMesh({ installer: "manifests", ca: "plugin" }))).toEqual([]);
  });
  it("rejects manifests without the plug-in CA", () => {
    expect(problemsOf(checkMeshCa, withMesh({ installer: "manifests", ca: "mesh_ca" }))).toEqual([
      `${P}mesh.ca = "mesh_ca": must be plugin when Pulumi applies the mesh manifests (one shared root of trust). Fix: set mesh.ca: plugin`,
    ]);
  });
  it("rejects asmcli with the plug-in CA", () => {
    expect(problemsOf(checkMeshCa, withMesh({ ca: "plugin" }))).toEqual([
      `${P}mesh.ca = "plugin": is not an asmcli CA. Fix: use mesh_ca, citadel, gcp_cas or managed_cas with asmcli`,
    ]);
  });
});

describe("checkAsmRelease", () => {
  it("accepts a supported line with a revision of it, and leaves manifests alone", () => {
    expect(problemsOf(checkAsmRelease, withMesh({}))).toEqual([]);
    expect(problemsOf(checkAsmRelease, withMesh({ installer: "manifests", revision: "rev-1", asmcliVersion: "1.17" }))).toEqual([]);
  });
  it("rejects a line Cloud Service Mesh no longer supports", () => {
    expect(problemsOf(checkAsmRelease, withMesh({ asmcliVersion: "1.17", revision: "asm-1178-20" }))).toEqual([
      `${P}mesh.asmcliVersion = "1.17": is not a release line Cloud Service Mesh supports (1.29, 1.30, 1.31). Fix: set mesh.asmcliVersion to one of 1.29, 1.30, 1.31, and mesh.revision to a revision of that line`,
    ]);
  });
  it("rejects a revision asmcli would not name, and one of another line", () => {
    expect(problemsOf(checkAsmRelease, withMesh({ revision: "prod" }))).toEqual([
      `${P}mesh.revision = "prod": is not a revision name asmcli gives (asm-<major><minor><point>-<rev>). Fix: name the release it installs, e.g. asm-1290-1 for 1.29.0-asm.1, or set mesh.release`,
    ]);
    expect(problemsOf(checkAsmRelease, withMesh({ revision: "asm-1300-2" }))).toEqual([
      `${P}mesh.revision = "asm-1300-2": names a release of line 1.30, but asmcli installs line 1.29 (mesh.asmcliVersion). Fix: use a revision of the installed line, or set mesh.release and drop mesh.revision`,
    ]);
  });
  it("rejects a release of another line, and a revision that is not the release's name", () => {
    expect(problemsOf(checkAsmRelease, withMesh({ release: "1.30.0-asm.1" }))).toEqual([
      `${P}mesh.release = "1.30.0-asm.1": is not a release of line 1.29 (mesh.asmcliVersion). Fix: use a release of the configured line, or change the line`,
      `${P}mesh.revision = "asm-1290-1": differs from asm-1300-1, the name asmcli gives release 1.30.0-asm.1. Fix: set mesh.revision: asm-1300-1, or drop it`,
    ]);
  });
});

describe("checkGkeMeshNetwork", () => {
  it("accepts <project>-<vpc>, the name asmcli gives a GKE cluster's network", () => {
    expect(problemsOf(checkGkeMeshNetwork, draftConfig())).toEqual([]);
  });
  it("rejects any other name", () => {
    expect(problemsOf(checkGkeMeshNetwork, draftConfig({ clusters: [gkeCluster({ meshNetwork: "gke-net" }), existingCluster()] }))).toEqual([
      `${P}clusters[0].meshNetwork = "gke-net": is not example-mesh-project-gcp-net, the network name asmcli gives a GKE cluster of project example-mesh-project on VPC gcp-net. Fix: remove meshNetwork (it defaults to example-mesh-project-gcp-net) or set it to that value`,
    ]);
  });
});

describe("checkGkeVersion", () => {
  const at = (version: string | undefined, over: Partial<MeshSpec> = {}) =>
    draftConfig({ clusters: [gkeCluster({}, { version }), existingCluster()], mesh: mesh(over) });
  it("accepts no version (the line's newest) and one inside the line's range", () => {
    expect(problemsOf(checkGkeVersion, at(undefined))).toEqual([]);
    expect(problemsOf(checkGkeVersion, at("1.35.1-gke.1396000"))).toEqual([]);
  });
  it("rejects a version outside the range the line supports", () => {
    expect(problemsOf(checkGkeVersion, at("1.31"))).toEqual([
      `${P}clusters[0].gke.version = "1.31": is GKE 1.31, outside 1.32-1.35, the GKE versions Cloud Service Mesh 1.29 supports. Fix: set clusters[0].gke.version to one of 1.32-1.35, or remove it for 1.35`,
    ]);
  });
  it("asks for a version on a line whose range is not recorded", () => {
    expect(problemsOf(checkGkeVersion, at(undefined, { asmcliVersion: "1.30", revision: "asm-1300-2" }))).toEqual([
      `${P}clusters[0].gke.version = (not set): has no default for Cloud Service Mesh 1.30: the GKE versions that line supports are not recorded here. Fix: set clusters[0].gke.version to a GKE version the line's "Supported platforms" page lists`,
    ]);
  });
});

describe("checkAdoptedNamespaces", () => {
  const adopting = (adoptNamespaces: string[]) => draftConfig({ clusters: [gkeCluster(), existingCluster({}, { adoptNamespaces })] });
  it("accepts the namespaces the stack would create there", () => {
    expect(problemsOf(checkAdoptedNamespaces, adopting(["istio-system", "nifc-gateway", "sample"]))).toEqual([]);
  });
  it("rejects any other", () => {
    expect(problemsOf(checkAdoptedNamespaces, adopting(["sample", "kube-system"]))).toEqual([
      `${P}clusters[1].existing.adoptNamespaces[1] = "kube-system": is not a namespace the stack creates on this cluster (istio-system, nifc-gateway, sample). Fix: list only istio-system, nifc-gateway, sample`,
    ]);
  });
});

it("needs the plug-in CA when Pulumi applies the manifests", () => {
  expect(stackProblems("local", (v) => (v.mesh.ca = "citadel"))).toEqual([expect.stringMatching(/mesh\.ca = "citadel": must be plugin/)]);
});

it("rejects the plug-in CA with asmcli", () => {
  expect(stackProblems("dev", (v) => (v.mesh.ca = "plugin"))).toEqual([expect.stringMatching(/mesh\.ca = "plugin": is not an asmcli CA/)]);
});

describe("the asmcli release line and revision", () => {
  it("rejects a release line Cloud Service Mesh no longer supports, with the fix", () => {
    expect(stackProblems("dev", (v) => ((v.mesh.asmcliVersion = "1.17"), (v.mesh.revision = "asm-1178-20")))).toEqual([
      expect.stringMatching(
        /mesh\.asmcliVersion = "1\.17": is not a release line Cloud Service Mesh supports \(1\.29, 1\.30, 1\.31\)\. Fix: set mesh\.asmcliVersion to one of/,
      ),
    ]);
  });
  it("rejects the seed's revision, which names a release asmcli never installs", () => {
    expect(stackProblems("dev", (v) => (v.mesh.revision = "asm-1175-9"))).toEqual([
      expect.stringMatching(/mesh\.revision = "asm-1175-9": names a release of line 1\.17, but asmcli installs line 1\.29/),
    ]);
  });
  it("rejects a revision asmcli would not name", () => {
    expect(stackProblems("dev", (v) => (v.mesh.revision = "prod"))).toEqual([
      expect.stringMatching(/mesh\.revision = "prod": is not a revision name asmcli gives .*Fix: name the release it installs, e\.g\. asm-1290-1/),
    ]);
  });
  it("defaults the line to 1.29", () => {
    expect(stackProblems("dev", (v) => delete v.mesh.asmcliVersion)).toEqual([]);
  });
  it("derives the revision from a configured release, and rejects one that disagrees", () => {
    expect(stackProblems("dev", (v) => ((v.mesh.release = "1.29.2-asm.5"), delete v.mesh.revision))).toEqual([]);
    expect(stackProblems("dev", (v) => (v.mesh.release = "1.29.2-asm.5"))).toEqual([
      expect.stringMatching(/mesh\.revision = "asm-1290-1": differs from asm-1292-5, the name asmcli gives release 1\.29\.2-asm\.5/),
    ]);
    expect(stackProblems("dev", (v) => ((v.mesh.release = "1.30.0-asm.1"), delete v.mesh.revision))).toContainEqual(
      expect.stringMatching(/mesh\.release = "1\.30\.0-asm\.1": is not a release of line 1\.29/),
    );
  });
  it("says mesh.istioctl is no longer read", () => {
    expect(stackProblems("dev", (v) => (v.mesh.istioctl = "istioctl"))).toEqual([
      expect.stringMatching(/mesh\.istioctl = "istioctl": is no longer used.*Fix: remove mesh\.istioctl/),
    ]);
  });
});

describe("the GKE cluster's mesh network", () => {
  it("must be <project>-<vpc>, the name asmcli gives it", () => {
    expect(stackProblems("dev", (v) => (v.clusters[0].meshNetwork = "gke-net"))).toEqual([
      expect.stringMatching(
        /clusters\[0\]\.meshNetwork = "gke-net": is not example-mesh-project-anthos-hybrid, .*Fix: remove meshNetwork \(it defaults to example-mesh-project-anthos-hybrid\)/,
      ),
    ]);
  });
});

/* What the configuration alone decides before anything is created: the exact release asmcli
 * installs, the GKE version inside the release's support matrix, what an adopted cluster's
 * namespaces and revision may be, and who owns the fleet's mesh feature. */
const dev = (edit?: (v: Record<string, any>) => void): NifcloudGkeConfig => validatedAs("nifcloud-gke", rawConfig("dev", undefined, edit));

describe("the release asmcli installs", () => {
  it("is the one the revision names, with the first asmcli build of it, when only the revision is set", () => {
    expect(dev().mesh).toMatchObject({ revision: "asm-1290-1", asmcliRelease: "1.29.0-asm.1+config1" });
  });
  it("takes an asmcli build as asmcli --version prints it, and derives the revision", () => {
    const mesh = dev((v) => ((v.mesh.release = "1.29.10-asm.4+config2"), delete v.mesh.revision)).mesh;
    expect(mesh).toMatchObject({ revision: "asm-12910-4", release: "1.29.10-asm.4", asmcliRelease: "1.29.10-asm.4+config2" });
  });
  it("rejects a build suffix asmcli never prints", () => {
    expect(stackProblems("dev", (v) => (v.mesh.release = "1.29.0-asm.1+cfg1"))).toEqual([
      expect.stringMatching(
        /mesh\.release = "1\.29\.0-asm\.1\+cfg1": does not match .*Fix: use a release as asmcli --version prints it, e\.g\. 1\.29\.0-asm\.1\+config1/,
      ),
    ]);
  });
});

describe("the GKE cluster's version", () => {
  it("defaults to the newest GKE minor the release line supports (1.32-1.35 for 1.29)", () => {
    const gke = dev().clusters.find((c) => c.platform === "gke");
    expect(gke?.platform === "gke" && gke.gke.version).toBeUndefined();
    expect(gkeVersionFor(undefined, "1.29")).toBe("1.35");
    expect(gkeVersionFor(undefined, "1.31")).toBe("1.36");
    expect(gkeVersionFor("1.33", "1.29")).toBe("1.33");
    expect(gkeVersionFor(undefined, "1.30")).toBeUndefined();
  });
  it.each(["1.32", "1.34", "1.35.1-gke.1396000"])("accepts %s, inside the range", (version) => {
    expect(stackProblems("dev", (v) => (v.clusters[0].gke.version = version))).toEqual([]);
  });
  it.each([
    ["1.31", "1.31"],
    ["1.36.0-gke.100", "1.36"],
  ])("rejects %s, outside the range, with the fix", (version, minor) => {
    expect(stackProblems("dev", (v) => (v.clusters[0].gke.version = version))).toEqual([
      expect.stringMatching(
        new RegExp(
          `clusters\\[0\\]\\.gke\\.version = "${version.replace(/\./g, "\\.")}": is GKE ${minor.replace(".", "\\.")}, outside 1\\.32-1\\.35, the GKE versions Cloud Service Mesh 1\\.29 supports\\. Fix: set clusters\\[0\\]\\.gke\\.version to one of 1\\.32-1\\.35`,
        ),
      ),
    ]);
  });
  it("rejects a version that is no GKE version", () => {
    expect(stackProblems("dev", (v) => (v.clusters[0].gke.version = "latest"))).toEqual([
      expect.stringMatching(/clusters\[0\]\.gke\.version = "latest": does not match .*Fix: use a GKE minor \(1\.35\) or version \(1\.35\.1-gke\.1396000\)/),
    ]);
  });
  it("must be set for a line whose support matrix is not recorded here", () => {
    const line130 = (v: Record<string, any>) => ((v.mesh.asmcliVersion = "1.30"), (v.mesh.revision = "asm-1300-2"));
    expect(stackProblems("dev", line130)).toEqual([
      expect.stringMatching(/clusters\[0\]\.gke\.version = \(not set\): has no default for Cloud Service Mesh 1\.30.*Fix: set clusters\[0\]\.gke\.version/),
    ]);
    expect(stackProblems("dev", (v) => (line130(v), (v.clusters[0].gke.version = "1.34")))).toEqual([]);
  });
});

describe("what already runs on the adopted cluster", () => {
  it("adopts nothing unless told", () => {
    const metal = dev().clusters.find((c) => c.platform === "existing");
    expect(metal).toMatchObject({ existing: { adoptNamespaces: [] } });
    expect(dev().mesh.adoptExistingRevision).toBe(false);
  });
  it("adopts the mesh's own namespaces and the revision when told", () => {
    const config = dev((v) => ((v.clusters[1].existing.adoptNamespaces = ["istio-system", "nifc-gateway", "sample"]), (v.mesh.adoptExistingRevision = true)));
    expect(config.clusters.find((c) => c.platform === "existing")).toMatchObject({ existing: { adoptNamespaces: ["istio-system", "nifc-gateway", "sample"] } });
    expect(config.mesh.adoptExistingRevision).toBe(true);
  });
  it("rejects adopting a namespace the mesh does not use there", () => {
    expect(stackProblems("dev", (v) => (v.clusters[1].existing.adoptNamespaces = ["kube-system"]))).toEqual([
      expect.stringMatching(
        /clusters\[1\]\.existing\.adoptNamespaces\[0\] = "kube-system": is not a namespace the stack creates on this cluster .*Fix: list only istio-system, nifc-gateway, sample/,
      ),
    ]);
  });
  it("rejects a non-boolean adoptExistingRevision", () => {
    expect(stackProblems("dev", (v) => (v.mesh.adoptExistingRevision = "yes"))).toEqual([
      expect.stringMatching(/mesh\.adoptExistingRevision = "yes": must be true or false/),
    ]);
  });
});

describe("the fleet's servicemesh feature", () => {
  it("is the stack's own unless the project already has it", () => {
    expect(dev().mesh.fleetFeature).toBe("own");
    expect(dev((v) => (v.mesh.fleetFeature = "existing")).mesh.fleetFeature).toBe("existing");
    expect(stackProblems("dev", (v) => (v.mesh.fleetFeature = "borrow"))).toEqual([
      expect.stringMatching(/mesh\.fleetFeature = "borrow": is not supported\. Fix: use one of "own", "existing"/),
    ]);
  });
});
