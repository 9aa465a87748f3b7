import { X509Certificate, createPrivateKey, createPublicKey } from "crypto";
import { cacertsData, createIntermediateCa, createRootCa } from "../../../lib/pki";

describe("the plug-in CA", () => {
  const root = createRootCa("multicloud-mesh", 3650);
  const east = createIntermediateCa(root, "east", "multicloud-mesh", 730);
  const west = createIntermediateCa(root, "west", "multicloud-mesh", 730);
  const rootCert = new X509Certificate(root.certPem);

  it("has a self-signed CA root", () => {
    expect(rootCert.ca).toBe(true);
    expect(rootCert.verify(rootCert.publicKey)).toBe(true);
    expect(rootCert.subject).toContain("O=multicloud-mesh");
  });

  it("signs one intermediate CA per cluster, each chaining to the same root", () => {
    for (const [cluster, ca] of [
      ["east", east],
      ["west", west],
    ] as const) {
      const cert = new X509Certificate(ca.certPem);
      expect(cert.ca).toBe(true);
      expect(cert.checkIssued(rootCert)).toBe(true);
      expect(cert.verify(rootCert.publicKey)).toBe(true);
      expect(cert.subject).toContain(`L=${cluster}`);
      expect(cert.subjectAltName).toBe("DNS:istiod.istio-system.svc");
    }
    expect(new X509Certificate(east.certPem).serialNumber).not.toBe(new X509Certificate(west.certPem).serialNumber);
  });

  it("pairs each certificate with its own key", () => {
    for (const ca of [root, east]) {
      const fromKey = createPublicKey(createPrivateKey(ca.keyPem)).export({ type: "spki", format: "pem" });
      expect(new X509Certificate(ca.certPem).publicKey.export({ type: "spki", format: "pem" })).toBe(fromKey);
    }
  });

  it("is not signed by any other key", () => {
    // Another CA's key (west's) stands in for a foreign root: a second 4096-bit root would cost seconds.
    expect(new X509Certificate(east.certPem).verify(new X509Certificate(west.certPem).publicKey)).toBe(false);
    expect(new X509Certificate(east.certPem).verify(new X509Certificate(east.certPem).publicKey)).toBe(false);
  });

  it("gives istiod the four files of cacerts, the chain ending in the root", () => {
    const data = cacertsData(root.certPem, east);
    expect(Object.keys(data).sort()).toEqual(["ca-cert.pem", "ca-key.pem", "cert-chain.pem", "root-cert.pem"]);
    expect(data["cert-chain.pem"]).toBe(east.certPem + root.certPem);
    expect(data["ca-key.pem"]).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
  });

  it("honours the validity it is given", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const cert = new X509Certificate(createIntermediateCa(root, "east", "multicloud-mesh", 30, now).certPem);
    expect(new Date(cert.validTo).getTime() - now.getTime()).toBe(30 * 24 * 3600 * 1000);
  });
});
