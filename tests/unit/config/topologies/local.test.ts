import { LOCAL_SECRETS, rawConfig, stackProblems, validatedAs } from "../../../helpers/stackConfig";

type Values = Record<string, any>;
const problemsOf = (edit: (v: Values) => void, secrets = LOCAL_SECRETS) => stackProblems("local", edit, secrets);

describe("the local stack's configuration", () => {
  it("is valid: two existing clusters, Pulumi-applied mesh with a plug-in CA, services from east to west", () => {
    const config = validatedAs("local", rawConfig("local", LOCAL_SECRETS));
    expect(config.topology).toBe("local");
    expect(config.clusters.map((c) => [c.name, c.platform, c.meshNetwork])).toEqual([
      ["east", "existing", "east-net"],
      ["west", "existing", "west-net"],
    ]);
    expect(config.mesh).toMatchObject({ installer: "manifests", ca: "plugin", istioVersion: "1.24.3" });
    expect(config.multiClusterServices).toMatchObject({
      providerCluster: "east",
      consumerCluster: "west",
      app: { namespace: "provider-ns", serviceName: "service1" },
    });
  });

  it.each<[string, (v: Values) => void, RegExp]>([
    ["no services section", (v) => delete v.multiClusterServices, /multiClusterServices = \(not set\): is required by topology local/],
    ["an unknown provider cluster", (v) => (v.multiClusterServices.providerCluster = "north"), /multiClusterServices\.providerCluster = "north"/],
    [
      "provider and consumer the same",
      (v) => (v.multiClusterServices.consumerCluster = "east"),
      /consumerCluster = "east": is also the provider cluster\. Fix: import the service/,
    ],
    ["one cluster", (v) => v.clusters.pop(), /clusters = 1: must hold at least two clusters/],
    ["asmcli without a fleet", (v) => (v.mesh.installer = "asmcli"), /mesh\.installer = "asmcli": must be manifests for topology local/],
  ])("rejects %s, naming the key and the fix", (_what, edit, expected) => {
    expect(problemsOf(edit).join("\n")).toMatch(expected);
  });

  it("requires both kubeconfigs as secrets", () => {
    const { westKubeconfig, ...rest } = LOCAL_SECRETS;
    expect(westKubeconfig).toBeDefined();
    expect(problemsOf(() => undefined, rest).join("\n")).toMatch(/westKubeconfig = \(not set\): is the kubeconfig of cluster 'west'/);
  });
});
