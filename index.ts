/**
 * multicloud-mesh: a Kubernetes service mesh across clouds. The `topology` config key picks the
 * program; every stack's configuration is validated before any resource is registered.
 */
import { loadConfig } from "./config/load";
import { runTopology } from "./stacks";

const config = loadConfig();

/**
 * The stack outputs: the topology and exactly what its program returns (a fixed list of names
 * would export undefined values, which the engine warns about on every run).
 */
export = { topology: config.topology, ...runTopology(config) };
