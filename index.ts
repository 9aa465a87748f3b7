/**
 * multicloud-mesh: a Kubernetes service mesh across clouds. The `topology` config key picks the
 * program; every stack's configuration is validated before any resource is registered.
 */
import { loadConfig } from "./config/load";
import { runTopology } from "./stacks";

const config = loadConfig();
const outputs: Record<string, unknown> = { topology: config.topology, ...runTopology(config) };

/**
 * The stack outputs: the topology and what its program returns. Only defined values are
 * exported; the engine would warn about each undefined one on every run.
 */
export = Object.fromEntries(Object.entries(outputs).filter(([, value]) => value !== undefined));
