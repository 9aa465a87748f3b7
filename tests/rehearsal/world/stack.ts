import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, StackContext, TOOLS_BIN } from "../engine";

/**
 * Where the rehearsal's own executables live: the plug-in stand-ins and the mesh tools (whose
 * kubectl passes everything but the probes' execs to the real kubectl further on PATH). A
 * scenario adds its clouds' CLIs (`World.bins`).
 */
export const REHEARSAL_BINS = [path.join(ROOT, "tests/rehearsal/plugins/bin"), path.join(ROOT, "tests/rehearsal/mesh/bin")];

/**
 * The environment of every engine run: only the toolchain's engine and the stand-ins' plug-ins
 * exist (a miss fails at once instead of downloading), a file backend and a passphrase of the
 * run's own, and REHEARSAL_HOME for every stand-in.
 */
export function engineEnv(home: string, extra: NodeJS.ProcessEnv = {}, extraBins: readonly string[] = []): NodeJS.ProcessEnv {
  const testTools = execFileSync("bash", [path.join(ROOT, "devtools/toolchain/test-tools.sh")], { encoding: "utf8" }).trim();
  return {
    ...process.env,
    PATH: [...REHEARSAL_BINS, ...extraBins, TOOLS_BIN, testTools, path.join(ROOT, "node_modules/@pulumi/pulumi"), process.env.PATH].join(path.delimiter),
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_BACKEND_URL: `file://${path.join(home, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE_FILE: path.join(home, "passphrase"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    // Offers `--event-log`, from which the rehearsal times each step (pkg/cmd/pulumi/operations/up.go).
    PULUMI_DEBUG_COMMANDS: "true",
    PULUMI_CONFIG_PASSPHRASE: undefined,
    REHEARSAL_HOME: home,
    ...extra,
  };
}

/** Values a user sets with `pulumi config set --secret` (passed on stdin, never on a command line). */
export type Secrets = Readonly<Record<string, string>>;

/**
 * A stack of the committed program on the run's backend, its config a copy of the committed
 * `Pulumi.<stack>.yaml` (the committed file is never written) with `edits` applied by path and
 * `secrets` set as a user sets them.
 */
export function initStack(home: string, stack: string, env: NodeJS.ProcessEnv, edits: Readonly<Record<string, string>>, secrets: Secrets): StackContext {
  fs.mkdirSync(path.join(home, "backend"), { recursive: true });
  const passphrase = path.join(home, "passphrase");
  if (!fs.existsSync(passphrase)) fs.writeFileSync(passphrase, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  // `stack init` writes the passphrase salt into Pulumi.<stack>.yaml: let it write into a scratch
  // project of the same name, then keep only the salt.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "rehearsal-init-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(scratch, "Pulumi.yaml"));
  execFileSync("pulumi", ["--non-interactive", "stack", "init", stack, "--secrets-provider", "passphrase", "--no-select"], {
    cwd: scratch,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const salt = fs
    .readFileSync(path.join(scratch, `Pulumi.${stack}.yaml`), "utf8")
    .split("\n")
    .find((l) => l.startsWith("encryptionsalt:"));
  fs.rmSync(scratch, { recursive: true, force: true });
  const configFile = path.join(home, `Pulumi.${stack}.yaml`);
  fs.writeFileSync(configFile, `${fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8").trimEnd()}\n${salt}\n`);
  const ctx: StackContext = { stack, home, configFile, env };
  for (const [key, value] of Object.entries(edits)) setConfig(ctx, key, value);
  for (const [key, value] of Object.entries(secrets)) setConfig(ctx, key, value, true);
  return ctx;
}

/** `pulumi config set [--secret] --path KEY` with the value on stdin. */
export function setConfig(ctx: StackContext, key: string, value: string, secret = false): void {
  execFileSync(
    "pulumi",
    ["--non-interactive", "config", "set", ...(secret ? ["--secret"] : []), "--path", key, "--stack", ctx.stack, "--config-file", ctx.configFile],
    { cwd: ROOT, env: ctx.env, input: value, stdio: ["pipe", "ignore", "inherit"] },
  );
}

/** `pulumi config rm --path KEY`. */
export function removeConfig(ctx: StackContext, key: string): void {
  execFileSync("pulumi", ["--non-interactive", "config", "rm", "--path", key, "--stack", ctx.stack, "--config-file", ctx.configFile], {
    cwd: ROOT,
    env: ctx.env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** The stack's exported state. */
export function exportState(ctx: StackContext): Record<string, any> {
  return JSON.parse(
    execFileSync("pulumi", ["--non-interactive", "stack", "export", "--stack", ctx.stack], { cwd: ROOT, env: ctx.env, encoding: "utf8", maxBuffer: 256 << 20 }),
  ) as Record<string, any>;
}
