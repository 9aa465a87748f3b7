import { namespaceIgnored, namespaceSynced, syncedNamespaces } from "../../../../rehearsal/fleet/namespaces";

const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });

describe("Karmada's namespace sync", () => {
  it("syncs every namespace but default, kube-*, the reserved ones and those labelled to skip", () => {
    const names = ["provider-ns", "default", "kube-system", "kube-node-lease", "karmada-system", "karmada-cluster", "karmada-es-c1", "argocd"];
    expect(names.filter((n) => namespaceSynced(ns(n)))).toEqual(["provider-ns", "argocd"]);
    expect(namespaceSynced(ns("quiet", { "namespace.karmada.io/skip-auto-propagation": "TRUE" }))).toBe(false);
  });

  it("copies name, labels and annotations only", () => {
    const hub = {
      ...ns("provider-ns", { team: "a" }),
      metadata: { name: "provider-ns", labels: { team: "a" }, annotations: { n: "1" }, uid: "u" },
      spec: { finalizers: ["kubernetes"] },
    };
    expect(syncedNamespaces([hub])).toEqual([
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "provider-ns", labels: { team: "a" }, annotations: { n: "1" } } },
    ]);
  });

  it("ignores templates in reserved and kube-* namespaces but not in default", () => {
    expect(["default", "kube-public", "karmada-es-x", "provider-ns"].filter(namespaceIgnored)).toEqual(["kube-public", "karmada-es-x"]);
  });
});
