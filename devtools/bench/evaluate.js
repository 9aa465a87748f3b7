// Evaluates one stack's whole program under mocks and prints the time and the resource count.
// Usage: node devtools/bench/evaluate.js <stack>
require("./register-ts");
const path = require("path");

const stack = process.argv[2] || "dev";
const root = path.resolve(__dirname, "../..");
const { fakeCloudState, FAKE_CALLS } = require(path.join(root, "tests/helpers/fakeClouds.ts"));
const { recordResources, settle } = require(path.join(root, "tests/helpers/mocks.ts"));
const { setStackConfig } = require(path.join(root, "tests/helpers/runtimeConfig.ts"));

async function main() {
  setStackConfig(stack);
  const started = process.hrtime.bigint();
  const { recorded } = await recordResources("multicloud-mesh", stack, fakeCloudState, FAKE_CALLS);
  require(path.join(root, "index.ts"));
  await settle(recorded);
  const ms = Number(process.hrtime.bigint() - started) / 1e6 - 50; // settle's final quiet period
  console.log(JSON.stringify({ stack, evaluateMs: Math.round(ms), resources: recorded.length, rssMb: Math.round(process.memoryUsage().rss / 1048576) }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
