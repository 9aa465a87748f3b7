/** Namespaces the stack creates: no system namespace, none created twice. */
import { stackProblems } from "../../../helpers/stackConfig";

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
