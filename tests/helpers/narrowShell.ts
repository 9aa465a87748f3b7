/**
 * Running the project's shell scripts with a PATH of chosen commands only, so no tool of this
 * machine (a `pulumi`, a real `go`, a cluster's `kubectl`) leaks into a test.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Where a command of this machine lives, found on the test's own PATH. */
export function which(command: string): string {
  const found = spawnSync("bash", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error(`${command} is not on PATH`);
  return found;
}

/** bash itself. */
export const BASH = which("bash");

/** The real python3 (not a version manager's shim), for stand-ins started by a bare shebang. */
export const PYTHON = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim();

/** A directory of links to the named commands of this machine. */
export function commandDir(dir: string, commands: string[]): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const command of commands) fs.symlinkSync(which(command), path.join(dir, command));
  return dir;
}

/** An executable shell script at DIR/NAME. */
export function executable(dir: string, name: string, body: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** An executable at DIR/NAME that runs the Python file SCRIPT, with sys.argv[0] still DIR/NAME. */
export function pythonStandIn(dir: string, name: string, script: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const source = JSON.stringify(script);
  fs.writeFileSync(file, `#!${PYTHON}\nexec(compile(open(${source}).read(), ${source}, "exec"), {"__name__": "__main__"})\n`, { mode: 0o755 });
  return file;
}
