import * as fs from "fs";
import * as path from "path";
import { Finding } from "./checks/finding";
import { compareInventories } from "./checks/inventory";
import { ruleBreaks } from "./checks/rules";
import { secretAtoms, secretValues, secretsInClear } from "./checks/secrets";
import { longestChain, stepDurations, StateResource } from "./criticalPath";
import { refreshNetwork } from "./dataplane/dataplane";
import { EngineRun, pulumi, StackContext } from "./engine";
import { readOperations } from "./lib/operations";
import { Change, Scenario, Snapshot, World } from "./scenario";
import { startClusters, stopClusters } from "./world/clusters";
import { engineEnv, exportState, initStack } from "./world/stack";

/** One step of a stack's rehearsal, as the report lists it. */
export interface StepReport {
  readonly name: string;
  readonly command: string;
  readonly seconds: number;
  readonly ok: boolean;
  readonly findings: readonly Finding[];
}

/** One stack's part of the report. */
export interface StackReport {
  steps: StepReport[];
  changes: string[];
  leftovers: number | string[];
  foreignChanged: number | string[];
  secretsInClear: number | string[];
  operations: number;
  upWallSeconds: number;
  upCriticalPathSeconds: number;
  upFloorSeconds: number;
  /** The longest chain of `up` through declared dependencies, by resource name. */
  upCriticalPath: string[];
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const countOrList = (findings: readonly Finding[]) => (findings.length === 0 ? 0 : findings.map((f) => f.message));

/** Runs one scenario end to end and returns its report; `log` receives every engine run's output. */
export async function rehearse(scenario: Scenario, home: string, log: (line: string) => void): Promise<StackReport> {
  fs.mkdirSync(home, { recursive: true });
  const opsFile = path.join(home, "operations.jsonl");
  const engineLog = path.join(home, "engine.log");
  const report: StackReport = {
    steps: [],
    changes: [],
    leftovers: 0,
    foreignChanged: 0,
    secretsInClear: 0,
    operations: 0,
    upWallSeconds: 0,
    upCriticalPathSeconds: 0,
    upFloorSeconds: 0,
    upCriticalPath: [],
  };
  log(`[${scenario.stack}] starting ${Object.keys(scenario.roles).join(", ")} and the cloud stand-ins`);
  const clusters = startClusters(home, scenario.roles);
  let world: World | undefined;
  try {
    world = await scenario.start(home, clusters);
    const before = await world.snapshot();
    const ctx = initStack(home, scenario.stack, engineEnv(home, world.env, world.bins), world.edits, world.secrets);
    const outputs: Record<string, string> = {};
    let opsSeen = 0;

    /** Runs one step, then every check over what the step did. */
    const step = async (name: string, args: string[], expectOk: boolean, options: Parameters<typeof pulumi>[2] = {}) => {
      log(`[${scenario.stack}] ${name}: pulumi ${args.join(" ")}`);
      fs.appendFileSync(engineLog, `\n===== ${name}: pulumi ${args.join(" ")}\n`);
      const run = await pulumi(ctx, args, { ...options, log: engineLog });
      refreshNetwork(home, undefined, { ...process.env, ...world!.env });
      outputs[`the engine output of "${name}"`] = run.output;
      const ops = readOperations(opsFile).slice(opsSeen);
      opsSeen += ops.length;
      const findings: Finding[] = [...ruleBreaks(ops), ...(await world!.afterStep())];
      const ok = expectOk ? run.code === 0 : run.code !== 0;
      if (!ok) findings.push({ check: "step", message: `${name} ${expectOk ? "failed" : "succeeded, but must fail"}:\n${tail(run)}` });
      report.steps.push({ name, command: `pulumi ${args.join(" ")}`, seconds: seconds(run.endedAt - run.startedAt), ok: findings.length === 0, findings });
      for (const f of findings) log(`[${scenario.stack}]   FINDING (${f.check}) ${f.message}`);
      return run;
    };
    const noChanges = (after: string) => step(`preview after ${after}`, ["preview", "--expect-no-changes"], true);

    const up = await step("up", ["up", "--yes", "--skip-preview"], true);
    measureUp(report, up, exportState(ctx));
    await noChanges("up");
    for (const change of scenario.changes) await applyChange(change, ctx, step, noChanges, report, world);
    await step("destroy", ["destroy", "--yes", "--skip-preview"], true);

    const after = await world.snapshot();
    const compared = compareSnapshots(before, after, scenario);
    report.leftovers = countOrList(compared.leftovers);
    report.foreignChanged = countOrList(compared.foreign);
    const atoms = secretAtoms(secretValues(exportState(ctx)));
    report.secretsInClear = countOrList(secretsInClear(atoms, { ...outputs, "the exported state": JSON.stringify(exportState(ctx)) }));
    report.operations = readOperations(opsFile).length;
  } finally {
    await world?.stop();
    stopClusters(home, Object.keys(scenario.roles));
  }
  return report;
}

type StepFn = (name: string, args: string[], expectOk: boolean, options?: Parameters<typeof pulumi>[2]) => Promise<EngineRun>;

async function applyChange(
  change: Change,
  ctx: StackContext,
  step: StepFn,
  noChanges: (after: string) => Promise<EngineRun>,
  report: StackReport,
  world: World,
) {
  report.changes.push(change.name);
  change.apply(ctx);
  const up = ["up", "--yes", "--skip-preview", ...(change.upFlags ?? [])];
  if (change.expect === "refused") {
    const run = await step(change.name, up, false);
    if (change.refusal && !change.refusal.test(run.output)) {
      report.steps[report.steps.length - 1] = {
        ...report.steps[report.steps.length - 1],
        ok: false,
        findings: [{ check: "step", message: `${change.name} failed, but without saying ${String(change.refusal)}` }],
      };
    }
    change.revert?.(ctx);
  } else if (change.killWhen) {
    const killWhen = (event: Record<string, any>) => change.killWhen!(event);
    await step(`${change.name} (killed midway)`, up, false, { stopWhen: killWhen });
    // What a user does after a crashed run: release its lock (the backend keeps it), then run again.
    await step(`${change.name}: release the killed run's lock`, ["cancel", "--yes"], true);
    await step(`${change.name} (run again)`, up, true);
  } else {
    await step(change.name, up, true);
  }
  const extra = change.verify?.(world) ?? [];
  if (extra.length > 0) {
    const last = report.steps[report.steps.length - 1];
    report.steps[report.steps.length - 1] = { ...last, ok: false, findings: [...last.findings, ...extra] };
  }
  await noChanges(change.name);
}

function measureUp(report: StackReport, up: EngineRun, state: Record<string, any>) {
  const took = stepDurations(up.events);
  const resources = (state.deployment?.resources ?? []) as StateResource[];
  const declared = longestChain(resources, took, false);
  report.upWallSeconds = seconds(up.endedAt - up.startedAt);
  report.upCriticalPathSeconds = seconds(declared.ms);
  report.upFloorSeconds = seconds(longestChain(resources, took, true).ms);
  report.upCriticalPath = declared.chain.map((urn) => urn.slice(urn.lastIndexOf("::") + 2));
}

function compareSnapshots(before: Snapshot, after: Snapshot, scenario: Scenario) {
  const leftovers: Finding[] = [];
  const foreign: Finding[] = [];
  for (const place of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const compared = compareInventories(place, before[place] ?? [], after[place] ?? [], (key) => scenario.ignore(place, key));
    leftovers.push(...compared.leftovers);
    foreign.push(...compared.foreign);
  }
  return { leftovers, foreign };
}

function tail(run: EngineRun): string {
  return run.output
    .split("\n")
    .filter((l) => !/warning: using pulumi-|is expected to have version/.test(l))
    .slice(-40)
    .join("\n");
}
