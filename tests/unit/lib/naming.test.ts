import * as fc from "fast-check";
import {
  DNS_LABEL,
  GCP_NAME,
  NIFCLOUD_NAME,
  SERVICE_ACCOUNT_ID,
  gcpName,
  gkeMeshNetwork,
  gkeNodePoolName,
  gkeNodeTag,
  meshId,
  nodeServiceAccountId,
} from "../../../lib/naming";

describe("naming", () => {
  it("follows NIFCLOUD's 1-15 alphanumerics", () => {
    expect(NIFCLOUD_NAME.test("NifcAnthosVpn")).toBe(true);
    expect(NIFCLOUD_NAME.test("NifcAnthosClsLan")).toBe(false);
    expect(NIFCLOUD_NAME.test("VPN-CGW")).toBe(false);
    expect(NIFCLOUD_NAME.test("")).toBe(false);
  });
  it("builds GCP names and mesh identifiers the way asmcli does", () => {
    expect(gcpName("Anthos_Hybrid", "peer-mesh")).toBe("anthos-hybrid-peer-mesh");
    expect(gcpName("x".repeat(80)).length).toBeLessThanOrEqual(63);
    expect(gkeMeshNetwork("example-mesh-project", "anthos-hybrid")).toBe("example-mesh-project-anthos-hybrid");
    expect(meshId("123456789012")).toBe("proj-123456789012");
    expect(DNS_LABEL.test("asm-1175-9")).toBe(true);
    expect(DNS_LABEL.test("ASM")).toBe(false);
  });
});

/** GKE cluster names as validation accepts them (config/read/cluster.ts): 1-40 characters. */
const clusterName = fc.stringMatching(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/);

describe("a GKE cluster's node names", () => {
  it("names the node account <cluster>-nodes when it fits", () => {
    expect(nodeServiceAccountId("nifc-anthosgke-cls")).toBe("nifc-anthosgke-cls-nodes");
    expect(nodeServiceAccountId("a")).toBe("a-nodes");
  });
  it("gives every cluster name a valid account id, and two names that share their first characters two ids", () => {
    fc.assert(fc.property(clusterName, (name) => SERVICE_ACCOUNT_ID.test(nodeServiceAccountId(name))));
    const long = "ackone-consumer-gke-in-asia-northeast";
    expect(nodeServiceAccountId(long)).toHaveLength(30);
    expect(nodeServiceAccountId(long)).not.toBe(nodeServiceAccountId(`${long}1`));
  });
  it("names the node pools of the two accounts apart, within GKE's 40 characters, and tags the nodes with a GCP name", () => {
    expect(gkeNodePoolName("nifc-anthosgke-cls", "compute-default")).toBe("nifc-anthosgke-cls-pool");
    expect(gkeNodePoolName("nifc-anthosgke-cls", "dedicated")).toBe("nifc-anthosgke-cls-nodes");
    fc.assert(
      fc.property(clusterName, (name) => {
        const [old, dedicated] = [gkeNodePoolName(name, "compute-default"), gkeNodePoolName(name, "dedicated")];
        return old.length <= 40 && dedicated.length <= 40 && GCP_NAME.test(gkeNodeTag(name));
      }),
    );
  });
});
