import { serve } from "../shared/server";
import { pluginVersion } from "../shared/version";
import { RandomStandIn } from "./provider";

void serve(new RandomStandIn(pluginVersion("random")), process.argv.slice(2));
