/**
 * A bad value stops the whole program before any resource is registered, and the program's error
 * is the configuration error alone: printed once, without a stack trace (the Node SDK prints a
 * `RunError` by its message only, anything else with `util.inspect`: its stack and every own
 * property; @pulumi/pulumi cmd/run/run.js, the uncaught-error handler), and without any secret.
 * Each case goes through the runtime's own config as `pulumi up` hands it over: a structured key
 * holding a `secure:` value arrives as one secret text.
 */
import { inspect } from "util";
import { DEV_SECRETS, stackValues } from "../helpers/stackConfig";

interface Outcome {
  /** What the program threw. */
  readonly error: unknown;
  /** Resources it registered before it stopped. */
  readonly recorded: readonly unknown[];
  /** `RunError.isInstance` of the run's own SDK. */
  readonly isRunError: boolean;
  /** The problems of the configuration error (thrown, or the cause of the error thrown). */
  readonly problems: readonly string[];
  /** How util.inspect shows a configuration error with those problems (what the SDK prints for a plain Error). */
  readonly inspected: string;
}

/**
 * Runs the dev program with `values` and `secretKeys` in a module registry of its own (a fresh
 * SDK, config and mocks per run).
 */
async function runDev(values: Record<string, unknown>, secretKeys: readonly string[]): Promise<Outcome> {
  let outcome: Outcome | undefined;
  await jest.isolateModulesAsync(async () => {
    const pulumi = await import("@pulumi/pulumi");
    const { ConfigError } = await import("../../config/problems");
    const { FAKE_CALLS, fakeCloudState } = await import("../helpers/fakeClouds");
    const { recordResources } = await import("../helpers/mocks");
    const config = Object.fromEntries(Object.entries(values).map(([k, v]) => [`multicloud-mesh:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
    pulumi.runtime.setAllConfig(
      config,
      secretKeys.map((k) => `multicloud-mesh:${k}`),
    );
    const { recorded } = await recordResources("multicloud-mesh", "dev", fakeCloudState, FAKE_CALLS);
    let error: unknown;
    try {
      await import("../../index");
    } catch (e) {
      error = e;
    }
    const configError = error instanceof ConfigError ? error : error instanceof Error && error.cause instanceof ConfigError ? error.cause : undefined;
    const problems = configError?.problems ?? [];
    outcome = { error, recorded, isRunError: pulumi.RunError.isInstance(error), problems, inspected: inspect(new ConfigError(problems)) };
  });
  if (!outcome) throw new Error("the dev program did not run");
  return outcome;
}

const devValues = (): Record<string, any> => ({ ...structuredClone(stackValues("dev")), ...DEV_SECRETS });

it("registers nothing and names every problem", async () => {
  const values = devValues();
  values.clusters[1].existing.apiServer = "https://172.16.232.10:99999";
  values.clusters[0].gke.deletionProtecton = false;
  const { problems, recorded } = await runDev(values, Object.keys(DEV_SECRETS));
  expect(problems).toEqual([
    expect.stringMatching(/clusters\[1\]\.existing\.apiServer = "https:\/\/172\.16\.232\.10:99999": has a port outside 1-65535/),
    expect.stringMatching(/clusters\[0\]\.gke\.deletionProtecton = false: is not a known key\. Fix: did you mean clusters\[0\]\.gke\.deletionProtection\?/),
  ]);
  expect(recorded).toEqual([]);
});

describe("the program's error", () => {
  it("is a RunError, so the SDK prints its message once and no stack trace", async () => {
    const values = devValues();
    values.vpnLinks[0].peer.gatewayType = "huge";
    const { error, isRunError, inspected } = await runDev(values, Object.keys(DEV_SECRETS));
    expect(isRunError).toBe(true);
    const message = (error as Error).message;
    expect(message).toBe(
      'Invalid configuration (1 problem):\n  - multicloud-mesh:vpnLinks[0].peer.gatewayType = "huge": is not supported. Fix: use one of "small", "medium", "large"',
    );
    // What the SDK would print for any other error: the stack and the problems a second time.
    expect(inspected.split("is not supported").length - 1).toBe(2);
  });
});

describe("secrets in errors", () => {
  const SECRET = "TopSecretPsk123";

  it("never shows a secret nested in a short structured key", async () => {
    const values = devValues();
    values.gcp = { credentials: SECRET, ...values.gcp };
    const { error, problems } = await runDev(values, [...Object.keys(DEV_SECRETS), "gcp"]);
    expect(`${String(error)}\n${problems.join("\n")}`).not.toContain(SECRET);
    expect(problems).toEqual(["multicloud-mesh:gcp.credentials = [secret]: is not a known key. Fix: remove it; the keys read here are project, region"]);
  });

  it("never shows a secret nested in a structured key, however the key is wrong", async () => {
    const values = devValues();
    // `psk: {secure: ...}` under a link: the runtime hands the whole link list over as secret text.
    values.vpnLinks[0].psk = SECRET;
    const { error, problems, recorded } = await runDev(values, [...Object.keys(DEV_SECRETS), "vpnLinks"]);
    expect(`${String(error)}\n${problems.join("\n")}`).not.toContain(SECRET);
    expect(problems).toEqual([
      "multicloud-mesh:vpnLinks[0].psk = [secret]: is not a known key. Fix: remove it; the keys read here are peer, name, gcpGatewayName, gcpTunnelName, gcpNetwork, peerNetwork, routing, crypto",
    ]);
    expect(recorded).toEqual([]);
  });

  it("shows no value of a key holding a secret, even one that is otherwise fine to show", async () => {
    const values = devValues();
    values.vpnLinks[0].peer.gatewayName = "Nifc_Anthos_Vpn";
    const { problems } = await runDev(values, [...Object.keys(DEV_SECRETS), "vpnLinks"]);
    expect(problems).toEqual([
      "multicloud-mesh:vpnLinks[0].peer.gatewayName = [secret]: does not match /^[0-9A-Za-z]{1,15}$/. Fix: use 1-15 ASCII letters and digits, e.g. NifcAnthosVpn",
    ]);
  });

  it("refuses a kubeconfig set in plain text, as a mapping too, without showing it", async () => {
    const values = devValues();
    values.anthosKubeconfig = { apiVersion: "v1", kind: "Config", users: [{ name: "admin", user: { token: SECRET } }] };
    const { error, problems } = await runDev(values, ["nifcloudAccessKeyId", "nifcloudSecretAccessKey"]);
    expect(problems).toEqual([
      "multicloud-mesh:anthosKubeconfig = [secret]: is set in plain text, but it is the kubeconfig of cluster 'anthos' and must be a secret. Fix: set it with --secret (pulumi config set --secret anthosKubeconfig < path/to/kubeconfig), and rotate it: the plain value is in the stack file",
    ]);
    expect(String(error)).not.toContain(SECRET);
  });
});
