import { DNS_LABEL, NIFCLOUD_NAME, gcpName, gkeMeshNetwork, meshId } from "../../../lib/naming";

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
