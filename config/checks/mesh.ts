import { DraftConfig } from "../draft";
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
