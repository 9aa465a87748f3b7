import { LoadedConfig } from "../config/load";
import { Topology } from "../config/types";
import { nifcloudGke } from "./nifcloudGke";

/** Each topology's program, chosen by the `topology` config key. */
export const TOPOLOGY_PROGRAMS: Record<Topology, (loaded: LoadedConfig) => Record<string, unknown>> = {
  "nifcloud-gke": nifcloudGke,
  "alibaba-gke": () => {
    throw new Error("topology alibaba-gke is not available yet");
  },
  local: () => {
    throw new Error("topology local is not available yet");
  },
};
