import { serve } from "../shared/server";
import { pluginVersion } from "../shared/version";
import { AlicloudStandIn } from "./provider";

void serve(new AlicloudStandIn(pluginVersion("alicloud")), process.argv.slice(2));
