import * as gcp from "@pulumi/gcp";

/** The Google APIs the GKE side and ASM use. Left enabled on destroy: other work may need them. */
export const GCP_APIS = [
  "compute.googleapis.com",
  "container.googleapis.com",
  "gkehub.googleapis.com",
  "mesh.googleapis.com",
  "meshconfig.googleapis.com",
  "meshca.googleapis.com",
  "anthos.googleapis.com",
] as const;

export function gcpApis(project: string, provider: gcp.Provider): gcp.projects.Service[] {
  return GCP_APIS.map((service) => new gcp.projects.Service(`api-${service.split(".")[0]}`, {
    project,
    service,
    disableOnDestroy: false,
    disableDependentServices: false,
  }, { provider }));
}
