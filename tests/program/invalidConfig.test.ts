/**
 * A bad value stops the whole program before any resource is registered: the dev stack with an
 * API server port out of range (which once crashed after 14 resources) and a misspelt key.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../config/problems";
import { FAKE_CALLS, fakeCloudState } from "../helpers/fakeClouds";
import { recordResources } from "../helpers/mocks";
import { DEV_SECRETS, stackValues } from "../helpers/stackConfig";

it("registers nothing and names every problem", async () => {
  const values: Record<string, any> = structuredClone(stackValues("dev"));
  values.clusters[1].existing.apiServer = "https://172.16.232.10:99999";
  values.clusters[0].gke.deletionProtecton = false;
  const config = Object.fromEntries(
    Object.entries({ ...values, ...DEV_SECRETS }).map(([k, v]) => [`multicloud-mesh:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  pulumi.runtime.setAllConfig(
    config,
    Object.keys(DEV_SECRETS).map((k) => `multicloud-mesh:${k}`),
  );
  const { recorded } = await recordResources("multicloud-mesh", "dev", fakeCloudState, FAKE_CALLS);
  let error: unknown;
  try {
    await import("../../index");
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect(error instanceof ConfigError ? error.problems : []).toEqual([
    expect.stringMatching(/clusters\[1\]\.existing\.apiServer = "https:\/\/172\.16\.232\.10:99999": has a port outside 1-65535/),
    expect.stringMatching(/clusters\[0\]\.gke\.deletionProtecton = false: is not a known key\. Fix: did you mean clusters\[0\]\.gke\.deletionProtection\?/),
  ]);
  expect(recorded).toEqual([]);
});
