import { Reader } from "../problems";
import { GcpSpec } from "../types";

export function readGcp(r: Reader): GcpSpec {
  return {
    project: r.string("project", { pattern: /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, fix: "use the GCP project id (6-30 lower-case letters, digits, hyphens)" }),
    region: r.string("region", { pattern: /^[a-z]+-[a-z]+\d+$/, fix: "use a GCP region such as us-central1" }),
  };
}
