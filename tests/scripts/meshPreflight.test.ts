/**
 * preflight.sh against the kubectl stand-in: before anything is built, the bare-metal cluster's
 * Kubernetes version must be one the mesh release supports, the cluster a member of the fleet,
 * and nothing the stack would create may already be there unless the stack adopts it; every
 * finding names what to do, and the check only reads.
 */
import { FakeMesh } from "../fakes/mesh/fakeMesh";

const REVISION = "asm-1290-1";
const OWNER = "multicloud-mesh/dev";
const FLEET = "example-mesh-project";

/** What the stack would create on the bare-metal cluster (components/mesh/plannedObjects.ts renders it). */
const planned = (adopt: string[] = []) => [
  { resource: "namespaces", name: "istio-system", adopt: adopt.includes("istio-system"), labels: { "topology.istio.io/network": "nifclan" } },
  { resource: "namespaces", name: "nifc-gateway", adopt: adopt.includes("nifc-gateway"), labels: { "istio.io/rev": REVISION } },
  { resource: "namespaces", name: "sample", adopt: adopt.includes("sample"), labels: { "istio.io/rev": REVISION } },
  { resource: "gateways.networking.istio.io", namespace: "nifc-gateway", name: "cross-network-gateway" },
  { resource: "secrets", namespace: "istio-system", name: "istio-reader-service-account-istio-remote-secret-token" },
  { resource: "deployments", namespace: "sample", name: "helloworld-v1" },
];

/** A namespace already on the cluster: its labels and the field manager that created it. */
const namespace = (labels: Record<string, string>, manager = "kubectl-create") => ({ labels, manager });

/** The bare-metal cluster the preflight reads. */
interface Cluster {
  /** The API server's Kubernetes minor. @default "34" */
  minor?: string;
  /** The fleet it is registered to (its in-cluster Membership); null: not registered. @default FLEET */
  fleet?: string | null;
  namespaces?: Record<string, ReturnType<typeof namespace>>;
  /** Deployments already there, "<namespace>/<name>". */
  workloads?: string[];
  /** istiod of REVISION as asmcli leaves it, with this stack mark when `owner` is set. */
  istiod?: { owner?: string };
}

function run(cluster: Cluster, extra: Record<string, string> = {}, action: "create" | "update" = "create") {
  const mesh = new FakeMesh();
  const minor = cluster.minor ?? "34";
  mesh.addCluster("anthos", {
    namespaces: Object.fromEntries(Object.entries(cluster.namespaces ?? {}).map(([name, ns]) => [name, ns.labels])),
    managers: Object.fromEntries(
      Object.entries(cluster.namespaces ?? {}).map(([name, ns]) => [
        `Namespace//${name}`,
        [{ manager: ns.manager, operation: ns.manager.startsWith("pulumi") ? ("Apply" as const) : ("Update" as const) }],
      ]),
    ),
    server_version: { major: "1", minor, gitVersion: `v1.${minor}.2-gke.100` },
  });
  if (cluster.fleet !== null) mesh.admin("anthos", "register", { fleet: cluster.fleet ?? FLEET, membership: "nifc-anthosbm-cls" });
  for (const workload of cluster.workloads ?? []) {
    const [ns, name] = workload.split("/");
    mesh.admin("anthos", "workload", { namespace: ns, name, labels: { app: name } });
  }
  if (cluster.istiod) {
    mesh.admin("anthos", "install", { revision: REVISION, release: "1.29.0-asm.1" });
    const owner = cluster.istiod.owner;
    if (owner) mesh.update("anthos", (c) => (c.deployments[`istio-system/istiod-${REVISION}`].annotations = { "multicloud-mesh/owner": owner }));
  }
  const result = mesh.run("preflight", action as "create", {
    KUBECONFIG_DATA: mesh.kubeconfig("anthos"),
    PREFLIGHT_CLUSTER: "anthos",
    PREFLIGHT_CONFIG_KEY: "clusters[1]",
    PREFLIGHT_LINE: "1.29",
    PREFLIGHT_KUBERNETES: "1.33 1.35",
    PREFLIGHT_FLEET: FLEET,
    PREFLIGHT_OBJECTS: JSON.stringify(planned()),
    MESH_REVISION: REVISION,
    MESH_OWNER: OWNER,
    ...extra,
  });
  return { mesh, result };
}

it("passes on a supported cluster in the fleet with nothing of the stack's on it, and only reads", () => {
  const { mesh, result } = run({});
  expect(result.status).toBe(0);
  expect(result.json).toMatchObject({ kubernetes: "1.34", revision: "absent", adopted: [] });
  const verb = (argv: string[]) => argv.find((a, i) => !a.startsWith("-") && !["-n", "-o"].includes(argv[i - 1]));
  expect(new Set(mesh.calls().map((c) => verb(c.argv)))).toEqual(new Set(["version", "get"]));
});

it("refuses a Kubernetes version outside the release's support matrix, with the fix", () => {
  const { result } = run({ minor: "28" });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain(
    "cluster anthos runs Kubernetes 1.28, but Cloud Service Mesh 1.29 supports 1.33-1.35 on Google Distributed Cloud (software only) for bare metal",
  );
  expect(result.stderr).toContain("upgrade the cluster");
});

it("refuses a cluster that is not a member of the fleet, which asmcli would not register", () => {
  const { result } = run({ fleet: null });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain(`cluster anthos is not registered to fleet ${FLEET}`);
});

it("refuses a cluster registered to another fleet", () => {
  const { result } = run({ fleet: "other-project" });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain(`cluster anthos is registered to fleet project other-project, not ${FLEET}`);
});

