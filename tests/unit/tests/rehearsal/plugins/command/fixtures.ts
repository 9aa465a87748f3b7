/** Shared set-up for the command stand-in's tests: a provider that records what it logs. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandProvider } from "../../../../../rehearsal/plugins/command/provider";

export const URN = "urn:pulumi:dev::mesh::multicloud-mesh:command:ScriptCommand$command:local:Command::probe-run";

export interface Recorded {
  readonly provider: CommandProvider;
  /** Status lines sent to the engine, with the URN they were sent for. */
  readonly lines: { urn: string; line: string }[];
  readonly notes: string[];
}

export function recordingProvider(): Recorded {
  const lines: { urn: string; line: string }[] = [];
  const notes: string[] = [];
  const provider = new CommandProvider({
    log: (urn, line) => {
      lines.push({ urn, line });
      return Promise.resolve();
    },
    note: (message) => notes.push(message),
  });
  return { provider, lines, notes };
}

/** A fresh directory, removed after the test file. */
const scratches: string[] = [];
export function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "command-stand-in-"));
  scratches.push(dir);
  return dir;
}
afterAll(() => scratches.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** The message of a rejected promise. */
export async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the operation to fail, it succeeded");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `file` exists (a script's own signal that it is running). */
export async function waitForFile(file: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} never appeared`);
    await sleep(10);
  }
}
