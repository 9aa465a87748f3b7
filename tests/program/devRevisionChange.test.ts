/**
 * The `dev` program before and after a configuration change, under mocks: what an update must
 * never replace. A command resource is replaced exactly when its `triggers` change (delete
 * first: `deleteBeforeReplace`), so each change below must leave every trigger and URN as it was
 * and reach the scripts as new inputs, which the engine runs as `update` and keeps for `delete`.
 */
import { scriptCommandLine } from "../../lib/scriptCommandLine";
import { isolatedRun } from "../helpers/isolatedRun";
import { Recorded, plain } from "../helpers/mocks";
import { ProgramRun } from "../helpers/programRun";

type Edit = (v: Record<string, any>) => void;

const key = (r: Recorded) => `${r.type}::${r.name}`;
const triggers = (run: ProgramRun) =>
  Object.fromEntries(run.recorded.filter((r) => r.inputs.triggers !== undefined).map((r) => [key(r), JSON.stringify(plain(r.inputs.triggers))]));
const urns = (run: ProgramRun) => run.registrations.map((r) => r.urn).sort();

/** The lines Cloud Service Mesh supports move on: 1.29 to 1.30 (whose GKE range is not recorded: the version is set). */
const newRevision: Edit = (v) => {
  v.mesh.asmcliVersion = "1.30";
  v.mesh.revision = "asm-1300-2";
  v.clusters[0].gke.version = "1.35";
};

let base: ProgramRun;
let upgraded: ProgramRun;

beforeAll(async () => {
  base = await isolatedRun("dev");
  upgraded = await isolatedRun("dev", newRevision);
}, 120000);

describe("a new mesh revision", () => {
  it("replaces nothing: every URN and every trigger stays", () => {
    expect(Object.keys(triggers(base)).length).toBeGreaterThan(5);
    expect(urns(upgraded)).toEqual(urns(base));
    expect(triggers(upgraded)).toEqual(triggers(base));
  });
  it("reaches asmcli, the namespaces and the gateways as an update to the new revision", () => {
    upgraded
      .commandFor("mesh/asm-install.sh")
      .forEach((c) => expect(upgraded.env(c)).toMatchObject({ MESH_REVISION: "asm-1300-2", ASM_RELEASE: "1.30.0-asm.2+config1" }));
    upgraded.commandFor("mesh/eastwest-gateway.sh").forEach((c) => expect(JSON.parse(upgraded.env(c).ISTIO_OPERATOR).spec.revision).toBe("asm-1300-2"));
    upgraded.ofType("kubernetes:core/v1:Namespace").forEach((ns) => {
      if (ns.inputs.metadata.name !== "istio-system") expect(ns.inputs.metadata.labels["istio.io/rev"]).toBe("asm-1300-2");
    });
  });
  it("moves every cluster by revision canary once the new revision and its gateway run", () => {
    const canaries = upgraded.commandFor("mesh/revision-canary.sh");
    expect(canaries.map((c) => c.name).sort()).toEqual(["anthos-canary-move-run", "gke-canary-move-run"]);
    canaries.forEach((c) => {
      // the canary removes an old revision only when it carries this stack's owner mark (asm-install's)
      expect(upgraded.env(c)).toMatchObject({ MESH_REVISION: "asm-1300-2", MESH_NAMESPACES: "sample nifc-gateway", MESH_OWNER: "multicloud-mesh/dev" });
      expect(c.inputs).toMatchObject({ update: scriptCommandLine("mesh/revision-canary.sh", "update") });
    });
    const canaryUrn = upgraded.registrations.find((r) => r.name === "anthos-canary")!.urn;
    expect(canaryUrn).toContain("multicloud-mesh:mesh:Mesh$multicloud-mesh:mesh:RevisionCanary::anthos-canary");
  });
});
