// Prints the project's speed numbers: test-suite wall time and whole-program evaluation under mocks.
// Usage: npm run bench [-- --skip-tests]
const { execFileSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "../..");
const stacks = ["dev", "ack-dev"];
const runs = 3;

function time(fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  return { ms: Math.round(Number(process.hrtime.bigint() - start) / 1e6), out };
}

// The two test tiers as package.json runs them.
const tiers = [
  ["npm test", ["test", "--", "--silent"]],
  ["npm run test:scripts", ["run", "test:scripts", "--", "--silent"]],
];
if (!process.argv.includes("--skip-tests")) {
  for (const [label, args] of tiers) {
    const { ms } = time(() => execFileSync("npm", args, { cwd: root, stdio: "ignore" }));
    console.log(`${label} wall time: ${(ms / 1000).toFixed(1)} s`);
  }
}
for (const stack of stacks) {
  const results = Array.from({ length: runs }, () =>
    JSON.parse(
      execFileSync("node", [path.join(__dirname, "evaluate.js"), stack], { cwd: root, encoding: "utf8" })
        .trim()
        .split("\n")
        .pop(),
    ),
  );
  const times = results.map((r) => r.evaluateMs).sort((a, b) => a - b);
  const wall = time(() => execFileSync("node", [path.join(__dirname, "evaluate.js"), stack], { cwd: root })).ms;
  console.log(
    `${stack}: evaluate under mocks median ${times[Math.floor(runs / 2)]} ms (runs: ${times.join(", ")}), process wall ${wall} ms, ${results[0].resources} resources, rss ${results[0].rssMb} MB`,
  );
}
