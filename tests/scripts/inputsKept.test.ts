/**
 * tests/e2e/inputs-kept.sh, the real-engine check that the API server keeps every input field
 * (a dropped one is a perpetual diff under Kubernetes provider v4): against a kubectl stand-in
 * that answers `get -f` with fixed live objects per kubeconfig.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../helpers/stackConfig";

let scratch: string;

/**
 * A kubectl that prints the live List stored beside the kubeconfig it is given, records what it
 * was asked, and fails as the API server does for a kind listed in `<kubeconfig>.unknown` or
 * with any error in `<kubeconfig>.error`.
 */
function kubectlStandIn(bin: string): void {
  fs.mkdirSync(bin, { recursive: true });
  const script = [
    "#!/usr/bin/env bash",
    'while [ $# -gt 0 ]; do case "$1" in --kubeconfig) config=$2; shift 2 ;; -f) asked=$2; shift 2 ;; *) shift ;; esac; done',
    'cat "$asked" >>"$config.asked"',
    'if [ -f "$config.error" ]; then cat "$config.error" >&2; exit 1; fi',
    'kind=$(jq -r ".items[0].kind" "$asked")',
    'if [ -f "$config.unknown" ] && grep -qx "$kind" "$config.unknown"; then',
    '  echo "error: resource mapping not found for name: \"x\" namespace: \"\" from \"$asked\": no matches for kind \"$kind\"" >&2; exit 1',
    "fi",
    'cat "$config.live"',
  ].join("\n");
  fs.writeFileSync(path.join(bin, "kubectl"), `${script}\n`, { mode: 0o755 });
}

/** A state resource as `pulumi stack export` writes it for a Kubernetes object. */
function resource(type: string, inputs: Record<string, any>, uid: string) {
  const urn = `urn:pulumi:local::multicloud-mesh::${type}::${inputs.metadata.name}-${uid}`;
  return { urn, type, custom: true, inputs, outputs: { ...inputs, metadata: { ...inputs.metadata, uid } } };
}

/** A value as `pulumi stack export` writes a secret: its ciphertext only. */
const secretValue = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };

const crdInputs = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "serviceexports.multicluster.x-k8s.io" },
  spec: { versions: [{ name: "v1alpha1", schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: {} } } } } }] },
};
const secretInputs = { apiVersion: "v1", kind: "Secret", metadata: { name: "cacerts", namespace: "istio-system" }, stringData: { "ca-cert.pem": "x" } };

function run(resources: object[], liveByCluster: Record<string, object[]>, files: Record<string, string> = {}) {
  const bin = path.join(scratch, "bin");
  kubectlStandIn(bin);
  const state = path.join(scratch, "state.json");
  fs.writeFileSync(state, JSON.stringify({ deployment: { resources } }));
  const kubeconfigs = Object.entries(liveByCluster).map(([cluster, items]) => {
    const config = path.join(scratch, cluster);
    fs.writeFileSync(`${config}.live`, JSON.stringify({ apiVersion: "v1", kind: "List", items }));
    return config;
  });
  Object.entries(files).forEach(([name, text]) => fs.writeFileSync(path.join(scratch, name), text));
  const result = spawnSync("bash", [path.join(ROOT, "tests/e2e/inputs-kept.sh"), state, ...kubeconfigs], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  return {
    status: result.status,
    out: result.stdout + result.stderr,
    /** The objects kubectl was asked for on CLUSTER, one `Kind/namespace/name` each. */
    asked: (cluster: string) =>
      fs
        .readFileSync(path.join(scratch, `${cluster}.asked`), "utf8")
        .trim()
        .split("\n")
        .flatMap((line) => JSON.parse(line).items.map((i: any) => `${i.kind}/${i.metadata.namespace ?? ""}/${i.metadata.name}`)),
  };
}

beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), "inputs-kept-"))));
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

it("reports an empty schema map the API server dropped, naming the object and the path", () => {
  const live = structuredClone(crdInputs) as any;
  delete live.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties;
  live.metadata.uid = "u1";
  const { status, out } = run([resource("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", crdInputs, "u1")], { east: [live], west: [] });
  expect(out).toContain(
    "urn:pulumi:local::multicloud-mesh::kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition::serviceexports.multicluster.x-k8s.io-u1: spec.versions.0.schema.openAPIV3Schema.properties.spec.properties",
  );
  expect(status).toBe(1);
});

it("passes when every field is kept, finding each object on its own cluster by uid", () => {
  const crd = { ...structuredClone(crdInputs), metadata: { ...crdInputs.metadata, uid: "u1" } };
  // The server folds stringData into data; that write-only field is not a loss.
  const secret = { apiVersion: "v1", kind: "Secret", metadata: { ...secretInputs.metadata, uid: "u2" }, data: { "ca-cert.pem": "eA==" } };
  const { status, out, asked } = run(
    [resource("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", crdInputs, "u1"), resource("kubernetes:core/v1:Secret", secretInputs, "u2")],
    { east: [crd], west: [secret] },
  );
  expect(out).toContain("2 objects: every input field kept");
  expect(status).toBe(0);
  expect(asked("west")).toEqual(["CustomResourceDefinition//serviceexports.multicluster.x-k8s.io", "Secret/istio-system/cacerts"]);
});

it("fails when an object is on no cluster", () => {
  const { status, out } = run([resource("kubernetes:core/v1:Secret", secretInputs, "u2")], { east: [], west: [] });
  expect(out).toContain("::kubernetes:core/v1:Secret::cacerts-u2: not found on any cluster");
  expect(status).toBe(1);
});

it("fails when the state holds no Kubernetes object at all (nothing was compared)", () => {
  const { status, out } = run([{ type: "pulumi:pulumi:Stack", custom: false, inputs: {}, outputs: {} }], { east: [] });
  expect(out).toContain("no Kubernetes objects");
  expect(status).toBe(1);
});

it("leaves out values the state holds as secrets (only their ciphertext is there)", () => {
  const inputs = { apiVersion: "v1", kind: "Secret", metadata: { name: "remote", namespace: "istio-system" }, data: secretValue };
  const live = { ...inputs, metadata: { ...inputs.metadata, uid: "u3" }, data: { west: "a3ViZWNvbmZpZw==" } };
  const { status, out } = run([resource("kubernetes:core/v1:Secret", inputs, "u3")], { east: [live] });
  expect(out).toContain("1 objects: every input field kept");
  expect(status).toBe(0);
});

it("skips a kind one cluster does not serve, finding the object on the other", () => {
  const crd = { ...structuredClone(crdInputs), metadata: { ...crdInputs.metadata, uid: "u1" } };
  const { status, out } = run(
    [resource("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", crdInputs, "u1")],
    { east: [], west: [crd] },
    {
      "east.unknown": "CustomResourceDefinition\n",
    },
  );
  expect(out).toContain("1 objects: every input field kept");
  expect(status).toBe(0);
});

it("fails with the cluster's own error for anything else", () => {
  const { status, out } = run(
    [resource("kubernetes:core/v1:Secret", secretInputs, "u2")],
    { east: [] },
    { "east.error": "error: You must be logged in to the server (Unauthorized)\n" },
  );
  expect(out).toContain("You must be logged in to the server (Unauthorized)");
  expect(status).toBe(1);
});
