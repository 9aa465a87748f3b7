import { Props, str } from "../shared/values";

/** Compute Engine's API root: self links are ids behind it (terraform-provider-google tpgresource.ConvertSelfLinkToV1). */
const SELF_LINK = /^https:\/\/(?:compute|www)\.googleapis\.com\/compute\/(?:v1|beta)\//;
const CONTAINER_LINK = /^\/\/container\.googleapis\.com\//;

/** A reference as an id: self links and resource links lose their API root. */
export function asId(ref: string): string {
  return ref.replace(SELF_LINK, "").replace(CONTAINER_LINK, "");
}

export function selfLink(id: string): string {
  return `https://www.googleapis.com/compute/v1/${id}`;
}

/** The project and region of an object: its inputs, else the provider's configuration. */
export function scope(config: Readonly<Record<string, string | undefined>>, inputs: Props): { project: string; region: string } {
  const project = str(inputs.project) ?? config.project;
  const region = str(inputs.region) ?? config.region;
  if (!project) throw new Error("no project: set the gcp provider's `project` or the resource's `project`");
  return { project, region: region ?? "" };
}

export const globalId = (project: string, plural: string, name: string) => `projects/${project}/global/${plural}/${name}`;
export const regionalId = (project: string, region: string, plural: string, name: string) => `projects/${project}/regions/${region}/${plural}/${name}`;

/** A reference that may be a bare name (router, interface, tunnel names) resolved in a scope. */
export function refOrName(ref: unknown, byName: (name: string) => string): string | undefined {
  const value = str(ref);
  if (value === undefined) return undefined;
  return value.includes("/") ? asId(value) : byName(value);
}
