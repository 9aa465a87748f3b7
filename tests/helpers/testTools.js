/**
 * Where the command-line tools the tests drive live: the project-local virtual environment that
 * scripts/toolchain/test-tools.sh creates once (nifcloud, shellcheck). Plain JavaScript so that
 * jest.config.js can put the directory on PATH before any worker starts.
 */
const { execFileSync } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "../..");

/** The directory holding the test tools; creates the environment on first use. */
function testToolsBin() {
  return execFileSync("bash", [path.join(ROOT, "scripts/toolchain/test-tools.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

module.exports = { testToolsBin };
