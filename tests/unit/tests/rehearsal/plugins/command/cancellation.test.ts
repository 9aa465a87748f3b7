/**
 * What a cancel and a timeout do to the command's processes, as pulumi-command v1.2.1 behaves:
 * go-provider v1.3.0 middleware/cancel/cancel.go cancels the request's context, exec.CommandContext
 * kills the process it started (`/bin/sh`) and nothing else, and Wait still reads the output pipes to
 * their end (golang/go src/os/exec/exec.go CommandContext, watchCtx, Wait, awaitGoroutines).
 */
import * as fs from "fs";
import * as path from "path";
import { recordingProvider, rejection, scratchDir, sleep, URN, waitForFile } from "./fixtures";

/** A script as the project's commands run them (`bash <script>`), which says when it started and when it finished. */
function script(dir: string, seconds: number): { file: string; started: string; finished: string } {
  const file = path.join(dir, "task.sh");
  const [started, finished] = [path.join(dir, "started"), path.join(dir, "finished")];
  fs.writeFileSync(file, `touch "${started}"\nsleep ${seconds}\ntouch "${finished}"\necho "script finished"\n`);
  return { file, started, finished };
}

it("cancel kills only /bin/sh: the script it started runs to its end, and create returns only then, failed (exec.go CommandContext Cancel=Process.Kill; Wait with WaitDelay 0)", async () => {
  const { provider } = recordingProvider();
  const task = script(scratchDir(), 0.3);
  const begun = Date.now();
  const creating = rejection(provider.create(URN, { create: `bash ${task.file}; echo "shell went on"` }));
  await waitForFile(task.started);
  await provider.cancel();
  const message = await creating;
  // /bin/sh died of SIGKILL (it never echoed); bash kept the output pipes open until it finished.
  expect(message).toBe(`signal: killed: running "bash ${task.file}; echo \\"shell went on\\"":\nscript finished\n`);
  expect(fs.existsSync(task.finished)).toBe(true);
  expect(Date.now() - begun).toBeGreaterThanOrEqual(300);
});

it("cancel returns at once when the surviving script does not hold the output, and the script still finishes afterwards (exec.go Wait)", async () => {
  const { provider } = recordingProvider();
  const task = script(scratchDir(), 0.3);
  const creating = rejection(provider.create(URN, { create: `bash ${task.file} >/dev/null 2>&1; echo "shell went on"` }));
  await waitForFile(task.started);
  await provider.cancel();
  expect(await creating).toBe(`signal: killed: running "bash ${task.file} >/dev/null 2>&1; echo \\"shell went on\\"":\n`);
  expect(fs.existsSync(task.finished)).toBe(false);
  await waitForFile(task.finished);
});

it("after a cancel every new run fails at once, before starting (middleware/cancel/internal/evict/pool.go:91-94; exec.go Start)", async () => {
  const { provider } = recordingProvider();
  await provider.cancel();
  const marker = path.join(scratchDir(), "ran");
  expect(await rejection(provider.create(URN, { create: `touch ${marker}` }))).toBe(`context canceled: running "touch ${marker}":\n`);
  expect(await rejection(provider.delete("id", URN, { delete: `touch ${marker}`, stdout: "", stderr: "" }))).toBe(
    `context canceled: running "touch ${marker}":\n`,
  );
  expect(fs.existsSync(marker)).toBe(false);
});

it("a customTimeouts timeout kills /bin/sh when it expires (middleware/cancel/cancel.go:44-54, :82-91)", async () => {
  const { provider } = recordingProvider();
  const begun = Date.now();
  expect(await rejection(provider.create(URN, { create: "exec sleep 5" }, 1))).toBe('signal: killed: running "exec sleep 5":\n');
  expect(Date.now() - begun).toBeGreaterThanOrEqual(1000);
  expect(Date.now() - begun).toBeLessThan(4000);
});

it("a timeout under one second has expired before the start: Go truncates it to whole seconds (cancel.go:49)", async () => {
  const { provider } = recordingProvider();
  const marker = path.join(scratchDir(), "ran");
  expect(await rejection(provider.update("id", URN, { stdout: "", stderr: "" }, { update: `touch ${marker}` }, 0.5))).toBe(
    `context deadline exceeded: running "touch ${marker}":\n`,
  );
  await sleep(50);
  expect(fs.existsSync(marker)).toBe(false);
});
