import * as gcp from "@pulumi/gcp";

/**
 * The Google APIs GKE and the VPN use, and those that create the nodes' service account
 * (IAM) and grant it its project roles (Resource Manager's getIamPolicy / setIamPolicy). Left
 * enabled on destroy: other work may need them.
 */
export const GKE_APIS = ["compute.googleapis.com", "container.googleapis.com", "iam.googleapis.com", "cloudresourcemanager.googleapis.com"] as const;

/** GKE's plus what the fleet and ASM use. */
export const GCP_APIS = [
  ...GKE_APIS,
  "gkehub.googleapis.com",
  "mesh.googleapis.com",
  "meshconfig.googleapis.com",
  "meshca.googleapis.com",
  "anthos.googleapis.com",
] as const;

export function gcpApis(project: string, provider: gcp.Provider, apis: readonly string[] = GCP_APIS): gcp.projects.Service[] {
  return apis.map(
    (service) =>
      new gcp.projects.Service(
        `api-${service.split(".")[0]}`,
        {
          project,
          service,
          disableOnDestroy: false,
          disableDependentServices: false,
        },
        { provider },
      ),
  );
}
