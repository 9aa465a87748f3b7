import * as fs from "fs";
import * as path from "path";

/**
 * The lock every stand-in takes before it changes a shared state file (tests/rehearsal/README.md,
 * "Shared state and locking"): the directory `<file>.lock`, made with mkdir, holding `pid`. A lock
 * whose holder has died is taken over, so a killed run never blocks the next one.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryLock(dir: string): boolean {
  try {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "pid"), String(process.pid));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    let holder = NaN;
    try {
      holder = Number(fs.readFileSync(path.join(dir, "pid"), "utf8"));
    } catch {
      return false; // the holder is between mkdir and writing its pid
    }
    if (Number.isFinite(holder) && !alive(holder)) fs.rmSync(dir, { recursive: true, force: true });
    return false;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs `change` on the JSON in `file` under its lock and writes back what it returns. */
export function changeState<S>(file: string, empty: () => S, change: (state: S) => S): S {
  const dir = `${file}.lock`;
  const deadline = Date.now() + 30_000;
  while (!tryLock(dir)) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for the lock ${dir}`);
    sleep(10);
  }
  try {
    const state = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as S) : empty();
    const next = change(state);
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(next, null, 1));
    fs.renameSync(temporary, file);
    return next;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads the JSON in `file` without the lock (a rename makes every write whole). */
export function readState<S>(file: string, empty: () => S): S {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as S) : empty();
}
