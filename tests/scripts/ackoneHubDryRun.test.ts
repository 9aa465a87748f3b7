/**
 * The hub validates an object before the stack creates it: scripts/ackone/hub-dry-run.sh asks the
 * hub's API server for a server-side dry run with strict field validation, and fails with the
 * hub's own message when it refuses the object.
 */
import { FakeAliyun } from "../helpers/fakeAliyun";

const HUB_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: hub\n  cluster:\n    server: https://192.168.1.10:6443\n";
const MCS = {
  apiVersion: "networking.one.alibabacloud.com/v1alpha1",
  kind: "MultiClusterService",
  metadata: { name: "service1", namespace: "provider-ns" },
  spec: { consumerClusters: [{ name: "cgke" }], providerClusters: [{ name: "cacs" }] },
};
const ENV = { KUBECONFIG_DATA: HUB_KUBECONFIG, DRY_RUN_OBJECT: JSON.stringify(MCS) };

describe("hub dry run", () => {
  it("sends the object to the hub as a server-side dry run with strict field validation, on the hub's kubeconfig", () => {
    const cloud = new FakeAliyun();
    const result = cloud.run("ackone/hub-dry-run", "create", ENV);
    expect(result.status).toBe(0);
    expect(result.json).toEqual({ Validated: "networking.one.alibabacloud.com/v1alpha1 MultiClusterService provider-ns/service1" });
    const [call] = cloud.kubectlCalls();
    expect(call.argv).toEqual(expect.arrayContaining(["apply", "--server-side", "--dry-run=server", "--validate=strict", "--force-conflicts"]));
    expect(call.kubeconfig.trim()).toBe(HUB_KUBECONFIG.trim());
    expect(JSON.parse(call.file)).toEqual(MCS);
    expect(cloud.apis()).toEqual([]);
  });

  it("fails with the hub's message, naming the object and where its form is described, when the hub refuses it", () => {
    const cloud = new FakeAliyun();
    cloud.applyFailsAt("MultiClusterService");
    const result = cloud.run("ackone/hub-dry-run", "create", ENV);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("admission webhook denied the request");
    expect(result.stderr).toContain("the hub refused networking.one.alibabacloud.com/v1alpha1 MultiClusterService provider-ns/service1");
    expect(result.stderr).toContain("docs/runbooks/ack-dev.md");
  });

  it("re-validates on update (a changed object) and removes nothing on delete", () => {
    const cloud = new FakeAliyun();
    expect(cloud.run("ackone/hub-dry-run", "update", ENV).status).toBe(0);
    const deleted = cloud.run("ackone/hub-dry-run", "delete", ENV);
    expect(deleted.status).toBe(0);
    expect(cloud.kubectlCalls()).toHaveLength(1);
  });

  it("needs the kubeconfig and the object", () => {
    const cloud = new FakeAliyun();
    const result = cloud.run("ackone/hub-dry-run", "create", { KUBECONFIG_DATA: HUB_KUBECONFIG });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("DRY_RUN_OBJECT is required");
  });
});
