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

/** A kubectl that prints the live List stored beside the kubeconfig it is given. */
function kubectlStandIn(bin: string): void {
  fs.mkdirSync(bin, { recursive: true });
  const script = [
    "#!/usr/bin/env bash",
    'while [ $# -gt 0 ]; do case "$1" in --kubeconfig) config=$2; shift 2 ;; -f) cp "$2" "$config.asked"; shift 2 ;; *) shift ;; esac; done',
    'cat "$config.live"',
  ].join("\n");
  fs.writeFileSync(path.join(bin, "kubectl"), `${script}\n`, { mode: 0o755 });
}

/** A state resource as `pulumi stack export` writes it for a Kubernetes object. */
function resource(type: string, inputs: Record<string, any>, uid: string) {
  return { type, custom: true, inputs, outputs: { ...inputs, metadata: { ...inputs.metadata, uid } } };
}

const crdInputs = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "serviceexports.multicluster.x-k8s.io" },
  spec: { versions: [{ name: "v1alpha1", schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: {} } } } } }] },
};
const secretInputs = { apiVersion: "v1", kind: "Secret", metadata: { name: "cacerts", namespace: "istio-system" }, stringData: { "ca-cert.pem": "x" } };

function run(resources: object[], liveByCluster: Record<string, object[]>) {
  const bin = path.join(scratch, "bin");
  kubectlStandIn(bin);
  const state = path.join(scratch, "state.json");
  fs.writeFileSync(state, JSON.stringify({ deployment: { resources } }));
  const kubeconfigs = Object.entries(liveByCluster).map(([cluster, items]) => {
    const config = path.join(scratch, cluster);
    fs.writeFileSync(`${config}.live`, JSON.stringify({ apiVersion: "v1", kind: "List", items }));
    return config;
  });
  const result = spawnSync("bash", [path.join(ROOT, "tests/e2e/inputs-kept.sh"), state, ...kubeconfigs], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  return {
    status: result.status,
    out: result.stdout + result.stderr,
    asked: (cluster: string) => JSON.parse(fs.readFileSync(path.join(scratch, `${cluster}.asked`), "utf8")),
  };
}

beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), "inputs-kept-"))));
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

it("reports an empty schema map the API server dropped, naming the object and the path", () => {
  const live = structuredClone(crdInputs) as any;
  delete live.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties;
  live.metadata.uid = "u1";
  const { status, out } = run([resource("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", crdInputs, "u1")], { east: [live], west: [] });
  expect(out).toContain("CustomResourceDefinition/serviceexports.multicluster.x-k8s.io: spec.versions.0.schema.openAPIV3Schema.properties.spec.properties");
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
  expect(asked("west").items.map((i: any) => `${i.kind}/${i.metadata.namespace ?? ""}/${i.metadata.name}`)).toEqual([
    "CustomResourceDefinition//serviceexports.multicluster.x-k8s.io",
    "Secret/istio-system/cacerts",
  ]);
});

it("fails when an object is on no cluster", () => {
  const { status, out } = run([resource("kubernetes:core/v1:Secret", secretInputs, "u2")], { east: [], west: [] });
  expect(out).toContain("Secret/cacerts: not found on any cluster");
  expect(status).toBe(1);
});

it("fails when the state holds no Kubernetes object at all (nothing was compared)", () => {
  const { status, out } = run([{ type: "pulumi:pulumi:Stack", custom: false, inputs: {}, outputs: {} }], { east: [] });
  expect(out).toContain("no Kubernetes objects");
  expect(status).toBe(1);
});
