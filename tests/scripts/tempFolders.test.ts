/**
 * The script suites leave nothing in the temp directory: each stand-in (the NIFCLOUD API, the
 * aliyun and kubectl stand-ins, the mesh stand-ins) removes its directory when its suite ends.
 * Checked in a Jest of its own (tests/scripts/fixtures) with a temp directory of its own.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../helpers/stackConfig";

let scratch: string;
beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), "temp-folders-"))));
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

it("no stand-in leaves its directory behind", () => {
  const tmp = path.join(scratch, "tmp");
  fs.mkdirSync(tmp);
  const jest = path.join(ROOT, "node_modules/jest/bin/jest.js");
  const result = spawnSync(
    process.execPath,
    [
      jest,
      "--selectProjects",
      "scripts",
      "--testMatch",
      "**/tests/scripts/fixtures/standInCleanup.fixture.ts",
      "--cacheDirectory",
      path.join(scratch, "jest-cache"),
    ],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, TMPDIR: tmp }, timeout: 120_000 },
  );
  expect(result.stderr).toContain("1 passed");
  expect(fs.readdirSync(tmp)).toEqual([]);
}, 150_000);
