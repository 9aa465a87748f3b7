/** The `mesh` and `verify` sections: defaults follow the installer, names are DNS labels. */
import { Problems, Reader } from "../../../../config/problems";
import { readMesh, readVerify } from "../../../../config/read/mesh";
import { stackProblems } from "../../../helpers/stackConfig";

const mesh = (value: Record<string, unknown>) => {
  const problems = new Problems();
  return { mesh: readMesh(new Reader(problems, "mesh", value)), problems: problems.list };
};
const verify = (value: Record<string, unknown>, clusters = ["gke", "anthos"]) => {
  const problems = new Problems();
  return { verify: readVerify(new Reader(problems, "verify", value), clusters), problems: problems.list };
};

describe("readMesh", () => {
  it("defaults to asmcli with the managed mesh CA", () => {
    expect(mesh({ revision: "asm-1290-1" })).toEqual({
      mesh: {
        installer: "asmcli",
        revision: "asm-1290-1",
        asmcliRelease: "1.29.0-asm.1+config1",
        adoptExistingRevision: false,
        fleetFeature: "own",
        asmcliVersion: "1.29",
        istioVersion: "1.24.3",
        ca: "mesh_ca",
        gatewayNamespace: "istio-gateways",
        workloadNamespaces: [],
      },
      problems: [],
    });
  });

  it("defaults the CA to a plug-in CA when Pulumi applies the manifests", () => {
    expect(mesh({ installer: "manifests", revision: "rev-1" }).mesh.ca).toBe("plugin");
    expect(mesh({ installer: "manifests", revision: "rev-1", ca: "citadel" }).mesh.ca).toBe("citadel");
  });

  it.each([
    ["an upper-case revision", { revision: "ASM-1175" }, /mesh\.revision = "ASM-1175": does not match .*Fix: use the revision label asmcli names/],
    ["a missing revision", {}, /mesh\.revision = \(not set\): is required/],
    ["an unknown installer", { revision: "r1", installer: "helm" }, /mesh\.installer = "helm": is not supported\. Fix: use one of "asmcli", "manifests"/],
    ["an unknown CA", { revision: "r1", ca: "vault" }, /mesh\.ca = "vault": is not supported/],
    ["an Istio minor version", { revision: "r1", istioVersion: "1.24" }, /mesh\.istioVersion = "1\.24".*Fix: use an Istio release such as 1\.24\.3/],
    [
      "an asmcli patch version",
      { revision: "r1", asmcliVersion: "1.17.5" },
      /mesh\.asmcliVersion = "1\.17\.5".*Fix: use a supported release line: 1\.29, 1\.30, 1\.31/,
    ],
    ["a gateway namespace with capitals", { revision: "r1", gatewayNamespace: "Gateways" }, /mesh\.gatewayNamespace = "Gateways".*Fix: use a DNS-1123 label/],
  ])("rejects %s", (_what, value, expected) => {
    expect(mesh(value).problems).toEqual([expect.stringMatching(expected)]);
  });

  it("names the entry of a bad workload namespace by its index", () => {
    const { mesh: m, problems } = mesh({ revision: "r1", workloadNamespaces: ["sample", "Bad_NS", 7] });
    expect(m.workloadNamespaces).toEqual(["sample", "Bad_NS", "7"]);
    expect(problems).toEqual([
      expect.stringMatching(/mesh\.workloadNamespaces\[1\] = "Bad_NS": is not a namespace name\. Fix: use a DNS-1123 label/),
      expect.stringMatching(/mesh\.workloadNamespaces\[2\] = 7: is not a namespace name/),
    ]);
  });
});

describe("readVerify", () => {
  it("is off by default and then does not check the cluster names", () => {
    expect(verify({ v1Cluster: "aks" })).toEqual({
      verify: { enabled: false, namespace: "sample", v1Cluster: "aks", v2Cluster: "", requests: 10, skipAwait: false },
      problems: [],
    });
  });

  it("when on, requires both clusters to be declared ones", () => {
    expect(verify({ enabled: true, v1Cluster: "gke", v2Cluster: "anthos" }).problems).toEqual([]);
    expect(verify({ enabled: true, v1Cluster: "aks", v2Cluster: "anthos" }).problems).toEqual([
      expect.stringMatching(/verify\.v1Cluster = "aks": is not supported\. Fix: use one of "gke", "anthos"/),
    ]);
  });

  it("keeps the request count between 1 and 100", () => {
    expect(verify({ requests: 100 }).problems).toEqual([]);
    expect(verify({ requests: 0 }).problems).toEqual([expect.stringMatching(/verify\.requests = 0: must be a whole number from 1 to 100/)]);
    expect(verify({ requests: "10" }).problems).toEqual([expect.stringMatching(/verify\.requests = "10": must be a whole number from 1 to 100, not a string/)]);
  });
});

describe("in the dev stack, a bad verify section", () => {
  const cases: [string, (v: Record<string, any>) => void, RegExp][] = [
    [
      "verify on a cluster that does not exist",
      (v) => {
        v.verify.v1Cluster = "aks";
      },
      /verify\.v1Cluster = "aks": is not supported\. Fix: use one of "gke", "anthos"/,
    ],
  ];
  it.each(cases)("rejects %s", (_what, edit, expected) => {
    expect(stackProblems("dev", edit).join("\n")).toMatch(expected);
  });
});

it("rejects a bad Istio release in the local stack, naming the key and the fix", () => {
  expect(stackProblems("local", (v) => (v.mesh.istioVersion = "1.24")).join("\n")).toMatch(
    /mesh\.istioVersion = "1\.24".*Fix: use an Istio release such as 1\.24\.3/,
  );
});
