/**
 * Jobs that hold credentials install exactly what the lock files record: `npm ci`, never a
 * fallback to `npm install` (which resolves anew from the registry and rewrites the lock), and
 * every package.json they install from has a committed lock file.
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, localActions, workflows } from "./workflows";

/** Every `run:` of the workflows and local actions, with where it runs. */
function runs(): { where: string; dir: string; command: string }[] {
  const fromJobs = workflows().flatMap((w) =>
    w.jobs.flatMap((job) => job.steps.filter((s) => s.run).map((s) => ({ where: job.id, dir: s["working-directory"] ?? ".", command: s.run! }))),
  );
  const fromActions = localActions().flatMap((a) => a.steps.filter((s) => s.run).map((s) => ({ where: a.file, dir: ".", command: s.run! })));
  return [...fromJobs, ...fromActions];
}

describe("installs in CI", () => {
  it("never fall back from npm ci to npm install", () => {
    const loose = runs().filter((r) => /\bnpm (install|i)\b/.test(r.command));
    expect(loose.map((r) => `${r.where}: ${r.command.trim()}`)).toEqual([]);
  });

  it("run npm ci only where a lock file is committed", () => {
    const dirs = [
      ...new Set(
        runs()
          .filter((r) => /\bnpm ci\b/.test(r.command))
          .map((r) => r.dir),
      ),
    ].sort();
    expect(dirs).toEqual([".", "policy"]);
    dirs.forEach((dir) => expect(fs.existsSync(path.join(ROOT, dir, "package-lock.json"))).toBe(true));
  });

  it("install Python packages only by hash, each one listed with its hash", () => {
    const pips = runs().filter((r) => /\bpip install\b/.test(r.command));
    expect(pips.length).toBeGreaterThan(0);
    pips.forEach((r) => expect(r.command).toMatch(/pip install (--quiet )?--require-hashes --no-deps -r /));
    const requirements = fs.readFileSync(path.join(ROOT, ".github/actions/deploy-tools/requirements.txt"), "utf8");
    const entries = requirements
      .replace(/\s*\\\n\s*/g, " ")
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith("#"));
    expect(entries.length).toBeGreaterThan(1);
    entries.forEach((e) => expect(e).toMatch(/^[a-z0-9._-]+==\S+ --hash=sha256:[0-9a-f]{64}$/));
    expect(entries.map((e) => e.split("==")[0])).toContain("nifcloud-cli");
  });
});

describe("the policy pack's package", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "policy/package.json"), "utf8")) as { scripts?: Record<string, string> };

  it("has a test script that runs something or says where its tests are", () => {
    expect(pkg.scripts?.test).toBeDefined();
  });

  it("records in its lock file the exact versions its package.json pins", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "policy/package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
    const deps = (JSON.parse(fs.readFileSync(path.join(ROOT, "policy/package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies;
    for (const [name, version] of Object.entries(deps)) expect(lock.packages[`node_modules/${name}`]?.version).toBe(version);
  });
});
