/**
 * `npm run test:rehearsal [-- --stack dev|ack-dev] [--changes TEXT[,TEXT]|none] [--report FILE] [--keep]`:
 * the lifecycle of the cloud stacks under the real engine against the stand-ins (README.md beside
 * this file). `--changes` keeps only the changes whose names contain one of the texts (`none`: up,
 * the no-change preview and destroy only), to look at one defect. Exits 1 when any step failed or
 * any check found something.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, TOOLS_BIN } from "./engine";
import { rehearse, StackReport } from "./rehearse";
import { Scenario } from "./scenario";
import { SCENARIOS } from "./scenarios";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function kubernetesProvider(): string {
  const linked = fs.realpathSync(path.join(TOOLS_BIN, "pulumi-resource-kubernetes"));
  return /pulumi-resource-kubernetes-([^/]+?)-v\d/.exec(linked)?.[1] ?? path.basename(path.dirname(linked));
}

function failed(report: StackReport): boolean {
  const counts = [report.leftovers, report.foreignChanged, report.secretsInClear];
  return report.steps.some((s) => !s.ok) || counts.some((c) => c !== 0);
}

async function main(): Promise<number> {
  for (const tool of ["pulumi", "pulumi-resource-kubernetes", "kube-apiserver", "etcd", "kwok"]) {
    if (!fs.existsSync(path.join(TOOLS_BIN, tool))) {
      console.error(`${tool} is missing from ${TOOLS_BIN}: run MESH_ENGINE=toolchain bash devtools/toolchain/install.sh first (npm run local does it too)`);
      return 2;
    }
  }
  const wanted = option("stack");
  const scenarios: Scenario[] = SCENARIOS.filter((s) => !wanted || s.stack === wanted).map((s) => selectChanges(s, option("changes")));
  if (scenarios.length === 0) {
    console.error(`--stack ${wanted}: no such stack; use ${SCENARIOS.map((s) => s.stack).join(" or ")}`);
    return 2;
  }
  const result = { kubernetesProvider: kubernetesProvider(), stacks: {} as Record<string, StackReport & { wallSeconds: number }> };
  const started = Date.now();
  for (const scenario of scenarios) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), `rehearsal-${scenario.stack}-`));
    const t0 = Date.now();
    try {
      const report = await rehearse(scenario, home, (line) => console.log(line));
      result.stacks[scenario.stack] = { ...report, wallSeconds: Math.round((Date.now() - t0) / 1000) };
    } finally {
      if (!process.argv.includes("--keep")) fs.rmSync(home, { recursive: true, force: true });
      else console.log(`[${scenario.stack}] kept ${home}`);
    }
  }
  const reportFile = option("report");
  if (reportFile) fs.writeFileSync(path.resolve(process.env.INIT_CWD ?? ROOT, reportFile), JSON.stringify(result, null, 2) + "\n");
  for (const [stack, r] of Object.entries(result.stacks)) {
    const bad = r.steps.filter((s) => !s.ok).map((s) => s.name);
    console.log(
      `[${stack}] ${r.steps.length} steps, ${bad.length} failed${bad.length ? ` (${bad.join("; ")})` : ""}; leftovers ${count(r.leftovers)}, foreign changed ${count(r.foreignChanged)}, secrets in clear ${count(r.secretsInClear)}; ${r.operations} cloud operations; up ${r.upWallSeconds} s (critical path ${r.upCriticalPathSeconds} s, floor ${r.upFloorSeconds} s); ${r.wallSeconds} s in all`,
    );
  }
  console.log(`[rehearsal] ${Math.round((Date.now() - started) / 1000)} s; Kubernetes provider ${result.kubernetesProvider}`);
  return Object.values(result.stacks).some(failed) ? 1 : 0;
}

function selectChanges(scenario: Scenario, texts: string | undefined): Scenario {
  if (texts === undefined) return scenario;
  const wanted = texts === "none" ? [] : texts.split(",");
  return { ...scenario, changes: scenario.changes.filter((c) => wanted.some((t) => c.name.includes(t))) };
}

const count = (c: number | string[]) => (typeof c === "number" ? c : c.length);

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
