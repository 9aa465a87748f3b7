import { DraftConfig } from "../draft";
import { DNS_LABEL, gkeMeshNetwork } from "../../lib/naming";
import {
  CSM_PLATFORMS,
  GKE_VERSION,
  SUPPORTED_ASM_LINES,
  asmRevision,
  inRange,
  isSupportedLine,
  kubernetesMinor,
  revisionLine,
  showRange,
} from "../meshRelease";
import { Problems } from "../problems";

/** Manifests need one shared plug-in root; asmcli brings its own CA and cannot take a plug-in one. */
export function checkMeshCa(problems: Problems, config: DraftConfig): void {
  const mesh = config.mesh;
  if (!mesh) return;
  if (mesh.installer === "manifests" && mesh.ca !== "plugin")
    problems.add("mesh.ca", mesh.ca, "must be plugin when Pulumi applies the mesh manifests (one shared root of trust)", "set mesh.ca: plugin");
  if (mesh.installer === "asmcli" && mesh.ca === "plugin")
    problems.add("mesh.ca", mesh.ca, "is not an asmcli CA", "use mesh_ca, citadel, gcp_cas or managed_cas with asmcli");
}

/**
 * asmcli installs a supported release line, under a revision named after a release of that
 * line (asmcli names it `asm-<major><minor><point>-<rev>`; a revision of another line names a
 * control plane that was never installed).
 */
export function checkAsmRelease(problems: Problems, config: DraftConfig): void {
  const mesh = config.mesh;
  if (!mesh || mesh.installer !== "asmcli") return;
  const supported = SUPPORTED_ASM_LINES.join(", ");
  if (/^\d+\.\d+$/.test(mesh.asmcliVersion) && !isSupportedLine(mesh.asmcliVersion))
    problems.add(
      "mesh.asmcliVersion",
      mesh.asmcliVersion,
      `is not a release line Cloud Service Mesh supports (${supported})`,
      `set mesh.asmcliVersion to one of ${supported}, and mesh.revision to a revision of that line`,
    );
  if (mesh.release !== undefined && !mesh.release.startsWith(`${mesh.asmcliVersion}.`))
    problems.add(
      "mesh.release",
      mesh.release,
      `is not a release of line ${mesh.asmcliVersion} (mesh.asmcliVersion)`,
      "use a release of the configured line, or change the line",
    );
  // A revision that is no label at all was reported when read.
  if (!DNS_LABEL.test(mesh.revision)) return;
  const line = revisionLine(mesh.revision);
  if (line === undefined)
    problems.add(
      "mesh.revision",
      mesh.revision,
      "is not a revision name asmcli gives (asm-<major><minor><point>-<rev>)",
      `name the release it installs, e.g. ${asmRevision(`${mesh.asmcliVersion}.0-asm.1`) ?? "asm-1290-1"} for ${mesh.asmcliVersion}.0-asm.1, or set mesh.release`,
    );
  else if (line !== mesh.asmcliVersion)
    problems.add(
      "mesh.revision",
      mesh.revision,
      `names a release of line ${line}, but asmcli installs line ${mesh.asmcliVersion} (mesh.asmcliVersion)`,
      "use a revision of the installed line, or set mesh.release and drop mesh.revision",
    );
  const expected = mesh.release === undefined ? undefined : asmRevision(mesh.release);
  if (expected !== undefined && expected !== mesh.revision)
    problems.add(
      "mesh.revision",
      mesh.revision,
      `differs from ${expected}, the name asmcli gives release ${mesh.release}`,
      `set mesh.revision: ${expected}, or drop it`,
    );
}

/** asmcli calls a GKE cluster's network `<project>-<VPC name>` whatever it is told: the stack's label must agree. */
export function checkGkeMeshNetwork(problems: Problems, config: DraftConfig): void {
  const { mesh, gcp } = config;
  if (!mesh || mesh.installer !== "asmcli" || !gcp) return;
  config.clusters.forEach((c) => {
    if (c.platform !== "gke" || !c.network) return;
    const expected = gkeMeshNetwork(gcp.project, c.network);
    if (c.meshNetwork !== expected)
      problems.add(
        `clusters[${config.clusterNames.indexOf(c.name)}].meshNetwork`,
        c.meshNetwork,
        `is not ${expected}, the network name asmcli gives a GKE cluster of project ${gcp.project} on VPC ${c.network}`,
        `remove meshNetwork (it defaults to ${expected}) or set it to that value`,
      );
  });
}

/**
 * A GKE cluster of an asmcli mesh starts at a GKE version its release line supports (the CSM
 * support matrix, config/meshRelease.ts), not at whatever its release channel offers that day.
 */
export function checkGkeVersion(problems: Problems, config: DraftConfig): void {
  const mesh = config.mesh;
  // An unsupported line is reported on its own.
  if (!mesh || mesh.installer !== "asmcli" || !isSupportedLine(mesh.asmcliVersion)) return;
  const range = CSM_PLATFORMS[mesh.asmcliVersion]?.gke;
  config.clusters.forEach((c) => {
    if (c.platform !== "gke") return;
    const key = `clusters[${config.clusterNames.indexOf(c.name)}].gke.version`;
    const version = c.gke.version;
    if (range === undefined) {
      if (version === undefined)
        problems.add(
          key,
          undefined,
          `has no default for Cloud Service Mesh ${mesh.asmcliVersion}: the GKE versions that line supports are not recorded here`,
          `set ${key} to a GKE version the line's "Supported platforms" page lists`,
        );
      return;
    }
    if (version === undefined || !GKE_VERSION.test(version)) return;
    const minor = kubernetesMinor(version);
    if (!inRange(minor, range))
      problems.add(
        key,
        version,
        `is GKE ${minor}, outside ${showRange(range)}, the GKE versions Cloud Service Mesh ${mesh.asmcliVersion} supports`,
        `set ${key} to one of ${showRange(range)}, or remove it for ${range[1]}`,
      );
  });
}

/** An existing cluster adopts only namespaces the stack would otherwise create there. */
export function checkAdoptedNamespaces(problems: Problems, config: DraftConfig): void {
  const mesh = config.mesh;
  if (!mesh) return;
  const meshNamespaces = [...new Set(["istio-system", mesh.gatewayNamespace, ...mesh.workloadNamespaces])];
  config.clusters.forEach((c) => {
    if (c.platform !== "existing") return;
    c.existing.adoptNamespaces.forEach((ns, i) => {
      if (!DNS_LABEL.test(ns) || meshNamespaces.includes(ns)) return;
      problems.add(
        `clusters[${config.clusterNames.indexOf(c.name)}].existing.adoptNamespaces[${i}]`,
        ns,
        `is not a namespace the stack creates on this cluster (${meshNamespaces.join(", ")})`,
        `list only ${meshNamespaces.join(", ")}`,
      );
    });
  });
}
