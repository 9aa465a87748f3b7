/**
 * Stands in for @npmcli/arborist inside Jest's sandbox. The Pulumi SDK loads it eagerly (with
 * pacote and sigstore, about 0.4 s per test file) only for `computeCodePaths`, which packages
 * code for serverless functions and which this project never calls. A call fails loudly.
 */
export class Arborist {
  constructor() {
    throw new Error("@npmcli/arborist is stubbed under Jest (tests/stubs/npmcliArborist.ts): computeCodePaths is not available in tests");
  }
}
