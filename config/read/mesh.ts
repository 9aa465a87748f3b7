import { DNS_LABEL } from "../../lib/naming";
import { Reader } from "../problems";
import { DEFAULT_ASM_LINE, MESH_RELEASE_INPUT, SUPPORTED_ASM_LINES, asmRevision, asmcliBuild, revisionRelease } from "../meshRelease";
import { MeshSpec, VerifySpec } from "../types";

export function readMesh(m: Reader): MeshSpec {
  const installer = m.oneOf("installer", ["asmcli", "manifests"] as const, "asmcli");
  const configured = m.optionalString("release", {
    pattern: MESH_RELEASE_INPUT,
    fix: "use a release as asmcli --version prints it, e.g. 1.29.0-asm.1+config1 (or 1.29.0-asm.1 for its first build)",
  });
  const validRelease = configured !== undefined && MESH_RELEASE_INPUT.test(configured) ? configured : undefined;
  const derived = validRelease === undefined ? undefined : asmRevision(validRelease.split("+")[0]);
  if (m.get("istioctl") !== undefined) {
    m.read.add("istioctl");
    m.problems.add(
      m.key("istioctl"),
      m.get("istioctl"),
      "is no longer used: every step runs the istioctl of the installed release, kept per release",
      "remove mesh.istioctl from the stack file",
    );
  }
  const revision = m.string("revision", { pattern: DNS_LABEL, default: derived, fix: "use the revision label asmcli names, e.g. asm-1290-1" });
  // asmcli installs exactly the release its build names: without mesh.release, the revision's.
  const build = installer !== "asmcli" ? validRelease : (validRelease ?? revisionRelease(revision));
  const release = validRelease?.split("+")[0] ?? configured;
  return {
    installer,
    revision,
    asmcliVersion: m.string("asmcliVersion", {
      pattern: /^\d+\.\d+$/,
      default: DEFAULT_ASM_LINE,
      fix: `use a supported release line: ${SUPPORTED_ASM_LINES.join(", ")}`,
    }),
    ...(release === undefined ? {} : { release }),
    ...(build === undefined || installer !== "asmcli" ? {} : { asmcliRelease: asmcliBuild(build) }),
    adoptExistingRevision: m.boolean("adoptExistingRevision", false),
    fleetFeature: m.oneOf("fleetFeature", ["own", "existing"] as const, "own"),
    istioVersion: m.string("istioVersion", { pattern: /^\d+\.\d+\.\d+$/, default: "1.24.3", fix: "use an Istio release such as 1.24.3" }),
    ca: m.oneOf("ca", ["mesh_ca", "citadel", "gcp_cas", "managed_cas", "plugin"] as const, installer === "asmcli" ? "mesh_ca" : "plugin"),
    gatewayNamespace: m.string("gatewayNamespace", { pattern: DNS_LABEL, default: "istio-gateways", fix: "use a DNS-1123 label" }),
    workloadNamespaces: m.list("workloadNamespaces", { required: false }).map((ns, i) => {
      if (typeof ns !== "string" || !DNS_LABEL.test(ns))
        m.problems.add(`${m.key("workloadNamespaces")}[${i}]`, ns, "is not a namespace name", "use a DNS-1123 label");
      return String(ns);
    }),
  };
}

/** The verification step; the clusters it names are checked against every declared cluster name. */
export function readVerify(v: Reader, clusterNames: readonly string[]): VerifySpec {
  const enabled = v.boolean("enabled", false);
  const cluster = (key: string): string => {
    if (enabled) return v.oneOf(key, clusterNames);
    const raw = v.get(key);
    return typeof raw === "string" ? raw : "";
  };
  return {
    enabled,
    namespace: v.string("namespace", { pattern: DNS_LABEL, default: "sample", fix: "use a DNS-1123 label" }),
    v1Cluster: cluster("v1Cluster"),
    v2Cluster: cluster("v2Cluster"),
    requests: v.integer("requests", { min: 1, max: 100, default: 10 }),
    skipAwait: v.boolean("skipAwait", false),
  };
}
