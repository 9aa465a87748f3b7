import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { AsmReleases, asmcliBuild, istioModel } from "../mesh/meshTools";
import { LocalCluster, kubectl } from "../world/clusters";

/** The revision another team installed on the bare-metal cluster before the stack, and its namespace. */
export const FOREIGN_REVISION = "asm-1295-2";
export const FOREIGN_NAMESPACE = "team-b";
export const FOREIGN_BUILD = "1.29.5-asm.2+config1";
/** The fleet the bare-metal cluster is registered in (the stack's project) and its membership. */
const FLEET = "example-mesh-project";
const MEMBERSHIP = "nifc-anthosbm-cls";

/**
 * What a bare-metal cluster that already runs a mesh holds before the stack's first `up`: another
 * team's revision (installed with asmcli, as they would), and their namespace using it with a
 * workload whose pods carry its proxy. The stack must leave both exactly as they are.
 */
export function seedForeignMesh(home: string, anthos: LocalCluster, env: NodeJS.ProcessEnv, releases: AsmReleases): void {
  // The bare-metal cluster was registered to the fleet when it was made (bmctl does it), as the stack requires.
  const [crd, membership] = istioModel("membership_objects", FLEET, MEMBERSHIP) as Record<string, any>[];
  kubectl(anthos, ["apply", "-f", "-"], JSON.stringify(crd));
  kubectl(anthos, ["wait", "--for=condition=Established", "--timeout=60s", `crd/${crd.metadata.name}`]);
  kubectl(anthos, ["apply", "-f", "-"], JSON.stringify(membership));
  const out = path.join(home, "team-b-asm");
  fs.mkdirSync(out, { recursive: true });
  execFileSync(
    asmcliBuild(releases, FOREIGN_BUILD),
    [
      "install",
      "--kubeconfig",
      anthos.kubeconfig,
      "--platform",
      "multicloud",
      "--fleet_id",
      FLEET,
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
    { env: { ...process.env, ...env, REHEARSAL_HOME: home, REHEARSAL_ASM_VERSION: FOREIGN_BUILD }, stdio: ["ignore", "ignore", "pipe"] },
  );
  kubectl(anthos, ["create", "namespace", FOREIGN_NAMESPACE]);
  kubectl(anthos, ["label", "namespace", FOREIGN_NAMESPACE, `istio.io/rev=${FOREIGN_REVISION}`]);
  kubectl(anthos, ["-n", FOREIGN_NAMESPACE, "create", "deployment", "orders", "--image=registry.example/orders:1"]);
  kubectl(anthos, ["-n", FOREIGN_NAMESPACE, "rollout", "status", "deployment/orders", "--timeout=120s"]);
}
