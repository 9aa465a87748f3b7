/**
 * The GitHub workflows and local actions as data, for the tests that hold CI to least privilege:
 * which triggers can start a job, and what the job's steps use and pass.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export const ROOT = path.resolve(__dirname, "../..");
const WORKFLOWS = ".github/workflows";
const ACTIONS = ".github/actions";

export interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly "working-directory"?: string;
}

export interface Job {
  /** `<file>:<job id>`, for messages. */
  readonly id: string;
  readonly environment?: string;
  readonly steps: readonly Step[];
  /** The raw job, for checks on keys the interface leaves out. */
  readonly raw: Record<string, any>;
}

export interface Workflow {
  readonly file: string;
  /** `on:` as a mapping of event to its filter (a bare event list becomes `{event: null}`). */
  readonly on: Record<string, any>;
  readonly jobs: readonly Job[];
}

/** A job's `environment:` as a name (`environment: {name: x}` or `environment: x`). */
function environmentName(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw;
  if (raw !== null && typeof raw === "object" && typeof (raw as { name?: unknown }).name === "string") return (raw as { name: string }).name;
  return undefined;
}

function triggers(on: unknown): Record<string, any> {
  if (typeof on === "string") return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((event: string) => [event, null]));
  return (on ?? {}) as Record<string, any>;
}

/** Reads workflow YAML text; `file` names it in messages. */
export function parseWorkflow(file: string, text: string): Workflow {
  const doc = parse(text) as { on?: unknown; true?: unknown; jobs?: Record<string, any> };
  // YAML 1.1 readers turn a bare `on` key into `true`; the `yaml` package keeps it, but accept both.
  const on = triggers(doc.on ?? doc.true);
  const jobs = Object.entries(doc.jobs ?? {}).map(([id, raw]) => ({
    id: `${file}:${id}`,
    environment: environmentName(raw.environment),
    steps: (raw.steps ?? []) as Step[],
    raw,
  }));
  return { file, on, jobs };
}

/** Every committed workflow. */
export function workflows(root = ROOT): Workflow[] {
  const dir = path.join(root, WORKFLOWS);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => parseWorkflow(`${WORKFLOWS}/${f}`, fs.readFileSync(path.join(dir, f), "utf8")));
}

/** Every local composite action's steps, as `{file, steps}`. */
export function localActions(root = ROOT): { file: string; steps: Step[] }[] {
  const dir = path.join(root, ACTIONS);
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => `${ACTIONS}/${name}/action.yml`)
    .filter((file) => fs.existsSync(path.join(root, file)))
    .map((file) => {
      const doc = parse(fs.readFileSync(path.join(root, file), "utf8")) as { runs?: { steps?: Step[] } };
      return { file, steps: doc.runs?.steps ?? [] };
    });
}

/** The text of every workflow and local action, by file. */
export function workflowTexts(root = ROOT): { file: string; text: string }[] {
  const files = [...fs.readdirSync(path.join(root, WORKFLOWS)).map((f) => `${WORKFLOWS}/${f}`), ...localActions(root).map((a) => a.file)];
  return files.sort().map((file) => ({ file, text: fs.readFileSync(path.join(root, file), "utf8") }));
}

/** The action a step uses, without its ref: `pulumi/esc-action@abc` -> `pulumi/esc-action`. */
export function actionOf(step: Step): string | undefined {
  return step.uses?.split("@")[0];
}
