import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface RunningFleet {
  readonly pid: number;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

/**
 * Starts the fleet process for the run in `home` and resolves once it has read the world once.
 * Its output goes to `$REHEARSAL_HOME/fleet/fleet.log`. `stop()` ends it (SIGTERM, then SIGKILL
 * after 10 s).
 */
export async function startFleet(home: string, options: { namespaceSync?: boolean; pollMillis?: number } = {}): Promise<RunningFleet> {
  const dir = path.join(home, "fleet");
  fs.mkdirSync(dir, { recursive: true });
  const ready = path.join(dir, "ready");
  fs.rmSync(ready, { force: true });
  const log = fs.openSync(path.join(dir, "fleet.log"), "a");
  const child = spawn(process.execPath, ["-r", path.join(__dirname, "..", "lib", "register.js"), path.join(__dirname, "main.ts")], {
    env: {
      ...process.env,
      REHEARSAL_HOME: home,
      ...(options.namespaceSync === false ? { FLEET_NAMESPACE_SYNC: "false" } : {}),
      ...(options.pollMillis ? { FLEET_POLL_MILLIS: String(options.pollMillis) } : {}),
    },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(ready)) {
    if (child.exitCode !== null) throw new Error(`the fleet exited with ${child.exitCode}; see ${path.join(dir, "fleet.log")}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the fleet did not read the world within 60 s; see ${path.join(dir, "fleet.log")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
