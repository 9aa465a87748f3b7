import { stackProblems } from "../../../helpers/stackConfig";

it("rejects two networks of one name", () => {
  expect(stackProblems("local", (v) => (v.networks[1].name = "east-net"))).toContainEqual(
    expect.stringMatching(/networks\[1\]\.name = "east-net": is used twice/),
  );
});

it("rejects verification within one cluster", () => {
  expect(stackProblems("local", (v) => (v.verify.v2Cluster = "east"))).toEqual([
    expect.stringMatching(/verify\.v2Cluster = "east": is the same cluster as verify\.v1Cluster/),
  ]);
});
