import { LoadedConfig } from "../config/load";
import { Topology } from "../config/types";
import { alibabaGke } from "./alibabaGke";
import { local } from "./local";
import { nifcloudGke } from "./nifcloudGke";

/** Each topology's program, chosen by the `topology` config key. */
export const TOPOLOGY_PROGRAMS: Record<Topology, (loaded: LoadedConfig) => Record<string, unknown>> = {
  "nifcloud-gke": nifcloudGke,
  "alibaba-gke": alibabaGke,
  local,
};
