/**
 * Istio's plug-in CA material (tools/certs' Makefile.selfsigned.mk, as code): one root and one
 * intermediate per cluster, so that every cluster's workload certificates chain to the same
 * root. Keys come from Node's native generator and Node signs; node-forge builds the certificates.
 */
import { generateKeyPairSync, randomBytes, sign } from "crypto";
import * as forge from "node-forge";

export interface KeyAndCert {
  readonly certPem: string;
  /** PKCS#1 PEM. Secret. */
  readonly keyPem: string;
}

export interface Intermediate extends KeyAndCert {
  /** The intermediate followed by the root: Istio's `cert-chain.pem`. */
  readonly chainPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface RsaKeys extends forge.pki.rsa.KeyPair {
  /** The private key as PKCS#1 PEM, for Node's signer. */
  readonly privatePem: string;
}

function rsaKeyPair(bits: number): RsaKeys {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: bits,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), privatePem: privateKey };
}

/** forge's own TBSCertificate builder, which its type definitions leave out. */
const forgeTbs = forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 };

/**
 * Signs as forge's `cert.sign(key, sha256)` does (sha256WithRSAEncryption over the DER of the
 * TBSCertificate), but with Node's native RSA: forge's JavaScript takes seconds per 4096-bit
 * signature.
 */
function signCertificate(cert: forge.pki.Certificate, privateKeyPem: string): void {
  cert.signatureOid = cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  const tbs = forgeTbs.getTBSCertificate(cert);
  (cert as forge.pki.Certificate & { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbs;
  cert.signature = sign("sha256", Buffer.from(forge.asn1.toDer(tbs).getBytes(), "binary"), privateKeyPem).toString("binary");
}

function newCertificate(publicKey: forge.pki.PublicKey, subject: forge.pki.CertificateField[], validityDays: number, now: Date): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive 16-byte serial: the leading bit cleared keeps it positive in DER.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString("hex");
  cert.validity.notBefore = new Date(now.getTime() - 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + validityDays * DAY_MS);
  cert.setSubject(subject);
  return cert;
}

/** The mesh's root CA (`root-cert.pem`, `root-key.pem`). */
export function createRootCa(organization: string, validityDays: number, now = new Date()): KeyAndCert {
  const keys = rsaKeyPair(4096);
  const subject = [
    { name: "organizationName", value: organization },
    { name: "commonName", value: "Root CA" },
  ];
  const cert = newCertificate(keys.publicKey, subject, validityDays, now);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  signCertificate(cert, keys.privatePem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** A cluster's intermediate CA (`ca-cert.pem`, `ca-key.pem`, `cert-chain.pem`), signed by the root. */
export function createIntermediateCa(root: KeyAndCert, clusterName: string, organization: string, validityDays: number, now = new Date()): Intermediate {
  const rootCert = forge.pki.certificateFromPem(root.certPem);
  const keys = rsaKeyPair(2048);
  const cert = newCertificate(
    keys.publicKey,
    [
      { name: "organizationName", value: organization },
      { name: "commonName", value: "Intermediate CA" },
      { name: "localityName", value: clusterName },
    ],
    validityDays,
    now,
  );
  cert.setIssuer(rootCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectAltName", altNames: [{ type: 2, value: "istiod.istio-system.svc" }] },
    { name: "subjectKeyIdentifier" },
  ]);
  signCertificate(cert, root.keyPem);
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem: forge.pki.privateKeyToPem(keys.privateKey), chainPem: certPem + root.certPem };
}

/** The `cacerts` Secret's keys, which istiod reads at start. */
export function cacertsData(rootCertPem: string, intermediate: Intermediate): Record<string, string> {
  return {
    "ca-cert.pem": intermediate.certPem,
    "ca-key.pem": intermediate.keyPem,
    "root-cert.pem": rootCertPem,
    "cert-chain.pem": intermediate.chainPem,
  };
}
