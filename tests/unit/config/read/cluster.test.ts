import { apiServerProblem } from "../../../../config/read/cluster";
import { validatedAs, rawConfig, LOCAL_SECRETS, stackProblems } from "../../../helpers/stackConfig";

it("accepts https API servers with a port from 1 to 65535, or none", () => {
  expect(apiServerProblem("https://127.0.0.1:16443")).toBeUndefined();
  expect(apiServerProblem("https://api.example.com")).toBeUndefined();
  expect(apiServerProblem("https://127.0.0.1:65536")).toMatch(/port outside/);
});

it("hands the kubeconfig out as a typed secret that never prints", () => {
  const config = validatedAs("local", rawConfig("local", LOCAL_SECRETS));
  const { kubeconfig } = config.clusters[0].existing;
  expect(kubeconfig.reveal()).toBe(LOCAL_SECRETS.eastKubeconfig);
  expect(String(kubeconfig)).toBe("(secret)");
  expect(JSON.stringify(config)).not.toContain("kind: Config");
});

it("reports a missing kubeconfig secret instead of using the string 'undefined'", () => {
  expect(stackProblems("local", () => undefined, { eastKubeconfig: LOCAL_SECRETS.eastKubeconfig })).toEqual([
    expect.stringMatching(
      /^multicloud-mesh:westKubeconfig = \(not set\): is the kubeconfig of cluster 'west' and is missing\. Fix: run: pulumi config set --secret westKubeconfig/,
    ),
  ]);
});
