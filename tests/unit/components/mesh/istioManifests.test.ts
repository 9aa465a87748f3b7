import { READER_RULES, istiodDeployment, readerClusterRole } from "../../../../components/mesh/istioManifests";

describe("the control plane as objects", () => {
  it("gives the reader identity read-only access (remote secrets must not write to the other cluster)", () => {
    const verbs = new Set(READER_RULES.flatMap((r) => r.verbs));
    expect([...verbs].filter((v) => !["get", "list", "watch", "create"].includes(v))).toEqual([]);
    const creates = READER_RULES.filter((r) => r.verbs.includes("create")).flatMap((r) => r.resources);
    expect(creates.sort()).toEqual(["subjectaccessreviews", "tokenreviews"]);
  });

  it("binds the reader role to istio-reader-service-account in istio-system", () => {
    const { binding } = readerClusterRole("local-1-24");
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "istio-reader-service-account", namespace: "istio-system" }]);
    expect(binding.roleRef.name).toBe("istio-reader-clusterrole-local-1-24-istio-system");
  });

  it("mounts the plug-in CA where istiod looks for it, with its cluster id", () => {
    const d = istiodDeployment({ revision: "r1", istioVersion: "1.24.3", clusterName: "east", network: "east-net", meshId: "m" });
    const container = d.spec.template.spec.containers[0];
    expect(container.image).toBe("docker.io/istio/pilot:1.24.3");
    expect(container.volumeMounts).toContainEqual({ name: "cacerts", mountPath: "/etc/cacerts", readOnly: true });
    expect(container.env).toContainEqual({ name: "CLUSTER_ID", value: "east" });
  });
});
