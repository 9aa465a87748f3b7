/** The `gcp` section: a project id and a region, each checked against GCP's own naming. */
import { Problems, Reader } from "../../../../config/problems";
import { readGcp } from "../../../../config/read/gcp";

const read = (value: Record<string, unknown>) => {
  const problems = new Problems();
  const gcp = readGcp(new Reader(problems, "gcp", value));
  return { gcp, problems: problems.list };
};

it("reads a project id and a region", () => {
  expect(read({ project: "example-mesh-project", region: "asia-northeast1" })).toEqual({
    gcp: { project: "example-mesh-project", region: "asia-northeast1" },
    problems: [],
  });
});

it.each([
  [
    "an upper-case project",
    { project: "Example-Project", region: "us-central1" },
    /gcp\.project = "Example-Project": does not match .*Fix: use the GCP project id/,
  ],
  ["a project of five characters", { project: "short", region: "us-central1" }, /gcp\.project = "short": does not match/],
  ["a project ending in a hyphen", { project: "example-project-", region: "us-central1" }, /gcp\.project = "example-project-"/],
  [
    "a region without its number",
    { project: "example-project", region: "us-central" },
    /gcp\.region = "us-central": does not match .*Fix: use a GCP region such as us-central1/,
  ],
  ["a zone given as the region", { project: "example-project", region: "us-central1-a" }, /gcp\.region = "us-central1-a"/],
  ["a missing region", { project: "example-project" }, /gcp\.region = \(not set\): is required\. Fix: use a GCP region/],
])("rejects %s, naming the key, the value and the fix", (_what, value, expected) => {
  const { problems } = read(value);
  expect(problems).toEqual([expect.stringMatching(expected)]);
});
