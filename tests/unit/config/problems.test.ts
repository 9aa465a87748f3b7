/** Unknown keys, wrong types and the message format, across the three committed stack files. */
import { validateWithWarnings } from "../../../config/validate";
import { DEV_SECRETS, rawConfig, stackProblems } from "../../helpers/stackConfig";

type Edit = (v: Record<string, any>) => void;
const FORMAT = /^multicloud-mesh:\S+ = .+: .+\. Fix: .+$/;

describe("a misspelt or unknown key is rejected with 'did you mean'", () => {
  const cases: [string, string, Edit, RegExp][] = [
    [
      "dev",
      "deletionProtecton",
      (v) => ((v.clusters[0].gke.deletionProtecton = false), delete v.clusters[0].gke.deletionProtection),
      /clusters\[0\]\.gke\.deletionProtecton = false: is not a known key\. Fix: did you mean clusters\[0\]\.gke\.deletionProtection\?/,
    ],
    [
      "dev",
      "podCIDR",
      (v) => ((v.networks[1].podCIDR = v.networks[1].podCidr), delete v.networks[1].podCidr),
      /networks\[1\]\.podCIDR = "192\.168\.0\.0\/16": is not a known key\. Fix: did you mean networks\[1\]\.podCidr\?/,
    ],
    [
      "dev",
      "dhgroup",
      (v) => ((v.vpnLinks[0].crypto.dhgroup = 19), delete v.vpnLinks[0].crypto.dhGroup),
      /vpnLinks\[0\]\.crypto\.dhgroup = 19: is not a known key\. Fix: did you mean vpnLinks\[0\]\.crypto\.dhGroup\?/,
    ],
    ["dev", "a top-level typo", (v) => ((v.verfy = v.verify), delete v.verify), /^multicloud-mesh:verfy = .*: is not a known key\. Fix: did you mean verify\?/],
    ["ack-dev", "ackOne.hubname", (v) => (v.ackOne.hubname = "x"), /ackOne\.hubname = "x": is not a known key\. Fix: did you mean ackOne\.hubName\?/],
    [
      "local",
      "an app key",
      (v) => (v.multiClusterServices.app.prot = 80),
      /multiClusterServices\.app\.prot = 80: is not a known key\. Fix: did you mean multiClusterServices\.app\.port\?/,
    ],
    ["local", "another platform's block", (v) => (v.clusters[0].gke = { clusterName: "x" }), /clusters\[0\]\.gke = .*: is not a known key/],
    [
      "dev",
      "a key with no near match",
      (v) => (v.networks[0].flavour = "blue"),
      /networks\[0\]\.flavour = "blue": is not a known key\. Fix: remove it; the keys read here are /,
    ],
  ];
  it.each(cases)("%s: %s", (stack, _what, edit, expected) => {
    const problems = stackProblems(stack, edit);
    expect(problems).toEqual([expect.stringMatching(expected)]);
    problems.forEach((p) => expect(p).toMatch(FORMAT));
  });

  it("warns about an unused secret without showing its value", () => {
    const { warnings } = validateWithWarnings(rawConfig("dev", { ...DEV_SECRETS, strayToken: "hunter2-value" }));
    expect(warnings).toEqual(["multicloud-mesh:strayToken = [secret]: is a secret this stack does not use"]);
  });
});

describe("a value of the wrong type says what was expected", () => {
  const cases: [string, string, Edit, RegExp][] = [
    ["dev", "a quoted boolean", (v) => (v.clusters[0].gke.deletionProtection = "false"), /deletionProtection = "false": must be true or false, not a string/],
    ["dev", "a quoted number", (v) => (v.clusters[0].gke.nodeCount = "3"), /nodeCount = "3": must be a whole number from 1 to 100, not a string/],
    ["dev", "a number for a string", (v) => (v.mesh.revision = 1175), /mesh\.revision = 1175: must be a string, not a number/],
    ["ack-dev", "a mapping for a list", (v) => (v.networks = { name: "x" }), /^multicloud-mesh:networks = .*: must be a list, not a mapping/],
    [
      "local",
      "a string for a mapping",
      (v) => (v.clusters[0].existing = "eastKubeconfig"),
      /clusters\[0\]\.existing = "eastKubeconfig": must be a mapping, not a string/,
    ],
  ];
  it.each(cases)("%s: %s", (stack, _what, edit, expected) => {
    const problems = stackProblems(stack, edit);
    expect(problems).toEqual([expect.stringMatching(expected)]);
  });
});

describe("every problem at once, without follow-on errors", () => {
  it("reports three independent mistakes together", () => {
    const problems = stackProblems("dev", (v) => {
      v.clusters[0].gke.nodeCount = 0;
      v.vpnLinks[0].peer.gatewayType = "huge";
      v.mesh.revision = "ASM_1";
    });
    expect(problems).toHaveLength(3);
  });

  it("reports a bad platform once, not again for the clusters that name it", () => {
    expect(stackProblems("local", (v) => (v.clusters[1].platform = "kind"))).toEqual([
      expect.stringMatching(/clusters\[1\]\.platform = "kind": is not supported/),
    ]);
  });

  it("reports a bad cloud once, not again for the clusters and links on that network", () => {
    expect(stackProblems("dev", (v) => (v.networks[1].cloud = "nifty"))).toEqual([expect.stringMatching(/networks\[1\]\.cloud = "nifty": is not supported/)]);
  });
});

describe("values under a secret key", () => {
  it("are shown as [secret] in problems and warnings, at any depth", () => {
    const raw = rawConfig("dev");
    const secretKeys = new Set([...raw.secretKeys, "networks"]);
    const values = { ...raw.values, networks: structuredClone(raw.values.networks) as Record<string, any>[] };
    values.networks[1].podCidr = "198.18.0.0/16";
    const { warnings } = validateWithWarnings({ values, secretKeys });
    expect(warnings).toEqual([
      "multicloud-mesh:networks[1].podCidr = [secret]: lies in 198.18.0.0/15 benchmarking (RFC 2544): never routed on the internet, so it opens nothing to others, but it is set aside for that use",
    ]);
    values.networks[1].flavour = "blue-secret-value";
    expect(() => validateWithWarnings({ values, secretKeys })).toThrow("multicloud-mesh:networks[1].flavour = [secret]: is not a known key");
  });

  it("show nothing of a kubeconfig key or a credential key, even set in plain text", () => {
    const problems = stackProblems("dev", (v) => (v.nifcloudAccessKeyId = { id: "AKID-in-plain-text" }), {});
    expect(problems.join("\n")).not.toContain("AKID-in-plain-text");
    expect(problems).toContainEqual(expect.stringMatching(/^multicloud-mesh:nifcloudAccessKeyId = \[secret\]: is set in plain text/));
  });
});
