/** The nifcloud-gke topology: what it requires beyond the shared sections. */
import { DEV_SECRETS, stackProblems } from "../../helpers/stackConfig";

describe("the nifcloud-gke topology", () => {
  it("requires the NIFCLOUD credentials as secrets", () => {
    const { nifcloudSecretAccessKey, ...rest } = DEV_SECRETS;
    expect(nifcloudSecretAccessKey).toBeDefined();
    expect(stackProblems("dev", () => undefined, rest).join("\n")).toMatch(/nifcloudSecretAccessKey = \(not set\): is a NIFCLOUD API credential/);
  });
});
