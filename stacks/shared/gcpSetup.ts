import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GcpSpec } from "../../config/types";
import { gcpApis } from "./gcpApis";

/** The GCP side both cloud topologies start from: one provider, the project's APIs, options for everything on GCP. */
export interface GcpSetup {
  readonly spec: GcpSpec;
  readonly provider: gcp.Provider;
  readonly apis: gcp.projects.Service[];
  /** Resource options for every GCP component: the provider, and the APIs enabled first. */
  readonly onGcp: pulumi.ComponentResourceOptions;
}

/** `providerOpts` (e.g. `dependsOn` a preflight) holds back every GCP resource, the APIs included. */
export function gcpSetup(spec: GcpSpec, apis: readonly string[], providerOpts?: pulumi.CustomResourceOptions): GcpSetup {
  const provider = new gcp.Provider("gcp", { project: spec.project, region: spec.region }, providerOpts);
  const services = gcpApis(spec.project, provider, apis);
  return { spec, provider, apis: services, onGcp: { providers: [provider], dependsOn: services } };
}
