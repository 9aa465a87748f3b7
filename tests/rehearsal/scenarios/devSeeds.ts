import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LocalCluster, kubectl } from "../world/clusters";

/** The revision another team installed on the bare-metal cluster before the stack, and its namespace. */
export const FOREIGN_REVISION = "asm-1295-2";
export const FOREIGN_NAMESPACE = "team-b";

/**
 * What a bare-metal cluster that already runs a mesh holds before the stack's first `up`: another
 * team's revision (installed with asmcli, as they would), and their namespace using it with a
 * workload whose pods carry its proxy. The stack must leave both exactly as they are.
 */
export function seedForeignMesh(home: string, anthos: LocalCluster, env: NodeJS.ProcessEnv): void {
  const out = path.join(home, "team-b-asm");
  fs.mkdirSync(out, { recursive: true });
  execFileSync(
    "asmcli",
    [
      "install",
      "--kubeconfig",
      anthos.kubeconfig,
      "--platform",
      "multicloud",
      "--fleet_id",
      "team-b-project",
      "--output_dir",
      out,
      "--ca",
      "mesh_ca",
      "--revision_name",
      FOREIGN_REVISION,
      "--network_id",
      "nifclan",
      "--enable_namespace_creation",
    ],
    { env: { ...process.env, ...env, REHEARSAL_HOME: home, REHEARSAL_ASM_VERSION: "1.29.5-asm.2+config1" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  kubectl(anthos, ["create", "namespace", FOREIGN_NAMESPACE]);
  kubectl(anthos, ["label", "namespace", FOREIGN_NAMESPACE, `istio.io/rev=${FOREIGN_REVISION}`]);
  kubectl(anthos, ["-n", FOREIGN_NAMESPACE, "create", "deployment", "orders", "--image=registry.example/orders:1"]);
  kubectl(anthos, ["-n", FOREIGN_NAMESPACE, "rollout", "status", "deployment/orders", "--timeout=120s"]);
}
