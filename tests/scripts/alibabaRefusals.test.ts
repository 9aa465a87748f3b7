/**
 * A call the cloud refuses stops an Alibaba script, as a NIFCLOUD one (scripts/nifcloud/lib.sh
 * nif): `ali`, `ali_lookup` and `ali_delete` print the cloud's error and fail, also from inside
 * $(...), a pipeline or a condition, where a lost return code does not stop the script under
 * `set -e`. `ali_retry` leaves the failure to its caller. Against the `aliyun` stand-in.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { scriptPath } from "../../lib/scriptCommandLine";
import { FakeAliyun } from "../helpers/fakeAliyun";
import { ROOT } from "../helpers/stackConfig";

const REFUSAL = ["Forbidden.RAM", "User not authorized to operate on the specified resource."] as const;
const READ = "cs DescribeClusterDetail --ClusterId c-probe";
const DELETE = "cs DeleteCluster --ClusterId c-probe";

/** Runs CALL as the body of a command script's `create` that sources scripts/alibaba/lib.sh, then prints {"wentOn": true}. */
function probe(cloud: FakeAliyun, call: string) {
  const script = path.join(cloud.dir, "probe.sh");
  fs.writeFileSync(
    script,
    [
      "#!/usr/bin/env bash",
      "SCRIPT_NAME=probe",
      `. ${JSON.stringify(path.join(ROOT, scriptPath("alibaba/lib.sh")))}`,
      "create() {",
      `  ${call}`,
      `  echo '{"wentOn": true}'`,
      "}",
      'dispatch "$@"',
      "",
    ].join("\n"),
  );
  const result = spawnSync("bash", [script, "create"], { cwd: ROOT, encoding: "utf8", env: cloud.env() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("a refused call stops the script with the cloud's error", () => {
  it.each([
    ["ali inside $(...)", "cs DescribeClusterDetail", `if [ -z "$(ali ${READ})" ]; then log "no answer"; fi`],
    ["ali in a pipeline", "cs DescribeClusterDetail", `if ! ali ${READ} | jq -e '.state == "running"' >/dev/null; then log "not running"; fi`],
    ["ali_lookup inside $(...)", "cs DescribeClusterDetail", `[ -n "$(ali_lookup ${READ})" ] || log "already gone"`],
    ["ali_delete inside $(...)", "cs DeleteCluster", `log "deleted: $(ali_delete ${DELETE} && echo yes)"`],
  ])("%s", (_name, api, call) => {
    const cloud = new FakeAliyun();
    cloud.failNext(api, ...REFUSAL);
    const result = probe(cloud, call);
    expect({
      status: result.status,
      wentOn: result.stdout.includes("wentOn"),
      cloudError: result.stderr.includes("ErrorCode: Forbidden.RAM"),
      refused: result.stderr.includes(`ERROR: Alibaba Cloud refused ${api}`),
    }).toEqual({ status: 1, wentOn: false, cloudError: true, refused: true });
  });
});

describe("what is not a refusal", () => {
  it("ali_lookup: a not-found answer is nothing, and the script goes on", () => {
    const cloud = new FakeAliyun();
    cloud.failNext("cs DescribeClusterDetail", "ErrorClusterNotFound", "cluster c-probe not found");
    const result = probe(cloud, `[ -n "$(ali_lookup ${READ})" ] || log "already gone"`);
    expect(result.stderr).toContain("already gone");
    expect(result.stdout).toContain("wentOn");
    expect(result.status).toBe(0);
  });

  it("ali_retry: the caller decides, with the cloud's error printed", () => {
    const cloud = new FakeAliyun();
    cloud.failNext("cs DeleteCluster", ...REFUSAL);
    const result = probe(cloud, `ali_retry ErrorClusterInUse ${DELETE} >/dev/null || log "left to the caller: $(last_error_code)"`);
    expect(result.stderr).toContain("ErrorCode: Forbidden.RAM");
    expect(result.stderr).toContain("left to the caller: Forbidden.RAM");
    expect(result.stdout).toContain("wentOn");
    expect(result.status).toBe(0);
  });
});
