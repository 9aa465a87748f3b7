import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/**
 * The fleet's `servicemesh` feature, owned by the stack: created before any asmcli install (whose
 * `--enable_gcp_components` then finds it and leaves it: gcloud's `fleet mesh enable` treats
 * ALREADY_EXISTS as done) and deleted on destroy after every install is gone.
 * (@pulumi/gcp gkehub.Feature "Gkehub Feature Anthos Service Mesh": name servicemesh, location global.)
 */
export function fleetMeshFeature(name: string, project: string, opts?: pulumi.CustomResourceOptions): gcp.gkehub.Feature {
  return new gcp.gkehub.Feature(name, { name: "servicemesh", location: "global", project }, opts);
}
