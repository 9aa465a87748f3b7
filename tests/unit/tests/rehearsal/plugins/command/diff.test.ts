/**
 * Diff of command:local:Command, as pulumi-command v1.2.1 answers it through go-provider v1.3.0's
 * inferred diff: `triggers` replaces, every other input change updates, delete-before-replace is
 * never asked for.
 */
import { secret, UNKNOWN } from "../../../../../rehearsal/plugins/command/values";
import { recordingProvider, URN } from "./fixtures";

const { provider } = recordingProvider();
/** A state: the inputs it was made from plus the outputs. */
const STATE = { create: "bash s.sh create", delete: "bash s.sh delete", environment: { A: "1" }, triggers: ["x"], stdout: "{}", stderr: "" };
const inputsOf = (state: Record<string, unknown>) => Object.fromEntries(Object.entries(state).filter(([key]) => key !== "stdout" && key !== "stderr"));

it("finds no change when the inputs equal the state's (infer/resource.go:1194-1216)", async () => {
  expect(await provider.diff("id", URN, STATE, inputsOf(STATE))).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
});

it.each([
  ["create", "bash s.sh create2"],
  ["update", "bash s.sh update"],
  ["delete", "bash s.sh delete2"],
  ["environment", { A: "2" }],
  ["dir", "/tmp"],
  ["interpreter", ["/bin/bash", "-c"]],
  ["stdin", "input"],
  ["logging", "none"],
  ["assetPaths", ["*.txt"]],
  ["archivePaths", ["*.txt"]],
  ["addPreviousOutputInEnv", false],
])("updates in place when %s changes (commandController.go:29 implements Update; infer/resource.go:1132-1152)", async (key, value) => {
  expect(await provider.diff("id", URN, STATE, { ...inputsOf(STATE), [key]: value })).toEqual({
    changes: true,
    replaces: [],
    diffs: [key],
    deleteBeforeReplace: false,
  });
});

it.each([
  ["an element changes", ["y"]],
  ["an element is added", ["x", "y"]],
  ["they are removed", undefined],
  ["an element becomes unknown at preview", [UNKNOWN]],
])(
  "replaces when triggers change: %s, and never asks for delete-before-replace (common/inputs.go:10; infer/resource.go:1228-1231, :1247-1249; @pulumi/command local/command.js:154)",
  async (_case, triggers) => {
    const result = await provider.diff("id", URN, STATE, { ...inputsOf(STATE), triggers });
    expect(result).toEqual({ changes: true, replaces: ["triggers"], diffs: ["triggers"], deleteBeforeReplace: false });
  },
);

it("treats null as unset and a value turned secret as a change (properties_diff.go:208-243, :401-410)", async () => {
  expect((await provider.diff("id", URN, STATE, { ...inputsOf(STATE), dir: null })).changes).toBe(false);
  expect(await provider.diff("id", URN, STATE, { ...inputsOf(STATE), environment: { A: secret("1") } })).toMatchObject({
    changes: true,
    diffs: ["environment"],
  });
  const secretState = { ...STATE, environment: { A: secret("1") } };
  expect((await provider.diff("id", URN, secretState, { ...inputsOf(secretState), environment: { A: secret("1") } })).changes).toBe(false);
});

it("ignores `version` and `__`-prefixed inputs (infer/resource.go:1166-1172)", async () => {
  expect((await provider.diff("id", URN, STATE, { ...inputsOf(STATE), version: "1.2.1", __internal: 1 })).changes).toBe(false);
});
