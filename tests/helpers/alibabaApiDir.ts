import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./stackConfig";

/**
 * Alibaba's own API definitions (aliyun-openapi-meta, one JSON file per API) that the Alibaba
 * stand-ins check every call against: `$FAKE_ALIYUN_API_DIR`, else `shared/vendor/alibaba-openapi`
 * beside the checkout or beside any of its ancestors (tests/fakes/aliyun_cli.py looks the same
 * way). They are Alibaba's data, not the project's, so a checkout does not carry them.
 */
export function alibabaApiDir(): string | undefined {
  if (process.env.FAKE_ALIYUN_API_DIR) return process.env.FAKE_ALIYUN_API_DIR;
  for (let here = path.dirname(ROOT); ; here = path.dirname(here)) {
    const candidate = path.join(here, "shared", "vendor", "alibaba-openapi");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(here) === here) return undefined;
  }
}

/** The error of a test that needs the definitions and finds none: where they go. */
export const MISSING_ALIBABA_API =
  "Alibaba's API definitions are missing: put aliyun/aliyun-openapi-meta's en-US/{cs,adcp,vpc} folders in shared/vendor/alibaba-openapi beside the checkout (or an ancestor of it), or set FAKE_ALIYUN_API_DIR";
