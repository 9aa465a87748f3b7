/**
 * Tests are transpiled only, by swc (fast even on a cold cache, as in a fresh clone or CI);
 * `npm run build` (tsc --noEmit) is the single type-check pass.
 */
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");

const transform = {
  "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } }],
};

/**
 * The tools the script suites drive (nifcloud, shellcheck) come from the project-local virtual
 * environment that devtools/toolchain/test-tools.sh creates once and whose tool directory it
 * prints; found by path, put on PATH here so that every worker inherits it.
 */
function testToolsBin() {
  return execFileSync("bash", [path.join(__dirname, "devtools/toolchain/test-tools.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}
process.env.PATH = `${testToolsBin()}${path.delimiter}${process.env.PATH}`;
// One poll interval for every script under test, so no suite waits on real-cloud intervals.
process.env.MESH_TEST_POLL_SECONDS ??= "0";
for (const name of ["NIFCLOUD_POLL_SECONDS", "ALIBABA_POLL_SECONDS", "POLL_SECONDS"]) {
  process.env[name] ??= process.env.MESH_TEST_POLL_SECONDS;
}

/**
 * The suites that drive the Alibaba stand-ins need Alibaba's own API definitions, which the
 * repository does not carry (README, Prerequisites): `$FAKE_ALIYUN_API_DIR`, else
 * `shared/vendor/alibaba-openapi` beside the checkout or beside any of its ancestors, as
 * tests/fakes/aliyun_cli.py looks outside a test run. Without them those suites are left out with a notice, unless
 * MESH_REQUIRE_ALIBABA_API=true (CI), where they run and fail saying what is missing.
 */
function suitesWithoutAlibabaApi() {
  const fs = require("fs");
  let found = process.env.FAKE_ALIYUN_API_DIR;
  for (let here = path.dirname(__dirname); !found; here = path.dirname(here)) {
    const candidate = path.join(here, "shared", "vendor", "alibaba-openapi");
    if (fs.existsSync(candidate)) found = candidate;
    else if (path.dirname(here) === here) break;
  }
  // Found once here; every worker, and the stand-ins the suites start, inherit it.
  if (found) process.env.FAKE_ALIYUN_API_DIR = found;
  if (found || process.env.MESH_REQUIRE_ALIBABA_API === "true") return [];
  const needs = (file) => /helpers\/(fakeAliyun|alibabaApiDir)"/.test(fs.readFileSync(file, "utf8"));
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const left = walk(path.join(__dirname, "tests")).filter((f) => f.endsWith(".test.ts") && needs(f));
  if (left.length > 0 && process.env.JEST_WORKER_ID === undefined) {
    process.stderr.write(
      `[tests] ${left.length} suites of the Alibaba stand-ins left out: Alibaba's API definitions are not in shared/vendor/alibaba-openapi beside the checkout or a parent folder, nor in FAKE_ALIYUN_API_DIR (README, Prerequisites)\n`,
    );
  }
  return left.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}
const withoutAlibabaApi = suitesWithoutAlibabaApi();

const project = (name) => ({
  displayName: name,
  testEnvironment: "node",
  transform,
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  testPathIgnorePatterns: ["/node_modules/", ...withoutAlibabaApi],
  // Jest indexes every file under its roots on each run: the tests and the sources they cover
  // (for --watch and --findRelatedTests), not node_modules or .tools.
  roots: ["tests", "components", "config", "lib", "stacks", "policy"].map((dir) => `<rootDir>/${dir}`),
  moduleNameMapper: { "^@npmcli/arborist$": "<rootDir>/tests/stubs/npmcliArborist.ts" },
});

module.exports = {
  testEnvironment: "node",
  testTimeout: 60000,
  // The script suites mostly wait on child processes (CLI start-up, the stand-in APIs): one
  // worker per core plus one keeps both cores busy while a suite waits.
  maxWorkers: Math.max(2, os.availableParallelism() + 1),
  projects: ["unit", "program", "scripts", "policy"].map(project),
};
