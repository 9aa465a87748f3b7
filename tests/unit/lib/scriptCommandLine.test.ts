/** Where command scripts live and the command line that runs one: built in one place, read back by the policy pack. */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { ScriptAction, scriptCommandLine, scriptOfCommandLine, scriptPath } from "../../../lib/scriptCommandLine";
import { diffCommand } from "../../rehearsal/plugins/command/diff";

const ROOT = path.resolve(__dirname, "../../..");
const ACTIONS: readonly ScriptAction[] = ["create", "update", "delete"];

it("names a script by its path from the project root", () => {
  expect(scriptPath("mesh/probe.sh")).toBe("scripts/mesh/probe.sh");
});

it("runs the script in place of /bin/sh, the process @pulumi/command kills on a cancel, with the text every existing stack recorded", () => {
  // A Command's create, update and delete inputs: any other text updates every command resource.
  expect(ACTIONS.map((action) => scriptCommandLine("nifcloud/vpn-gateway.sh", action))).toEqual([
    "exec bash scripts/nifcloud/vpn-gateway.sh create",
    "exec bash scripts/nifcloud/vpn-gateway.sh update",
    "exec bash scripts/nifcloud/vpn-gateway.sh delete",
  ]);
});

describe("scriptOfCommandLine", () => {
  it("reads back the script of every command line scriptCommandLine writes", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    const script = fc.tuple(fc.array(segment, { minLength: 0, maxLength: 3 }), segment).map(([dirs, name]) => [...dirs, `${name}.sh`].join("/"));
    fc.assert(fc.property(script, fc.constantFrom(...ACTIONS), (s, action) => scriptOfCommandLine(scriptCommandLine(s, action)) === s));
  });

  it("reads the former `bash scripts/<script> <action>` too", () => {
    expect(scriptOfCommandLine("bash scripts/nifcloud/firewall-group.sh create")).toBe("nifcloud/firewall-group.sh");
  });

  it("finds no script in a command line that runs none from scripts/", () => {
    expect(scriptOfCommandLine("echo done")).toBeUndefined();
    expect(scriptOfCommandLine("exec bash /tmp/probe.sh create")).toBeUndefined();
    expect(scriptOfCommandLine("exec bash devtools/local/up.sh")).toBeUndefined();
  });
});

it("moves a stack from the former command lines with an update, never a replacement (pulumi-command v1.2.1: only triggers replace)", () => {
  const script = "nifcloud/vpn-gateway.sh";
  const environment = { GW_NAME: "NifcAnthosVpn" };
  const triggers = ["NifcAnthosVpn"];
  const former = {
    create: `bash ${scriptPath(script)} create`,
    update: `bash ${scriptPath(script)} update`,
    delete: `bash ${scriptPath(script)} delete`,
    environment,
    triggers,
  };
  const state = { ...former, logging: "stdoutAndStderr", stdout: '{"VpnGatewayId":"vpngw-1"}', stderr: "" };
  const inputs = { create: scriptCommandLine(script, "create"), update: scriptCommandLine(script, "update"), delete: scriptCommandLine(script, "delete") };
  const diff = diffCommand(state, { ...inputs, environment, triggers, logging: "stdoutAndStderr" });
  expect(diff.changes).toBe(true);
  expect(diff.replaces).toEqual([]);
  expect(diff.diffs.sort()).toEqual(["create", "delete", "update"]);
});

/** Code (comments left out) that spells a command script's path or command line itself. */
const OWN_BUILDER = /["'`]scripts\/|\bbash scripts\//;

/** Every TypeScript file under `dir`, relative to the project root. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.split(path.sep).includes("node_modules"))
    .map((f) => path.join(dir, f));
}

/** The files among `files` whose code builds a script path or command line of its own. */
function ownBuilders(files: readonly string[]): string[] {
  return files.filter((f) => {
    const code = fs
      .readFileSync(path.join(ROOT, f), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    return OWN_BUILDER.test(code);
  });
}

it("is the only builder: no component, stack, policy or test spells a script's path or command line itself", () => {
  const files = ["components", "stacks", "policy", "config", "lib", "tests"].flatMap(sources);
  expect(files).toContain(path.join("tests", "helpers", "fakeAliyun.ts"));
  const self = [path.join("lib", "scriptCommandLine.ts"), path.relative(ROOT, __filename)];
  expect(ownBuilders(files.filter((f) => !self.includes(f)))).toEqual([]);
});

it("GIVEN code that spells a script's command line THEN the check names it", () => {
  const thisTest = path.join("tests", "unit", "lib", path.basename(__filename));
  expect(ownBuilders([thisTest])).toEqual([thisTest]);
});
