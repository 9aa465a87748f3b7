import { DraftConfig } from "../draft";
import { DNS_LABEL, gkeMeshNetwork } from "../../lib/naming";
import { SUPPORTED_ASM_LINES, asmRevision, isSupportedLine, revisionLine } from "../meshRelease";
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
