/**
 * The deploy and destroy workflows can reach the clusters: a configurable runner, the tools the
 * command resources run, and a gcloud identity from the workflow's OIDC token (no stored key).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ROOT } from "../helpers/stackConfig";

const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
const tools = read(".github/actions/deploy-tools/action.yml");

describe.each(["deploy", "destroy"])("%s workflow", (name) => {
  const workflow = read(`.github/workflows/${name}.yml`);
  const [job] = Object.values<any>(workflow.jobs);

  it("runs on the runner DEPLOY_RUNNER names, a hosted one by default", () => {
    expect(job["runs-on"]).toBe(`\${{ fromJSON(vars.DEPLOY_RUNNER || '"ubuntu-latest"') }}`);
  });

  it("installs the tools before Pulumi runs, with an OIDC token for gcloud", () => {
    const uses = job.steps.map((s: any) => s.uses ?? "");
    const toolsAt = uses.indexOf("./.github/actions/deploy-tools");
    expect(toolsAt).toBeGreaterThanOrEqual(0);
    expect(toolsAt).toBeLessThan(uses.findIndex((u: string) => u.startsWith("pulumi/actions")));
    expect(job.permissions["id-token"]).toBe("write");
  });
});

it("the tools action installs what the scripts call and authenticates gcloud by workload identity", () => {
  const steps = tools.runs.steps as any[];
  const text = JSON.stringify(steps);
  for (const tool of ["requirements.txt", "kubectl", "gke-gcloud-auth-plugin", "git", "jq", "csplit"]) expect(text).toContain(tool);
  // The nifcloud CLI comes from the hashed requirements the action installs.
  expect(fs.readFileSync(path.join(ROOT, ".github/actions/deploy-tools/requirements.txt"), "utf8")).toMatch(/^nifcloud-cli==[0-9.]+ \\$/m);
  const auth = steps.find((s) => String(s.uses).startsWith("google-github-actions/auth@"));
  expect(auth.with.workload_identity_provider).toBeDefined();
  expect(auth.with).not.toHaveProperty("credentials_json");
  const at = (prefix: string) => steps.findIndex((s) => String(s.uses ?? "").startsWith(prefix));
  expect(at("google-github-actions/auth@")).toBeLessThan(at("google-github-actions/setup-gcloud@"));
  expect(steps.find((s) => String(s.uses).startsWith("actions/cache@")).with.path).toBe("~/.cache/multicloud-mesh/istioctl");
});
