import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readOperations } from "../../../../../../rehearsal/lib/operations";
import { CloudError, operation, ruleOf } from "../../../../../../rehearsal/plugins/clouds/shared/operation";

describe("the rule a refusal breaks", () => {
  it.each([
    ["resourceInUseByAnotherResource", "in-use"],
    ["DependencyViolation.VSwitch", "in-use"],
    ["DependencyViolation", "in-use"],
    ["VpnDependencyViolation.VpnConnection", "in-use"],
    ["ErrorClusterInUse", "in-use"],
    ["alreadyExists", "exists"],
    ["ErrorClusterNameAlreadyExist", "exists"],
    ["IncorrectClusterState", "busy"],
  ])("%s breaks %s", (code, rule) => expect(ruleOf(code)).toBe(rule));

  it.each(["notFound", "ErrorClusterNotFound", "Cluster.NotFound", "InvalidVpcId.NotFound"])("%s breaks none", (code) => expect(ruleOf(code)).toBeUndefined());

  it("logs a refusal with its rule, and a failure that breaks none without one", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "operation-"));
    process.env.REHEARSAL_HOME = home;
    try {
      const meta = { cloud: "alibaba" as const, by: "plugin:alicloud", op: "delete", type: "alicloud:vpc/switch:Switch", id: "vsw-1" };
      await expect(operation(meta, () => Promise.reject(new CloudError("DependencyViolation.VSwitch", "used")))).rejects.toThrow("used");
      await expect(operation(meta, () => Promise.reject(new CloudError("InvalidVSwitchId.NotFound", "absent")))).rejects.toThrow("absent");
      const [refused, absent] = readOperations(path.join(home, "operations.jsonl"));
      expect(refused).toMatchObject({ ok: false, refused: "in-use" });
      expect(absent.ok).toBe(false);
      expect(absent).not.toHaveProperty("refused");
    } finally {
      delete process.env.REHEARSAL_HOME;
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
