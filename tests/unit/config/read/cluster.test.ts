import { apiServerProblem } from "../../../../config/read/cluster";
import { validateWithWarnings } from "../../../../config/validate";
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

describe("a GKE cluster's control plane and nodes", () => {
  const gke = (edit: (g: Record<string, any>) => void) => (v: Record<string, any>) => edit(v.clusters[0].gke);
  const devConfig = (edit: (g: Record<string, any>) => void) => validatedAs("nifcloud-gke", rawConfig("dev", undefined, gke(edit)));

  it("GIVEN no setting THEN the public endpoint is off and the nodes get an account of their own", () => {
    const spec = devConfig(() => undefined).clusters.find((c) => c.platform === "gke")!;
    expect(spec.platform === "gke" && spec.gke).toMatchObject({ authorizedNetworks: [], nodeServiceAccount: "dedicated" });
  });

  it("GIVEN named public ranges THEN they are the authorized networks", () => {
    const spec = devConfig((g) => (g.authorizedNetworks = [{ name: "ci-runner", cidr: "8.8.4.0/24" }])).clusters[0];
    expect(spec.platform === "gke" && spec.gke.authorizedNetworks).toEqual([{ name: "ci-runner", cidr: "8.8.4.0/24" }]);
  });

  it.each([
    [
      "the whole internet",
      [{ name: "anywhere", cidr: "0.0.0.0/0" }],
      /^multicloud-mesh:clusters\[0\]\.gke\.authorizedNetworks = \["0\.0\.0\.0\/0"\]: admit \d+ public IPv4 addresses, more than the 65536 of a \/16: the control plane would be open to others' networks\. Fix: name the public address Pulumi's runner leaves from/,
    ],
    [
      "a union wider than a /16",
      [
        { name: "a", cidr: "8.0.0.0/16" },
        { name: "b", cidr: "9.0.0.0/16" },
      ],
      /authorizedNetworks = \["8\.0\.0\.0\/16","9\.0\.0\.0\/16"\]: admit 131072 public IPv4 addresses/,
    ],
    [
      "a private range",
      [{ name: "lan", cidr: "172.16.232.0/24" }],
      /authorizedNetworks\[0\]\.cidr = "172\.16\.232\.0\/24": is 172\.16\.0\.0\/12 private use \(RFC 1918\): the public endpoint only sees public source addresses, and the private endpoint already admits the VPC and the VPN peers\. Fix: /,
    ],
    ["no name", [{ cidr: "8.8.4.0/24" }], /authorizedNetworks\[0\]\.name = \(not set\): is required/],
    [
      "one name twice",
      [
        { name: "ci", cidr: "8.8.4.0/24" },
        { name: "ci", cidr: "8.8.8.0/24" },
      ],
      /authorizedNetworks\[1\]\.name = "ci": names another entry too\. Fix: give each range its own name/,
    ],
    ["no CIDR", [{ name: "ci", cidr: "8.8.4.0/33" }], /authorizedNetworks\[0\]\.cidr = "8\.8\.4\.0\/33": is not a valid IPv4 CIDR/],
  ])("GIVEN %s THEN validation names the key, the value and the fix", (_, networks, problem) => {
    expect(
      stackProblems(
        "dev",
        gke((g) => (g.authorizedNetworks = networks)),
      ),
    ).toEqual([expect.stringMatching(problem)]);
  });

  it("GIVEN an unknown node account THEN validation names the choices", () => {
    expect(
      stackProblems(
        "dev",
        gke((g) => (g.nodeServiceAccount = "default")),
      ),
    ).toEqual(['multicloud-mesh:clusters[0].gke.nodeServiceAccount = "default": is not supported. Fix: use one of "dedicated", "compute-default"']);
  });

  it("GIVEN Compute Engine's default account THEN it is accepted with a warning that names the key", () => {
    const { warnings } = validateWithWarnings(
      rawConfig(
        "dev",
        undefined,
        gke((g) => (g.nodeServiceAccount = "compute-default")),
      ),
    );
    expect(warnings).toEqual([
      expect.stringMatching(
        /^multicloud-mesh:clusters\[0\]\.gke\.nodeServiceAccount = "compute-default": the nodes act as Compute Engine's default service account/,
      ),
    ]);
  });
});
