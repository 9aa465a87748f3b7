/**
 * How create runs the command, as pulumi-command v1.2.1 provider/pkg/provider/local/commandOutputs.go
 * does it with exec.CommandContext: real /bin/sh processes through the provider object.
 */
import * as fs from "fs";
import * as path from "path";
import { recordingProvider, rejection, scratchDir, URN } from "./fixtures";

const create = (inputs: Record<string, unknown>) => recordingProvider().provider.create(URN, inputs);

it("runs the command with /bin/sh -c unless an interpreter is given (commandOutputs.go:41-51)", async () => {
  expect((await create({ create: 'echo "$0"' })).outs.stdout).toBe("/bin/sh");
  expect((await create({ create: "print('from python')", interpreter: ["python3", "-c"] })).outs.stdout).toBe("from python");
  expect((await create({ create: 'echo "$0"', interpreter: [] })).outs.stdout).toBe("/bin/sh");
});

it("gives the process the plug-in's environment plus `environment`, which wins (commandOutputs.go:81-86)", async () => {
  process.env.STAND_IN_INHERITED = "from plug-in";
  process.env.STAND_IN_OVERRIDDEN = "from plug-in";
  try {
    const { outs } = await create({
      create: 'echo "$STAND_IN_INHERITED/$STAND_IN_OVERRIDDEN/$EXTRA"',
      environment: { STAND_IN_OVERRIDDEN: "given", EXTRA: "x" },
    });
    expect(outs.stdout).toBe("from plug-in/given/x");
  } finally {
    delete process.env.STAND_IN_INHERITED;
    delete process.env.STAND_IN_OVERRIDDEN;
  }
});

it("runs in `dir`, else in the plug-in's working directory (commandOutputs.go:73-80)", async () => {
  const dir = fs.realpathSync(scratchDir());
  expect((await create({ create: "pwd", dir })).outs.stdout).toBe(dir);
  expect((await create({ create: "pwd" })).outs.stdout).toBe(process.cwd());
});

it("feeds `stdin` to the process, and nothing when it is empty (commandOutputs.go:97-99)", async () => {
  expect((await create({ create: "cat", stdin: "line one\nline two" })).outs.stdout).toBe("line one\nline two");
  expect((await create({ create: "cat", stdin: "" })).outs.stdout).toBe("");
});

it("keeps stdout and stderr apart and trims one trailing newline only (commandOutputs.go:61-71, :142-143)", async () => {
  const { outs } = await create({ create: "printf 'out\\n\\n'; printf '  err  \\n' >&2" });
  expect(outs).toMatchObject({ stdout: "out\n", stderr: "  err  " });
});

it("fails with the exit status, the command and stdout and stderr in arrival order; nothing is created (commandOutputs.go:112-114; commandController.go:55-56)", async () => {
  const message = await rejection(create({ create: 'echo "to stdout"; sleep 0.05; echo "to stderr" >&2; exit 3' }));
  expect(message).toBe('exit status 3: running "echo \\"to stdout\\"; sleep 0.05; echo \\"to stderr\\" >&2; exit 3":\nto stdout\nto stderr\n');
});

it("fails before starting when `dir` is missing or the interpreter is not found (golang/go os/exec_posix.go startProcess; exec.Command LookPath)", async () => {
  const missing = path.join(scratchDir(), "missing");
  expect(await rejection(create({ create: "true", dir: missing }))).toBe(`chdir ${missing}: no such file or directory: running "true":\n`);
  expect(await rejection(create({ create: "true", interpreter: ["no-such-shell", "-c"] }))).toBe(
    'exec: "no-such-shell": executable file not found in $PATH: running "true":\n',
  );
});

it("logs each output line as a status message of the resource: CR dropped, empty lines kept, the last one without newline (util/util.go:32-53; bufio ScanLines)", async () => {
  const { provider, lines } = recordingProvider();
  await provider.create(URN, { create: "printf 'one\\r\\n\\ntwo'" });
  expect(lines).toEqual([
    { urn: URN, line: "one" },
    { urn: URN, line: "" },
    { urn: URN, line: "two" },
  ]);
});

it.each([
  ["stdout", ["out"]],
  ["stderr", ["err"]],
  ["stdoutAndStderr", ["err", "out"]],
  ["none", []],
  ["anything else", []],
])("with logging %s logs only that; the outputs keep both (logging.go:27-32; commandOutputs.go:61-71)", async (logging, logged) => {
  const { provider, lines } = recordingProvider();
  const { outs } = await provider.create(URN, { create: "echo out; echo err >&2", logging });
  expect(lines.map((l) => l.line).sort()).toEqual(logged);
  expect(outs).toMatchObject({ stdout: "out", stderr: "err" });
});
