/**
 * Members are detached only after the objects the hub distributed have left them: on delete,
 * scripts/ackone/member-objects.sh re-reads each member cluster through the hub's proxy until the
 * app and its Service are gone there.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const HUB_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: hub\n  cluster:\n    server: https://47.74.1.1:6443\n";
const ENV = {
  KUBECONFIG_DATA: HUB_KUBECONFIG,
  MEMBER_CLUSTER_IDS: "cacs cgke",
  MEMBER_NAMESPACE: "provider-ns",
  MEMBER_OBJECTS: "apps/v1/deployments/web-demo v1/services/service1",
};
const WEB_DEMO = "provider-ns|deployment.apps/web-demo";
const SERVICE1 = "provider-ns|service/service1";

describe("member objects guard", () => {
  it("creates nothing and calls nothing", () => {
    const cloud = new FakeAliyun();
    const result = cloud.run("ackone/member-objects", "create", ENV);
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ Members: "cacs cgke" });
    expect(cloud.kubectlCalls()).toEqual([]);
  });

  it("on delete, waits, re-reading each member through the hub, until web-demo and service1 have left them", () => {
    const cloud = new FakeAliyun();
    cloud.memberObjects("cacs", [WEB_DEMO, SERVICE1], 3);
    cloud.memberObjects("cgke", [SERVICE1], 2);
    const result = cloud.run("ackone/member-objects", "delete", ENV);
    expect(result.status).toBe(0);
    expect(cloud.memberObjectKeys("cacs")).toEqual([]);
    expect(cloud.memberObjectKeys("cgke")).toEqual([]);
    const reads = cloud.kubectlCalls().filter((c) => c.argv.includes("--raw"));
    expect(reads.length).toBeGreaterThanOrEqual(3 + 3 + 2);
    expect(reads[0].kubeconfig.trim()).toBe(HUB_KUBECONFIG.trim());
    expect(reads.map((c) => c.argv[c.argv.indexOf("--raw") + 1])).toEqual(
      expect.arrayContaining([
        "/apis/cluster.core.oam.dev/v1alpha1/clustergateways/cacs/proxy/apis/apps/v1/namespaces/provider-ns/deployments/web-demo",
        "/apis/cluster.core.oam.dev/v1alpha1/clustergateways/cgke/proxy/api/v1/namespaces/provider-ns/services/service1",
      ]),
    );
    expect(result.stderr).toContain("cacs still holds");
  });

  it("waits, where the hub handed the namespace itself, until the namespace has left that member too, and nowhere else", () => {
    const cloud = new FakeAliyun();
    cloud.memberObjects("cacs", [WEB_DEMO], 1);
    cloud.memberObjects("cacs", ["|namespace/provider-ns"], 3);
    // GKE's provider-ns is Pulumi's own, not the hub's: never waited for.
    cloud.memberObjects("cgke", ["|namespace/provider-ns"]);
    const result = cloud.run("ackone/member-objects", "delete", { ...ENV, MEMBER_NAMESPACE_CLUSTERS: "cacs" });
    expect(result.stderr).not.toContain("ERROR");
    expect(result.status).toBe(0);
    expect(cloud.memberObjectKeys("cacs")).toEqual([]);
    expect(cloud.memberObjectKeys("cgke")).toEqual(["|namespace/provider-ns"]);
    const paths = cloud.kubectlCalls().map((c) => c.argv[c.argv.indexOf("--raw") + 1]);
    expect(paths).toContain("/apis/cluster.core.oam.dev/v1alpha1/clustergateways/cacs/proxy/api/v1/namespaces/provider-ns");
    expect(paths).not.toContain("/apis/cluster.core.oam.dev/v1alpha1/clustergateways/cgke/proxy/api/v1/namespaces/provider-ns");
    expect(result.stderr).toContain("cacs still holds v1/namespaces/provider-ns");
  });

  it("fails on timeout naming the namespace a member still holds", () => {
    const cloud = new FakeAliyun();
    cloud.memberObjects("cacs", ["|namespace/provider-ns"]);
    cloud.memberObjects("cgke", [SERVICE1], 1);
    const result = cloud.run("ackone/member-objects", "delete", { ...ENV, MEMBER_NAMESPACE_CLUSTERS: "cacs", MEMBER_TIMEOUT: "1" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("member clusters still hold what the hub distributed: cacs: v1/namespaces/provider-ns");
  });

  it("fails on timeout naming what each member still holds", () => {
    const cloud = new FakeAliyun();
    cloud.memberObjects("cacs", [WEB_DEMO]);
    const result = cloud.run("ackone/member-objects", "delete", { ...ENV, MEMBER_TIMEOUT: "1" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("member clusters still hold what the hub distributed: cacs: apps/v1/deployments/web-demo");
  });

  it("fails with the proxy's error when a member cannot be read, never taking it for one that is empty", () => {
    const cloud = new FakeAliyun();
    cloud.memberObjects("cgke", [SERVICE1]);
    cloud.membersUnreachable(["cgke"]);
    const result = cloud.run("ackone/member-objects", "delete", { ...ENV, MEMBER_TIMEOUT: "1" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ServiceUnavailable");
  });

  it("has nothing to wait for in a member the hub no longer reaches (already detached)", () => {
    const cloud = new FakeAliyun();
    cloud.memberObjects("cacs", [WEB_DEMO], 1);
    const result = cloud.run("ackone/member-objects", "delete", ENV);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("the hub has no cluster gateway to member cgke");
    expect(cloud.memberObjectKeys("cacs")).toEqual([]);
  });
});
