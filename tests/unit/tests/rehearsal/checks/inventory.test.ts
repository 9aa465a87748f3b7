import { compareInventories, inventoryObject } from "../../../../rehearsal/checks/inventory";

const ns = (name: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  inventoryObject({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels, resourceVersion: String(Math.random()), ...extra },
    status: { phase: "Active" },
  });

describe("the inventory of a cluster the stack did not create", () => {
  it("ignores what the API server changes on its own (resourceVersion, status)", () => {
    expect(compareInventories("anthos", [ns("legacy")], [ns("legacy")])).toEqual({ leftovers: [], foreign: [] });
  });

  it("reports an object the run added and did not remove", () => {
    const { leftovers } = compareInventories("anthos", [ns("legacy")], [ns("legacy"), ns("sample")]);
    expect(leftovers.map((f) => f.message)).toEqual(["anthos: v1/Namespace sample is left after destroy"]);
  });

  it("reports a label stripped from an object that existed before", () => {
    const { foreign } = compareInventories("anthos", [ns("legacy", { "istio.io/rev": "asm-1280-2" })], [ns("legacy")]);
    expect(foreign.map((f) => f.message)).toEqual(["anthos: v1/Namespace legacy, which existed before the run, was changed"]);
  });

  it("reports an object that existed before and was deleted", () => {
    const { foreign } = compareInventories("anthos", [ns("legacy")], []);
    expect(foreign).toHaveLength(1);
  });

  it("compares key order-independently", () => {
    const a = inventoryObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "n" }, data: { a: "1", b: "2" } });
    const b = inventoryObject({ kind: "ConfigMap", apiVersion: "v1", data: { b: "2", a: "1" }, metadata: { namespace: "n", name: "c" } });
    expect(a.content).toBe(b.content);
  });
});

describe("bookkeeping annotations", () => {
  it("compares an object whose only annotation kubectl apply added as the object was before", () => {
    const before = inventoryObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system", labels: { a: "b" } } });
    const after = inventoryObject({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "kube-system", labels: { a: "b" }, annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" } },
    });
    expect(after).toEqual(before);
  });
});
