import { stackProblems } from "../../../helpers/stackConfig";

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
