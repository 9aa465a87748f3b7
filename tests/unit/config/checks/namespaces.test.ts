/** Namespaces the stack creates: no system namespace, none created twice. */
import { checkNamespaces } from "../../../../config/checks/namespaces";
import { draftConfig, mesh, problemsOf, verify } from "../../../helpers/draftConfig";
import { SAMPLE_MCS_APP } from "../../../helpers/mcsAppFixture";
import { stackProblems } from "../../../helpers/stackConfig";

const P = "multicloud-mesh:";

describe("checkNamespaces", () => {
  it("accepts the mesh's namespaces, the verification's among the workloads", () => {
    expect(problemsOf(checkNamespaces, draftConfig())).toEqual([]);
  });
  it("rejects a system namespace for the gateway", () => {
    expect(problemsOf(checkNamespaces, draftConfig({ mesh: mesh({ gatewayNamespace: "istio-system" }) }))).toEqual([
      `${P}mesh.gatewayNamespace = "istio-system": is a system namespace, which the stack must neither create nor delete. Fix: use a namespace of the app's own, e.g. sample`,
    ]);
  });
  it("rejects a namespace created twice, the app's included", () => {
    const config = draftConfig({
      topology: "local",
      mesh: mesh({ installer: "manifests", ca: "plugin", workloadNamespaces: ["sample", "sample"] }),
      multiClusterServices: { providerCluster: "gke", consumerCluster: "anthos", app: { ...SAMPLE_MCS_APP, namespace: "nifc-gateway" } },
    });
    expect(problemsOf(checkNamespaces, config)).toEqual([
      `${P}mesh.workloadNamespaces[1] = "sample": is also mesh.workloadNamespaces[0]: the stack would create that namespace twice. Fix: give each its own namespace, or list it once`,
      `${P}multiClusterServices.app.namespace = "nifc-gateway": is also mesh.gatewayNamespace: the stack would create that namespace twice. Fix: give each its own namespace, or list it once`,
    ]);
  });
  it("rejects a verification namespace that is a system one, or no workload namespace", () => {
    expect(problemsOf(checkNamespaces, draftConfig({ verify: verify({ namespace: "default" }) }))).toEqual([
      `${P}verify.namespace = "default": is a system namespace, which the stack must neither create nor delete. Fix: use a namespace of its own, e.g. sample`,
    ]);
    expect(problemsOf(checkNamespaces, draftConfig({ verify: verify({ namespace: "demo" }) }))).toEqual([
      `${P}verify.namespace = "demo": is not one of mesh.workloadNamespaces, so its pods would get no sidecar. Fix: add demo to mesh.workloadNamespaces`,
    ]);
  });
});

type Edit = (v: Record<string, any>) => void;

const cases: [string, string, Edit, RegExp][] = [
  [
    "local",
    "kube-system for the app",
    (v) => (v.multiClusterServices.app.namespace = "kube-system"),
    /multiClusterServices\.app\.namespace = "kube-system": is a system namespace/,
  ],
  ["ack-dev", "default for the app", (v) => (v.ackOne.app.namespace = "default"), /ackOne\.app\.namespace = "default": is a system namespace/],
  ["dev", "istio-system for the gateway", (v) => (v.mesh.gatewayNamespace = "istio-system"), /mesh\.gatewayNamespace = "istio-system": is a system namespace/],
  [
    "dev",
    "kube-system as a workload namespace",
    (v) => v.mesh.workloadNamespaces.push("kube-system"),
    /mesh\.workloadNamespaces\[1\] = "kube-system": is a system namespace/,
  ],
  [
    "dev",
    "a workload namespace twice",
    (v) => v.mesh.workloadNamespaces.push("sample"),
    /mesh\.workloadNamespaces\[1\] = "sample": is also mesh\.workloadNamespaces\[0\]/,
  ],
  [
    "local",
    "the app in a mesh namespace",
    (v) => (v.multiClusterServices.app.namespace = "istio-gateways"),
    /multiClusterServices\.app\.namespace = "istio-gateways": is also mesh\.gatewayNamespace/,
  ],
];

it.each(cases)("%s: rejects %s", (stack, _what, edit, expected) => {
  expect(stackProblems(stack, edit)).toEqual([expect.stringMatching(expected)]);
});
