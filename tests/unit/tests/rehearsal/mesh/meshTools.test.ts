/**
 * The mesh stand-ins' model, without an API server: which revision's webhook injects a pod (Istio 1.29's
 * selectors), what injection writes, how a pod's proxy revision is read, what `istioctl uninstall --revision`
 * removes and warns about, and what the rehearsal's data plane answers the probe; the releases a run publishes,
 * as asm-install.sh downloads and verifies them (with scripts/mesh/lib.sh's own checks), and asmcli's offline
 * path with the flags asm-install.sh passes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { tokenKubeconfig } from "../../../../../components/gke/kubeconfig";
import { scriptPath } from "../../../../../lib/scriptCommandLine";
import { ROOT } from "../../../../helpers/stackConfig";
import { AsmReleases, asmcliBuild, asmReleases, dataplaneModel, istioModel, MESH_BIN, meshToolsEnv } from "../../../../rehearsal/mesh/meshTools";

const R1 = "asm-1290-1";
const R2 = "asm-1300-2";
const RELEASE = "1.29.0-asm.1";
const CLIENT = { service: { name: "istiod", namespace: "istio-system", path: "/inject", port: 443 } };

const pod = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}, extra: object = {}) => ({
  metadata: { name: "app-1", namespace: "shop", labels, annotations },
  spec: { containers: [{ name: "app", image: "app" }] },
  ...extra,
});

describe("the manifests istioctl prints", () => {
  it("are YAML that kubectl reads back as the objects: list items of several keys line up under the first", () => {
    const service = {
      spec: {
        ports: [
          { name: "tls", port: 15443, targetPort: 15443 },
          { name: "status-port", port: 15021 },
        ],
      },
    };
    expect(parse(istioModel("to_yaml", service))).toEqual(service);
  });
});

describe("which revision injects a new pod", () => {
  const webhooks = [istioModel("injector_configuration", R1, CLIENT, RELEASE), istioModel("injector_configuration", R2, CLIENT, RELEASE)];
  const withTags = [
    ...webhooks,
    istioModel("tag_configuration", "default", R1, CLIENT, RELEASE),
    istioModel("tag_configuration", "stable", R2, CLIENT, RELEASE),
  ];
  const revisionOf = (configurations: unknown[], ns: string, nsLabels: Record<string, string>, p: object) =>
    istioModel("injecting_revision", configurations, ns, nsLabels, p);

  it.each([
    ["a namespace labelled with a revision", webhooks, { "istio.io/rev": R2 }, pod(), R2],
    ["istio-injection=enabled without a default tag", webhooks, { "istio-injection": "enabled" }, pod(), null],
    ["istio-injection=enabled with the default tag", withTags, { "istio-injection": "enabled" }, pod(), R1],
    ["a namespace labelled with a tag", withTags, { "istio.io/rev": "stable" }, pod(), R2],
    ["istio-injection=disabled beside a revision label", webhooks, { "istio-injection": "disabled", "istio.io/rev": R1 }, pod(), null],
    ["a pod labelled with a revision in an unlabelled namespace", webhooks, {}, pod({ "istio.io/rev": R1 }), R1],
    ["a pod that opts out", webhooks, { "istio.io/rev": R1 }, pod({ "sidecar.istio.io/inject": "false" }), null],
    [
      "a gateway pod labelled with one revision in a namespace of another",
      webhooks,
      { "istio.io/rev": R1 },
      pod({ "istio.io/rev": R2, "sidecar.istio.io/inject": "true" }),
      R1,
    ],
  ])("%s", (_what, configurations, nsLabels, p, expected) => {
    expect(revisionOf(configurations, "shop", nsLabels, p)).toBe(expected);
  });

  it("never injects kube-system", () => {
    expect(revisionOf(webhooks, "kube-system", { "istio.io/rev": R1 }, pod())).toBeNull();
  });

  it("finds the revisions a namespace selects for all its pods, through tags too", () => {
    expect(istioModel("namespace_selected_revisions", withTags, "shop", { "istio-injection": "enabled" })).toEqual([R1]);
    expect(istioModel("namespace_selected_revisions", withTags, "shop", { "istio.io/rev": "stable" })).toEqual([R2]);
    expect(istioModel("namespace_selected_revisions", withTags, "shop", {})).toEqual([]);
  });
});

describe("what injection writes", () => {
  const values = istioModel("injector_values", R1, RELEASE, "nifclan", "proj-1", "cn-x");

  it("puts the revision in annotations only, with the status the injector records", () => {
    const out = istioModel("inject", pod({ app: "orders", version: "v3" }), R1, values, false, "orders");
    expect(out.metadata.labels).toEqual({
      app: "orders",
      version: "v3",
      "security.istio.io/tlsMode": "istio",
      "service.istio.io/canonical-name": "orders",
      "service.istio.io/canonical-revision": "v3",
    });
    expect(out.metadata.annotations["istio.io/rev"]).toBe(R1);
    expect(JSON.parse(out.metadata.annotations["sidecar.istio.io/status"])).toEqual({
      initContainers: ["istio-init"],
      containers: ["istio-proxy"],
      volumes: [
        "workload-socket",
        "credential-socket",
        "workload-certs",
        "istio-envoy",
        "istio-data",
        "istio-podinfo",
        "istio-token",
        "istiod-ca-cert",
        "istio-ca-crl",
      ],
      imagePullSecrets: null,
      revision: R1,
    });
    expect(out.spec.containers.map((c: { name: string }) => c.name)).toEqual(["app", "istio-proxy"]);
    const proxy = out.spec.containers[1];
    expect(proxy.image).toBe(`gke.gcr.io/asm/proxyv2:${RELEASE}`);
    expect(proxy.env).toEqual(expect.arrayContaining([{ name: "ISTIO_META_NETWORK", value: "nifclan" }]));
    expect(JSON.parse(proxy.env.find((e: { name: string }) => e.name === "PROXY_CONFIG").value).discoveryAddress).toBe(`istiod-${R1}.istio-system.svc:15012`);
  });

  it("makes istio-proxy a native sidecar only when every kubelet is 1.33 or newer", () => {
    expect(istioModel("native_sidecars", ["v1.33.1", "v1.34.0"])).toBe(true);
    expect(istioModel("native_sidecars", ["v1.33.1", "v1.32.5"])).toBe(false);
    expect(istioModel("native_sidecars", ["kwok-0.7.0"])).toBe(false);
    const out = istioModel("inject", pod(), R1, values, true, "app");
    expect(out.spec.initContainers.map((c: { name: string; restartPolicy?: string }) => [c.name, c.restartPolicy])).toEqual([
      ["istio-init", undefined],
      ["istio-proxy", "Always"],
    ]);
    expect(out.spec.containers.map((c: { name: string }) => c.name)).toEqual(["app"]);
  });

  it("injects a gateway with the gateway template: its own istio-proxy completed, no tlsMode, no istio-init", () => {
    const gateway = {
      metadata: {
        name: "gw",
        namespace: "nifc-gateway",
        labels: { app: "istio-eastwestgateway", "istio.io/rev": R2 },
        annotations: { "inject.istio.io/templates": "gateway" },
      },
      spec: { containers: [{ name: "istio-proxy", image: "auto", env: [{ name: "ISTIO_META_REQUESTED_NETWORK_VIEW", value: "nifclan" }] }] },
    };
    const out = istioModel("inject", gateway, R1, values, true, "istio-eastwestgateway");
    expect(out.metadata.labels["security.istio.io/tlsMode"]).toBeUndefined();
    expect(out.metadata.labels["istio.io/rev"]).toBe(R2);
    expect(out.spec.initContainers).toEqual([]);
    expect(out.spec.containers).toHaveLength(1);
    expect(out.spec.containers[0].image).toBe(`gke.gcr.io/asm/proxyv2:${RELEASE}`);
    expect(out.spec.containers[0].args.slice(0, 2)).toEqual(["proxy", "router"]);
    expect(out.spec.containers[0].env[0]).toEqual({ name: "ISTIO_META_REQUESTED_NETWORK_VIEW", value: "nifclan" });
    expect(istioModel("proxy_revision", out)).toBe(R1);
  });
});

describe("a pod's proxy revision", () => {
  const status = (revision: string) => JSON.stringify({ containers: ["istio-proxy"], revision });
  it.each([
    ["the status annotation first", pod({ "istio.io/rev": R2 }, { "sidecar.istio.io/status": status(R1), "istio.io/rev": R2 }), R1],
    ["the istio.io/rev annotation next", pod({}, { "istio.io/rev": R2 }), R2],
    ["the label of a pod that brings its own istio-proxy", { ...pod({ "istio.io/rev": R2 }), spec: { containers: [{ name: "istio-proxy" }] } }, R2],
    ["no revision for a labelled pod without a proxy", pod({ "istio.io/rev": R2 }), null],
    ["no revision for a broken status", pod({}, { "sidecar.istio.io/status": "{" }), null],
  ])("reads %s", (_what, p, expected) => {
    expect(istioModel("proxy_revision", p)).toBe(expected);
  });
});

describe("istioctl uninstall --revision", () => {
  const objects = istioModel("istiod_objects", R1, RELEASE, {}, CLIENT);
  const base = istioModel("base_objects", R1, RELEASE);

  it("prunes the revision's control plane and never the base", () => {
    expect(objects.filter((o: object) => istioModel("pruned_by_uninstall", o, R1)).map((o: { kind: string }) => o.kind)).toEqual(
      expect.arrayContaining(["Deployment", "Service", "MutatingWebhookConfiguration", "ClusterRole", "ConfigMap"]),
    );
    expect(objects.some((o: object) => istioModel("pruned_by_uninstall", o, R2))).toBe(false);
    expect(base.some((o: object) => istioModel("pruned_by_uninstall", o, R1))).toBe(false);
    expect(base.filter((o: { kind: string }) => o.kind === "CustomResourceDefinition")).toHaveLength(14);
  });

  it("warns of proxies still on the revision and of gateways it would remove", () => {
    const gateway = { kind: "Deployment", metadata: { name: "istio-eastwestgateway" } };
    const [message, confirm] = istioModel("uninstall_precheck", R1, ["sleep-1.sample"], [gateway]);
    expect(confirm).toBe(true);
    expect(message).toContain(`There are still 1 proxies pointing to the control plane revision ${R1}\nsleep-1.sample\n`);
    expect(message).toContain("these proxies will become detached from any control plane");
    expect(message).toContain("You are about to remove the following gateways: istio-eastwestgateway.");
    expect(istioModel("uninstall_precheck", R1, [], [])).toEqual([
      "No resources will be pruned from the cluster. Please double check the input configs\n",
      false,
    ]);
  });
});

describe("the rehearsal's data plane", () => {
  type Obj = Record<string, any>;
  const values = istioModel("injector_values", R1, RELEASE, "", "", "");
  const injected = (name: string, ns: string, labels: Record<string, string>, ip: string, revision = R1) => ({
    ...istioModel(
      "inject",
      { metadata: { name, namespace: ns, labels, annotations: {} }, spec: { containers: [{ name: labels.app ?? name }] } },
      revision,
      values,
      false,
      name,
    ),
    kind: "Pod",
    status: { phase: "Running", podIP: ip },
  });
  const gatewayPod = (ip: string) => {
    const p = injected("gw-1", "nifc-gateway", { istio: "eastwestgateway", app: "istio-eastwestgateway" }, ip);
    return p;
  };

  /** A cluster: istiod R1, helloworld `version`, sleep, and (unless told) a ready east-west gateway. */
  function cluster(opts: {
    server: string;
    network: string;
    version: string;
    ip: string;
    gatewayIp: string;
    remote?: string[];
    gateway?: boolean;
    istiod?: boolean;
  }) {
    const items: Obj[] = [
      { kind: "Namespace", metadata: { name: "istio-system", labels: { "topology.istio.io/network": opts.network } } },
      { kind: "Deployment", metadata: { name: `istiod-${R1}`, namespace: "istio-system" }, status: { readyReplicas: opts.istiod === false ? 0 : 1 } },
      { kind: "Service", metadata: { name: "helloworld", namespace: "sample" }, spec: { selector: { app: "helloworld" } } },
      injected(`helloworld-${opts.version}-1`, "sample", { app: "helloworld", version: opts.version }, opts.ip),
      injected("sleep-1", "sample", { app: "sleep" }, "10.0.0.9"),
    ];
    if (opts.gateway !== false) {
      items.push(
        {
          kind: "Deployment",
          metadata: { name: "istio-eastwestgateway", namespace: "nifc-gateway", labels: { istio: "eastwestgateway" } },
          spec: { selector: { matchLabels: { istio: "eastwestgateway" } } },
          status: { readyReplicas: 1 },
        },
        {
          kind: "Service",
          metadata: { name: "istio-eastwestgateway", namespace: "nifc-gateway", labels: { istio: "eastwestgateway" } },
          status: { loadBalancer: { ingress: [{ ip: opts.gatewayIp }] } },
        },
        gatewayPod("10.0.0.3"),
      );
    }
    return { server: opts.server, items, remoteServers: opts.remote ?? [] };
  }

  const A = "https://127.0.0.1:16443";
  const G = "https://127.0.0.1:26443";
  const world = (
    anthos: Partial<Parameters<typeof cluster>[0]> = {},
    gke: Partial<Parameters<typeof cluster>[0]> = {},
    paths: Record<string, boolean> = { "anthos->gke": true, "gke->anthos": true },
  ) => ({
    clusters: {
      anthos: cluster({ server: A, network: "nifclan", version: "v1", ip: "192.168.1.5", gatewayIp: "172.16.232.122", remote: [G], ...anthos }),
      gke: cluster({ server: G, network: "p-default", version: "v2", ip: "10.132.0.7", gatewayIp: "10.128.0.23", remote: [A], ...gke }),
    },
    paths,
  });
  const sleepOf = (w: Obj, role: string) => w.clusters[role].items.find((i: Obj) => i.metadata.name === "sleep-1");
  const answers = (w: Obj, role = "anthos", positions = [0, 1, 2, 3]) =>
    positions.map((n) => dataplaneModel("curl", w, [role, sleepOf(w, role), "helloworld.sample", 5000], [n]));

  it("answers with both versions, round robin, when everything is up", () => {
    const w = world();
    expect(answers(w).map(([code, out]: [number, string]) => [code, out])).toEqual([
      [0, "Hello version: v1, instance: helloworld-v1-1\n"],
      [0, "Hello version: v2, instance: helloworld-v2-1\n"],
      [0, "Hello version: v1, instance: helloworld-v1-1\n"],
      [0, "Hello version: v2, instance: helloworld-v2-1\n"],
    ]);
  });

  it.each([
    ["the network path is down one way", world({}, {}, { "anthos->gke": true })],
    ["there is no path file", world({}, {}, {})],
    ["the cluster holds no remote secret for the other", world({ remote: [] })],
    ["the other cluster's east-west gateway is missing", world({}, { gateway: false })],
    ["the local east-west gateway is missing", world({ gateway: false })],
  ])("answers with the local version only when %s", (_what, w) => {
    expect(new Set(answers(w).map(([, out]: [number, string]) => out))).toEqual(new Set(["Hello version: v1, instance: helloworld-v1-1\n"]));
  });

  it("answers nothing from a proxy whose istiod is gone, and the check names it", () => {
    const w = world({ istiod: false });
    expect(answers(w, "anthos", [0])[0][0]).toBe(56);
    expect(dataplaneModel("detached", w)).toEqual(
      expect.arrayContaining([`anthos sample/sleep-1 ${R1}`, `anthos sample/helloworld-v1-1 ${R1}`, `anthos nifc-gateway/gw-1 ${R1}`]),
    );
    expect(dataplaneModel("detached", world())).toEqual([]);
  });

  it("reads the API server of a remote secret's kubeconfig written as JSON (as the stack writes it) or as YAML", () => {
    const b64 = (text: string) => Buffer.from(text).toString("base64");
    const json = tokenKubeconfig({ name: "gke", server: "https://10.0.0.2", caData: "Q0E=", token: "t" });
    const yaml = "apiVersion: v1\nclusters:\n- cluster:\n    server: https://172.16.232.10:443\n  name: anthos\n";
    expect(dataplaneModel("secret_servers", { data: { gke: b64(json), anthos: b64(yaml) } })).toEqual(["https://10.0.0.2", "https://172.16.232.10:443"]);
  });

  it("cannot resolve a service the cluster does not define", () => {
    const w = world();
    expect(dataplaneModel("curl", w, ["anthos", sleepOf(w, "anthos"), "nothere.sample", 5000])).toEqual([
      6,
      "",
      "curl: (6) Could not resolve host: nothere.sample\n",
    ]);
  });

  it("gives a sidecar the other network's east-west gateway as its endpoint, and pod IPs on one network", () => {
    const w = world();
    const sleep = sleepOf(w, "anthos");
    const name = "outbound|5000||helloworld.sample.svc.cluster.local";
    expect(dataplaneModel("endpoints", w, ["anthos", sleep, name])).toEqual([
      ["192.168.1.5", 5000, true],
      ["10.128.0.23", 15443, true],
    ]);
    const oneNetwork = world({}, { network: "nifclan" });
    expect(dataplaneModel("endpoints", oneNetwork, ["anthos", sleepOf(oneNetwork, "anthos"), name])).toEqual([
      ["192.168.1.5", 5000, true],
      ["10.132.0.7", 5000, true],
    ]);
    expect(dataplaneModel("endpoints", world({ remote: [] }), ["anthos", sleep, name])).toEqual([["192.168.1.5", 5000, true]]);
  });
});

