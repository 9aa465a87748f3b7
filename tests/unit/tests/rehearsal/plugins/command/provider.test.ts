/**
 * The lifecycle of command:local:Command as pulumi-command v1.2.1 provider/pkg/provider/local/
 * commandController.go runs it: create, update, delete and refresh through the provider object,
 * with real /bin/sh processes.
 */
import * as fs from "fs";
import * as path from "path";
import { VERSION } from "../../../../../rehearsal/plugins/command/provider";
import { isSecret, secret } from "../../../../../rehearsal/plugins/command/values";
import { recordingProvider, rejection, scratchDir, URN } from "./fixtures";

const { provider } = recordingProvider();

it("reports version 1.2.1 with build metadata naming the stand-in", () => {
  expect(provider.version).toBe("1.2.1+rehearsal");
  expect(VERSION.split("+")[0]).toBe("1.2.1");
});

it("without `create` runs nothing and answers empty outputs and an id of the name plus 8 hex digits (commandController.go:42, :51-53)", async () => {
  const marker = path.join(scratchDir(), "ran");
  const { id, outs } = await provider.create(URN, { delete: `touch ${marker}` });
  expect(id).toMatch(/^probe-run[0-9a-f]{8}$/);
  expect(outs).toEqual({ delete: `touch ${marker}`, stdout: "", stderr: "" });
  expect(fs.existsSync(marker)).toBe(false);
});

it("runs secrets in clear but keeps them secret in the outputs, and stdout is not made secret (infer/resource.go:592-630, :754-807)", async () => {
  const news = { create: "echo $TOKEN", environment: { TOKEN: secret("s3cr3t"), PLAIN: "p" } };
  const { outs } = await provider.create(URN, news);
  expect(outs.environment).toEqual(news.environment);
  expect(isSecret(outs.environment.TOKEN)).toBe(true);
  expect(outs.stdout).toBe("s3cr3t");
});

it("gives create no previous outputs (commandController.go:41: a fresh state)", async () => {
  const { outs } = await provider.create(URN, { create: 'echo "[${PULUMI_COMMAND_STDOUT-unset}]"' });
  expect(outs.stdout).toBe("[unset]");
});

const OLD_STATE = { create: "echo created", environment: { A: "1" }, stdout: "old out", stderr: "old err" };

it("runs `update` with the new inputs and the previous outputs as PULUMI_COMMAND_STDOUT/STDERR (commandController.go:74-88; commandOutputs.go:88-95)", async () => {
  const news = { create: "echo created", update: 'echo "$A|$PULUMI_COMMAND_STDOUT|$PULUMI_COMMAND_STDERR"', environment: { A: "2" } };
  expect((await provider.update("id", URN, OLD_STATE, news)).outs).toEqual({ ...news, stdout: "2|old out|old err", stderr: "" });
});

it("runs `create` again when `update` is unset (commandController.go:79-83)", async () => {
  const news = { create: 'echo "create again after $PULUMI_COMMAND_STDOUT"', environment: { A: "2" } };
  expect((await provider.update("id", URN, OLD_STATE, news)).outs.stdout).toBe("create again after old out");
});

it("sets no previous output when addPreviousOutputInEnv is false or the previous output was empty (commandOutputs.go:88-95)", async () => {
  const update = 'echo "[${PULUMI_COMMAND_STDOUT-unset}][${PULUMI_COMMAND_STDERR-unset}]"';
  expect((await provider.update("id", URN, OLD_STATE, { update, addPreviousOutputInEnv: false })).outs.stdout).toBe("[unset][unset]");
  expect((await provider.update("id", URN, { ...OLD_STATE, stderr: "" }, { update })).outs.stdout).toBe("[old out][unset]");
});

it("keeps the previous outputs when neither `update` nor `create` is set (commandController.go:84-87)", async () => {
  expect((await provider.update("id", URN, OLD_STATE, { delete: "true" })).outs).toEqual({ delete: "true", stdout: "old out", stderr: "old err" });
});

it("fails an update with the command's error, so the engine keeps the old state (commandController.go:88-89; infer/resource.go:1462-1464)", async () => {
  expect(await rejection(provider.update("id", URN, OLD_STATE, { update: "echo no >&2; exit 4" }))).toBe('exit status 4: running "echo no >&2; exit 4":\nno\n');
});

it("runs `delete` with the state's environment and previous outputs, secrets revealed (commandController.go:93-98)", async () => {
  const record = path.join(scratchDir(), "deleted");
  const state = {
    delete: `echo "$A $TOKEN $PULUMI_COMMAND_STDOUT" > ${record}`,
    environment: { A: "1", TOKEN: secret("t0k") },
    stdout: secret("out"),
    stderr: "",
  };
  await provider.delete("id", URN, state);
  expect(fs.readFileSync(record, "utf8")).toBe("1 t0k out\n");
});

it("deletes without running anything when `delete` is unset, and fails when the delete command fails (commandController.go:95-98)", async () => {
  const marker = path.join(scratchDir(), "ran");
  await expect(provider.delete("id", URN, { create: `touch ${marker}`, stdout: "", stderr: "" })).resolves.toBeUndefined();
  expect(fs.existsSync(marker)).toBe(false);
  expect(await rejection(provider.delete("id", URN, { delete: "exit 1", stdout: "", stderr: "" }))).toBe('exit status 1: running "exit 1":\n');
});

it("refreshes to the state as it is, running nothing (infer/resource.go:1353-1364)", async () => {
  expect(await provider.read("probe-run0a1b2c3d", URN, OLD_STATE)).toEqual({ id: "probe-run0a1b2c3d", props: OLD_STATE });
});

it("refuses other types of the command package by name", async () => {
  await expect(provider.create("urn:pulumi:dev::mesh::command:remote:Command::r", { create: "true" })).rejects.toThrow("serves no command:remote:Command");
});
