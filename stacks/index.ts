import { StackConfig } from "../config/types";
import { alibabaGke } from "./alibabaGke";
import { local } from "./local";
import { nifcloudGke } from "./nifcloudGke";

/** Runs the program of the configuration's topology, each given exactly its topology's configuration. */
export function runTopology(config: StackConfig): Record<string, unknown> {
  switch (config.topology) {
    case "nifcloud-gke":
      return nifcloudGke(config);
    case "alibaba-gke":
      return alibabaGke(config);
    case "local":
      return local(config);
  }
}
