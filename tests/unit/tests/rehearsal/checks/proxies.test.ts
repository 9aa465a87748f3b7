import { orphanedProxies, proxyRevision } from "../../../../rehearsal/checks/proxies";

describe("orphaned proxies", () => {
  const pod = (name: string, annotations: Record<string, string>, labels: Record<string, string> = {}) => ({
    metadata: { name, namespace: "sample", annotations, labels },
  });
  const istiod = (rev: string) => ({ metadata: { name: `istiod-${rev}`, labels: { app: "istiod", "istio.io/rev": rev } } });

  it("reads the revision from sidecar.istio.io/status first, as Istio's injector writes it", () => {
    expect(proxyRevision(pod("a", { "sidecar.istio.io/status": '{"revision":"asm-1290-1"}', "istio.io/rev": "other" }))).toBe("asm-1290-1");
  });

  it("reads a gateway pod's revision from its label", () => {
    expect(proxyRevision(pod("gw", {}, { "istio.io/rev": "asm-1290-1" }))).toBe("asm-1290-1");
  });

  it("reports a pod whose revision's istiod is gone, and not one whose istiod runs", () => {
    const pods = [pod("old", { "istio.io/rev": "asm-1280-1" }), pod("new", { "istio.io/rev": "asm-1290-1" }), pod("plain", {})];
    const findings = orphanedProxies("anthos", pods, [istiod("asm-1290-1")]);
    expect(findings.map((f) => f.message)).toEqual(["anthos: pod sample/old runs a proxy of revision asm-1280-1, whose istiod is gone"]);
  });
});
