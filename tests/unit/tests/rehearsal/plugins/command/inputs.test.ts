/**
 * Check of command:local:Command, as pulumi-command v1.2.1 answers it: go-provider's default check,
 * which decodes the inputs, rejects what does not decode and sets no defaults.
 */
import { scriptCommandLine } from "../../../../../../lib/scriptCommandLine";
import { secret, UNKNOWN } from "../../../../../rehearsal/plugins/command/values";
import { recordingProvider, URN } from "./fixtures";

const { provider } = recordingProvider();

it("returns the inputs unchanged, without defaults for interpreter, logging or addPreviousOutputInEnv (local/base.go:37-129 describes only; infer/resource.go:1040-1046)", async () => {
  const news = { create: scriptCommandLine("x.sh", "create"), environment: { A: "1", TOKEN: secret("t") } };
  expect(await provider.check(URN, {}, news)).toEqual({ inputs: news });
});

it("rejects an unrecognized field by name (infer/internal/ende/ende.go:83-86; mapper_decode.go:62-70)", async () => {
  const result = await provider.check(URN, {}, { create: "true", command: "true" });
  expect(result.failures).toEqual([{ property: "command", reason: "Unrecognized field 'command' on 'local.CommandInputs'" }]);
});

it("rejects a value of the wrong type, secret or not (mapper_decode.go:126, errors.go:156-165)", async () => {
  const result = await provider.check(URN, {}, { create: 5, addPreviousOutputInEnv: secret("yes"), environment: { A: 1 } });
  expect(result.failures).toEqual([
    { property: "create", reason: "Field 'create' on 'local.CommandInputs' must be a 'string'; got 'float64' instead" },
    { property: "addPreviousOutputInEnv", reason: "Field 'addPreviousOutputInEnv' on 'local.CommandInputs' must be a 'bool'; got 'string' instead" },
    { property: "environment", reason: "Field 'environment' on 'local.CommandInputs' must be a 'map[string]string'; got 'map[string]interface {}' instead" },
  ]);
});

it("accepts unknown values at preview and nulls as unset (infer/internal/ende/ende.go:82; mapper_decode.go:97-98)", async () => {
  const news = { create: UNKNOWN, environment: { A: UNKNOWN }, interpreter: [UNKNOWN, "-c"], dir: null };
  expect((await provider.check(URN, {}, news)).failures).toBeUndefined();
});

it("accepts any logging string: the enum is not checked (local/logging.go:9-16 is a string kind)", async () => {
  expect((await provider.check(URN, {}, { create: "true", logging: "everything" })).failures).toBeUndefined();
});