it("puts the stand-ins first on PATH, and no ASMCLI: asm-install.sh downloads and verifies the run's published asmcli", () => {
  const env = meshToolsEnv("/tmp/run", { PATH: "/usr/bin" });
  expect(env.PATH).toBe(`${MESH_BIN}:/usr/bin`);
  expect(env.ASMCLI).toBeUndefined();
  expect(env.REHEARSAL_HOME).toBe("/tmp/run");
});

describe("the stand-ins refuse what the real tools refuse, before they touch a cluster", () => {
  const run = (tool: string, args: string[]) =>
    spawnSync(path.join(MESH_BIN, tool), args, { encoding: "utf8", env: { ...process.env, REHEARSAL_HOME: "/nonexistent" } });
  it.each([
    ["asmcli", ["install", "--fleet_id", "p", "--frobnicate"], 2, "asmcli: [ERROR]: Unknown option --frobnicate"],
    ["asmcli", ["install", "--platform", "multicloud", "--fleet_id"], 2, "asmcli: [ERROR]: Option --fleet_id requires an argument."],
    ["asmcli", ["install", "--platform", "onprem", "--kubeconfig", "k"], 2, "PLATFORM must be one of 'gcp', 'multicloud'"],
    ["asmcli", ["install", "--kubeconfig", "k", "--project_id", "p"], 2, "Kubeconfig cannot be used in conjunction with"],
    ["asmcli", ["install", "--platform", "multicloud", "--kubeconfig", "k", "--revision_name", "asm_1"], 2, "Revision label does not follow RFC 1123"],
    ["istioctl", ["uninstall", "--revision", "r", "--bogus"], 1, "Error: unknown flag: --bogus"],
    ["istioctl", ["install", "-r", "BAD_REV", "-f", "op.json"], 1, "Error: invalid revision specified: BAD_REV"],
    ["istioctl", ["proxy-config", "endpoints", "p.ns", "-x"], 1, "Error: unknown shorthand flag: 'x' in -x"],
    ["istioctl", ["frob"], 1, 'Error: unknown command "frob" for "istioctl"'],
  ])("%s %s", (tool, args, status, message) => {
    const result = run(tool, args);
    expect(result.status).toBe(status);
    expect(result.stderr).toContain(message);
  });

  it.each([
    ["REHEARSAL_ASM_VERSION", { REHEARSAL_ASM_VERSION: "1.30.0-asm.2+config1" }, "1.30.0-asm.2+config1"],
    ["1.29.0-asm.1+config1 without it, whatever line a caller names", { ASMCLI_VERSION: "1.30" }, "1.29.0-asm.1+config1"],
  ])("prints its build's version: %s", (_what, env, version) => {
    const result = spawnSync(path.join(MESH_BIN, "asmcli"), ["--version"], { encoding: "utf8", env: { ...process.env, REHEARSAL_ASM_VERSION: "", ...env } });
    expect(result.stdout.trim()).toBe(version);
  });
});

