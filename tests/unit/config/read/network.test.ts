import { stackProblems } from "../../../helpers/stackConfig";

it("requires pod and service ranges on a GCP network", () => {
  expect(stackProblems("dev", (v) => delete v.networks[0].podCidr)).toEqual([expect.stringMatching(/networks\[0\]\.podCidr = \(not set\): is required/)]);
});

it("requires zones on an Alibaba network and rejects a pod range there", () => {
  expect(
    stackProblems("ack-dev", (v) => {
      delete v.networks[1].zones;
      v.networks[1].podCidr = "10.200.0.0/16";
    }),
  ).toEqual([
    expect.stringMatching(/networks\[1\]\.podCidr = "10\.200\.0\.0\/16": is not used on Alibaba/),
    expect.stringMatching(/networks\[1\]\.zones = \(not set\): is required/),
  ]);
});