describe("what a cluster that went through the seed's parts 3-4 already has", () => {
  const seed: Cluster = {
    namespaces: {
      "istio-system": namespace({ "topology.istio.io/network": "nifclan" }),
      "nifc-gateway": namespace({}),
      sample: namespace({ "istio.io/rev": "asm-1175-9" }),
    },
    workloads: ["sample/helloworld-v1"],
  };

  it("is reported all at once, before anything is built, each with its fix", () => {
    const { result } = run(seed);
    expect(result.status).not.toBe(0);
    for (const ns of ["istio-system", "nifc-gateway", "sample"])
      expect(result.stderr).toContain(
        `namespace ${ns} already exists and the stack did not create it: add it to clusters[1].existing.adoptNamespaces (the stack then only labels it and never deletes it), or delete it`,
      );
    expect(result.stderr).toContain(
      "deployments sample/helloworld-v1 already exists and the stack did not create it: delete it (kubectl -n sample delete deployments helloworld-v1)",
    );
    expect(result.stderr).toContain("4 problems");
  });

  it("passes once the namespaces are adopted and the seed's workloads removed, unless an adopted namespace selects another revision", () => {
    const adopted = { PREFLIGHT_OBJECTS: JSON.stringify(planned(["istio-system", "nifc-gateway", "sample"])) };
    const cleaned = { ...seed, workloads: [] };
    const { result } = run(cleaned, adopted);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      `namespace sample is labelled istio.io/rev=asm-1175-9, and the stack would set ${REVISION}: move it yourself (kubectl label namespace sample istio.io/rev=${REVISION} --overwrite) once ${REVISION} runs, or remove the label`,
    );
    const relabelled = { ...cleaned, namespaces: { ...cleaned.namespaces, sample: namespace({}) } };
    const ok = run(relabelled, adopted).result;
    expect(ok.status).toBe(0);
    expect(ok.json.adopted).toEqual(["istio-system", "nifc-gateway", "sample"]);
  });

  it("refuses an adopted namespace that injects through istio-injection, which would win over the revision label", () => {
    const { result } = run({ namespaces: { sample: namespace({ "istio-injection": "enabled" }) } }, { PREFLIGHT_OBJECTS: JSON.stringify(planned(["sample"])) });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      "namespace sample is labelled istio-injection=enabled, which overrides istio.io/rev: kubectl label namespace sample istio-injection-",
    );
  });

  it("refuses to adopt a namespace that is not there", () => {
    const { result } = run({}, { PREFLIGHT_OBJECTS: JSON.stringify(planned(["sample"])) });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      "clusters[1].existing.adoptNamespaces names sample, which does not exist: remove it from the list (the stack then creates it)",
    );
  });
});

describe("a stack's own objects", () => {
  it("are no finding for a stack that created them with Pulumi before the preflight existed", () => {
    const namespaces = {
      "istio-system": namespace({ "topology.istio.io/network": "nifclan" }, "pulumi-kubernetes-1f2e3d4c"),
      sample: namespace({ "istio.io/rev": REVISION }, "pulumi-kubernetes-5a6b7c8d"),
    };
    const { result } = run({ namespaces, istiod: { owner: OWNER } });
    expect(result.status).toBe(0);
    expect(result.json.revision).toBe("ours");
  });

  it("are no finding on an update when the previous run planned them", () => {
    const previous = JSON.stringify({ kubernetes: "1.34", revision: "absent", adopted: [], planned: ["deployments/sample/helloworld-v1"], owned: [] });
    const cluster = { workloads: ["sample/helloworld-v1"] };
    expect(run(cluster, { PULUMI_COMMAND_STDOUT: previous }, "update").result.status).toBe(0);
    expect(run(cluster, { PULUMI_COMMAND_STDOUT: previous.replace("helloworld-v1", "helloworld-v2") }, "update").result.status).not.toBe(0);
  });

  it("refuses to turn a namespace the stack created into an adopted one (that would delete it)", () => {
    const namespaces = { sample: namespace({ "istio.io/rev": REVISION }, "pulumi-kubernetes-5a6b7c8d") };
    const previous = JSON.stringify({ kubernetes: "1.34", revision: "ours", adopted: [], planned: ["namespaces//sample"], owned: ["sample"] });
    const { result } = run({ namespaces }, { PULUMI_COMMAND_STDOUT: previous, PREFLIGHT_OBJECTS: JSON.stringify(planned(["sample"])) }, "update");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      "namespace sample was created by this stack: adopting it now would delete it; remove it from clusters[1].existing.adoptNamespaces",
    );
  });
});

describe("the revision's control plane", () => {
  it("refuses one the stack did not install, saying how to adopt it", () => {
    const { result } = run({ istiod: {} });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`istiod-${REVISION} exists but was not installed by this stack (${OWNER})`);
    expect(result.stderr).toContain("mesh.adoptExistingRevision: true");
  });

  it("accepts it when the stack adopts it", () => {
    const { result } = run({ istiod: {} }, { MESH_ADOPT_EXISTING: "true" });
    expect(result.status).toBe(0);
    expect(result.json.revision).toBe("adopt");
  });
});

it("says when no support matrix is recorded for the line, and still checks the rest", () => {
  const { result } = run({}, { PREFLIGHT_LINE: "1.30", PREFLIGHT_KUBERNETES: "" });
  expect(result.status).toBe(0);
  expect(result.stderr).toContain("no recorded Kubernetes range for Cloud Service Mesh 1.30");
});