const VERSIONS = ["1.29.0-asm.1+config1", "1.29.10-asm.4+config1"];
const home = fs.mkdtempSync(path.join(os.tmpdir(), "asm-releases-"));
let releases: AsmReleases;
beforeAll(() => (releases = asmReleases(home, VERSIONS)));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

/** lib.sh functions as asm-install.sh calls them, with the releases' environment. */
function lib(call: string) {
  return spawnSync("bash", ["-c", `. ${scriptPath("lib/common.sh")}; . ${scriptPath("mesh/lib.sh")}; ${call}`], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...releases },
  });
}

/** One asmcli build of the releases, outside any rehearsal run (no API server is reached). */
function asmcli(version: string, args: string[]) {
  return spawnSync(asmcliBuild(releases, version), args, { encoding: "utf8", env: { ...process.env, REHEARSAL_HOME: "/nonexistent" } });
}

describe("the releases a run publishes", () => {
  it.each(VERSIONS)("asmcli %s: downloaded as asm-install.sh does, it matches its published checksum and reports its own version", (version) => {
    const name = `asmcli_${version.replace("+", "-")}`;
    const file = `"$WORK_DIR/${name}"`;
    const url = `${releases.ASMCLI_URL}/${name}`;
    const result = lib(`download "${url}" ${file} && verify_sha256 ${file} ${name} "${url}" && chmod 700 ${file} && ${file} --version`);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(version);
  });

  it.each(VERSIONS)("the release of %s: its tarball verifies against the run's key and holds that release's istioctl", (version) => {
    const release = version.split("+")[0];
    const result = lib(`t=$(verified_release_tarball ${release}) && tar -xzf "$t" -C "$WORK_DIR" && cat "$WORK_DIR/istio-${release}/bin/istioctl"`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`MESH_ISTIOCTL_RELEASE=${release} `);
  });

  it("a tarball is refused under another key, as Google's would be under this run's", () => {
    const other = spawnSync("bash", ["-c", "openssl ecparam -name prime256v1 -genkey -noout | openssl ec -pubout 2>/dev/null"], { encoding: "utf8" }).stdout;
    const result = spawnSync("bash", ["-c", `. ${scriptPath("lib/common.sh")}; . ${scriptPath("mesh/lib.sh")}; verified_release_tarball 1.29.0-asm.1`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, ...releases, ASM_RELEASE_PUBLIC_KEY: other },
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("does not verify against its signature");
  });
});

describe("asmcli's offline path", () => {
  const NEW = "1.29.10-asm.4+config1";
  const NEW_RELEASE = "1.29.10-asm.4";
  const installArgs = (out: string) => [
    "install",
    "--fleet_id",
    "example-mesh-project",
    "--output_dir",
    out,
    "--offline",
    "--enable_gcp_apis",
    "--enable_gcp_components",
    "--enable_cluster_labels",
    "--enable_namespace_creation",
    "--ca",
    "mesh_ca",
    "--revision_name",
    "asm-12910-4",
    "--network_id",
    "nifclan",
    "--platform",
    "multicloud",
    "--kubeconfig",
    path.join(home, "kubeconfig"),
  ];

  it("build-offline-package leaves the release's istioctl, the kpt package and the build's version in the output directory", () => {
    const out = path.join(home, "offline");
    fs.mkdirSync(out);
    const result = asmcli(NEW, ["build-offline-package", "--output_dir", out]);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(out, `istio-${NEW_RELEASE}/bin/istioctl`), "utf8")).toContain(`MESH_ISTIOCTL_RELEASE=${NEW_RELEASE} `);
    expect(fs.readlinkSync(path.join(out, "istioctl"))).toBe(`istio-${NEW_RELEASE}/bin/istioctl`);
    expect(fs.existsSync(path.join(out, "asm/istio/istio-operator.yaml"))).toBe(true);
    expect(fs.readFileSync(path.join(out, ".asm_version"), "utf8")).toBe(`${NEW}\n`);
    expect(fs.readFileSync(path.join(out, ".asm_settings"), "utf8")).toBe("");
  });

  it("build-offline-package refuses an option it does not take", () => {
    const result = asmcli(NEW, ["build-offline-package", "--output_dir", path.join(home, "x"), "--offline"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("build-offline-package does not take --offline");
  });

  it("install --offline takes asm-install.sh's flags and needs an output directory that exists", () => {
    const result = asmcli(NEW, installArgs(path.join(home, "missing")));
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain("Unknown option");
    expect(result.stderr).toContain(`${path.join(home, "missing")} must exist for offline installation.`);
  });

  it("install --offline downloads nothing: without build-offline-package's files it warns, and fails on the missing istioctl", () => {
    const out = path.join(home, "empty");
    fs.mkdirSync(out);
    const result = asmcli(NEW, installArgs(out));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Critical components not found in the offline mode");
    expect(result.stderr).toContain(`istio-${NEW_RELEASE}/bin/istioctl: No such file or directory`);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
