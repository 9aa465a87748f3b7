/** Tests are transpiled only; `npm run build` (tsc --noEmit) is the single type-check pass. */
const transform = { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] };

module.exports = {
  testEnvironment: "node",
  testTimeout: 60000,
  // The script tests mostly wait on the CLI: two workers keep both cores busy.
  maxWorkers: 2,
  projects: [
    { displayName: "unit", testEnvironment: "node", transform, testMatch: ["<rootDir>/tests/unit/**/*.test.ts"] },
    { displayName: "program", testEnvironment: "node", transform, testMatch: ["<rootDir>/tests/program/**/*.test.ts"] },
    { displayName: "scripts", testEnvironment: "node", transform, testMatch: ["<rootDir>/tests/scripts/**/*.test.ts"] },
    { displayName: "policy", testEnvironment: "node", transform, testMatch: ["<rootDir>/tests/policy/**/*.test.ts"] },
  ],
};
