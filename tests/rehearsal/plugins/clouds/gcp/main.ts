import { serve } from "../shared/server";
import { GcpStandIn } from "./provider";
import { pluginVersion } from "../shared/version";

void serve(new GcpStandIn(pluginVersion("gcp")), process.argv.slice(2));
