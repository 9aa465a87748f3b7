/**
 * Unit tests mirror the sources: tests/unit/<path>/<name>.test.ts tests the source <path>/<name>.ts,
 * so the tests of a source are found (and moved) with it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const UNIT = path.join(ROOT, "tests/unit");
const SUFFIX = ".test.ts";
/** This file checks the folder itself and so has no source of its own. */
const SELF = "layout.test.ts";

/** Every test file under `dir`, as a path relative to it. */
function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(SUFFIX) && f !== SELF);
}

/** The test files under `dir` whose mirrored source is missing from `root`. */
function unmirrored(dir: string, root: string): string[] {
  return testFiles(dir).filter((f) => !fs.existsSync(path.join(root, f.slice(0, -SUFFIX.length) + ".ts")));
}

it("finds a source at the mirrored path of every unit test file", () => {
  const files = testFiles(UNIT);
  expect(files.length).toBeGreaterThan(0);
  expect(unmirrored(UNIT, ROOT)).toEqual([]);
});

it("GIVEN a test file with no source at its mirrored path THEN it is reported", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "layout-"));
  try {
    const tests = path.join(scratch, "tests/unit");
    fs.mkdirSync(path.join(tests, "lib"), { recursive: true });
    fs.mkdirSync(path.join(scratch, "lib"));
    fs.writeFileSync(path.join(scratch, "lib/cidr.ts"), "");
    fs.writeFileSync(path.join(tests, "lib/cidr.test.ts"), "");
    fs.writeFileSync(path.join(tests, "vpnRendering.test.ts"), "");
    expect(unmirrored(tests, scratch)).toEqual(["vpnRendering.test.ts"]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
