/**
 * Push access must not reach the deploy credentials. Anyone who can push a branch can change a
 * workflow in it and start it by a pull request, a manual dispatch or a push to that branch; only
 * a push to main and the schedule (which runs main's file) are out of their hands. Such a job may
 * open only the read-only ESC environments (`<stack>-preview`) with a team-scoped Pulumi token,
 * unless it runs in a deploy GitHub environment (named after the stack), whose branch rule
 * (main only) and reviewers stop it (docs/runbooks/ci-credentials.md).
 */
import { Job, Workflow, actionOf, parseWorkflow, workflows } from "./workflows";

/** GitHub environments of deployments: the stack's name, kept to main with required reviewers. */
const DEPLOY_ENVIRONMENT = /^(dev|ack-dev|\$\{\{ *(matrix|inputs)\.stack *\}\})$/;
/** The read-only ESC and GitHub environments of previews and drift checks. */
const READ_ONLY = /-preview$/;
/** Pulumi token types that reach every stack and environment of the organization (or of a user). */
const BROAD_TOKEN = /:(organization|personal)$/;

/** Whether only a change on main can start this event's run (its workflow file is main's). */
function protectedOnly(event: string, filter: any): boolean {
  if (event === "schedule") return true;
  if (event !== "push" || filter === null || typeof filter !== "object") return false;
  const keys = Object.keys(filter as object);
  return keys.every((k) => k === "branches" || k === "paths" || k === "paths-ignore") && JSON.stringify(filter.branches) === '["main"]';
}

/** The events of a workflow that a push to any branch can set off. */
export function unprotectedEvents(w: Workflow): string[] {
  return Object.entries(w.on)
    .filter(([event, filter]) => !protectedOnly(event, filter))
    .map(([event]) => event);
}

/** What a job's steps reach that only a deployment may hold, each as a sentence. */
export function deployCredentials(job: Job): string[] {
  return job.steps.flatMap((step) => {
    const action = actionOf(step);
    const input = (key: string): string => {
      const value = step.with?.[key];
      return typeof value === "string" ? value : "";
    };
    const found: string[] = [];
    if (action === "pulumi/esc-action" && !READ_ONLY.test(input("environment"))) found.push(`opens ESC environment ${input("environment")}`);
    for (const key of ["requested-token-type", "oidc-requested-token-type"])
      if ((action === "pulumi/auth-actions" || action === "pulumi/esc-action") && BROAD_TOKEN.test(input(key)))
        found.push(`requests a Pulumi token of type ${input(key)}`);
    if (action === "./.github/actions/deploy-tools") found.push("acts as the deployer's GCP service account (deploy-tools)");
    if (action === "google-github-actions/auth") found.push(`acts as GCP service account ${input("service_account")}`);
    return found;
  });
}

/** Every path from push access to a deploy credential: `<job> (<events>) <credential>`. */
export function pushPaths(all: readonly Workflow[]): string[] {
  return all.flatMap((w) => {
    const events = unprotectedEvents(w);
    if (events.length === 0) return [];
    return w.jobs
      .filter((job) => !DEPLOY_ENVIRONMENT.test(job.environment ?? ""))
      .flatMap((job) => deployCredentials(job).map((c) => `${job.id} (${events.join(", ")}) ${c}`));
  });
}

/** Jobs that hold a Pulumi token or an ESC environment: each needs a GitHub environment. */
function pulumiJobs(all: readonly Workflow[]): Job[] {
  return all.flatMap((w) => w.jobs).filter((j) => j.steps.some((s) => ["pulumi/auth-actions", "pulumi/esc-action"].includes(actionOf(s) ?? "")));
}

describe("the committed workflows", () => {
  const all = workflows();

  it("give push access no path to a deploy credential", () => {
    expect(pushPaths(all)).toEqual([]);
  });

  it("run every job that holds Pulumi credentials in a GitHub environment, so its OIDC subject names it", () => {
    expect(
      pulumiJobs(all)
        .filter((j) => j.environment === undefined)
        .map((j) => j.id),
    ).toEqual([]);
  });

  it("give read-only jobs the read-only ESC environment of their GitHub environment and a team token", () => {
    const readOnly = pulumiJobs(all).filter((j) => READ_ONLY.test(j.environment ?? ""));
    expect(readOnly.map((j) => j.id)).toEqual(["pull-request.yml:preview", "drift.yml:preview"].map((id) => `.github/workflows/${id}`).sort());
    for (const job of readOnly) {
      const esc = job.steps.find((s) => actionOf(s) === "pulumi/esc-action");
      const auth = job.steps.find((s) => actionOf(s) === "pulumi/auth-actions");
      expect(String(esc?.with?.environment)).toBe(`\${{ vars.PULUMI_ORG }}/multicloud-mesh/${job.environment}`);
      expect(auth?.with).toMatchObject({ "requested-token-type": "urn:pulumi:token-type:access_token:team", scope: "team:${{ vars.PULUMI_PREVIEW_TEAM }}" });
    }
  });
});

describe("the push-path check", () => {
  const workflow = (on: string, job: string) => parseWorkflow("w.yml", `on:\n${on}\njobs:\n  j:\n${job}`);
  const preview = `    steps:
      - uses: pulumi/auth-actions@0123456789012345678901234567890123456789
        with:
          requested-token-type: urn:pulumi:token-type:access_token:organization
      - uses: pulumi/esc-action@0123456789012345678901234567890123456789
        with:
          environment: org/multicloud-mesh/dev`;

  it("GIVEN a pull request job with an organization token and the deploy environment THEN it reports both", () => {
    expect(pushPaths([workflow("  pull_request:", preview)])).toEqual([
      "w.yml:j (pull_request) requests a Pulumi token of type urn:pulumi:token-type:access_token:organization",
      "w.yml:j (pull_request) opens ESC environment org/multicloud-mesh/dev",
    ]);
  });

  it("GIVEN a manual dispatch or a push to any branch THEN it counts as push access", () => {
    expect(pushPaths([workflow("  workflow_dispatch:\n  schedule:\n    - cron: '0 0 * * *'", preview)])).toHaveLength(2);
    expect(pushPaths([workflow("  push:\n    branches: ['**']", preview)])).toHaveLength(2);
    expect(pushPaths([workflow("  push:\n    branches: [main]\n    tags: ['v*']", preview)])).toHaveLength(2);
  });

  it("GIVEN a push to main, the schedule, or a deploy GitHub environment THEN it is not push access", () => {
    expect(pushPaths([workflow("  push:\n    branches: [main]\n  schedule:\n    - cron: '0 0 * * *'", preview)])).toEqual([]);
    expect(pushPaths([workflow("  workflow_dispatch:", `    environment: \${{ inputs.stack }}\n${preview}`)])).toEqual([]);
  });

  it("GIVEN the deployer's GCP identity in a pull request job THEN it reports it", () => {
    expect(pushPaths([workflow("  pull_request:", "    steps:\n      - uses: ./.github/actions/deploy-tools")])).toEqual([
      "w.yml:j (pull_request) acts as the deployer's GCP service account (deploy-tools)",
    ]);
  });
});
