/**
 * The secrets a script hands its tools (scripts/lib/common.sh secret_file, kubeconfig_file) never lie
 * on disk, so a SIGKILL cannot leave one behind; the tools still read them by path: kubectl, jq, the
 * nifcloud CLI, a child of the script and a process that is not its descendant.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { scriptPath } from "../../lib/scriptCommandLine";
import { ROOT } from "../helpers/stackConfig";

const TOKEN = "kube-token-5d1e0c7a";
const PSK = "Sup3rSecretPresharedKeyValue0123";
const COMMON = path.join(ROOT, scriptPath("lib/common.sh"));

/**
 * Makes both secrets, says where they are, waits for PROBE_DIR/go, then has each tool read them and
 * prints what each got. A second `secret_file ... psk` reuses the link that `rm -f` removed.
 */
const READERS = `#!/usr/bin/env bash
SCRIPT_NAME=secret-readers
. "$PROBE_COMMON"
create() {
  local kubeconfig psk named
  kubeconfig=$(kubeconfig_file)
  psk=$(secret_file PRE_SHARED_KEY psk)
  named=$(named_secret_file PRE_SHARED_KEY psk-named)
  jq -cn --arg kubeconfig "$kubeconfig" --arg psk "$psk" '{$kubeconfig, $psk}' >"$PROBE_DIR/paths.part"
  mv "$PROBE_DIR/paths.part" "$PROBE_DIR/paths"
  until [ -e "$PROBE_DIR/go" ]; do sleep 0.05; done
  local kubectl nifcloud
  kubectl=$(kubectl --kubeconfig "$kubeconfig" get --raw /probe 2>&1) || true
  nifcloud computing create-security-group --group-name probe --group-description "file://$psk" --region jp-east-1 \\
    --endpoint-url "$PROBE_ENDPOINT" >/dev/null 2>&1 || true
  jq -cn --arg jq "$(jq -rn --rawfile k "$psk" '$k')" --arg child "$(bash -c 'cat "$1"' child "$kubeconfig")" \\
    --arg kubectl "$kubectl" --arg same "$(secret_file PRE_SHARED_KEY psk)" --arg resolved "$(readlink -f "$kubeconfig")" \\
    --arg named "$(cat "$(readlink -f "$named")")" --arg removed "$(rm -f "$psk" && echo yes)" --arg again "$(secret_file PRE_SHARED_KEY psk)" \\
    '{$jq, $child, $kubectl, $same, $resolved, $named, $removed, $again}'
}
dispatch "$@"
`;

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-readers-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every regular file under `root` (symbolic links not followed) whose content holds `text`. */
function filesHolding(root: string, text: string): string[] {
  return fs.readdirSync(root, { recursive: true, encoding: "utf8" }).filter((entry) => {
    const file = path.join(root, entry);
    return fs.lstatSync(file).isFile() && fs.readFileSync(file, "utf8").includes(text);
  });
}

/** An API endpoint for kubectl (GET /probe answers "ok") and the nifcloud CLI, recording every request. */
async function recordingServer(): Promise<{ server: http.Server; url: string; requests: { path: string; body: string }[] }> {
  const requests: { path: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      requests.push({ path: req.url ?? "", body: decodeURIComponent(body) });
      if (req.method === "GET") res.end("ok");
      else
        res
          .writeHead(400, { "Content-Type": "text/xml" })
          .end("<Response><Errors><Error><Code>Client.Probe</Code><Message>probe</Message></Error></Errors></Response>");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests };
}

it("hands tools a path to each secret while no file on disk holds it", async () => {
  const { server, url, requests } = await recordingServer();
  const tmp = path.join(dir, "tmp");
  fs.mkdirSync(tmp);
  fs.writeFileSync(path.join(dir, "readers.sh"), READERS);
  const kubeconfig = ["apiVersion: v1", "kind: Config", "current-context: c", "clusters:", `- name: c\n  cluster:\n    server: ${url}`];
  kubeconfig.push("contexts:", "- name: c\n  context:\n    cluster: c\n    user: u", "users:", `- name: u\n  user:\n    token: ${TOKEN}`);
  const run = spawn("bash", [path.join(dir, "readers.sh"), "create"], {
    env: {
      ...process.env,
      PROBE_COMMON: COMMON,
      PROBE_DIR: dir,
      PROBE_ENDPOINT: url,
      TMPDIR: tmp,
      KUBECONFIG_DATA: kubeconfig.join("\n"),
      PRE_SHARED_KEY: PSK,
      NIFCLOUD_ACCESS_KEY_ID: "test-key",
      NIFCLOUD_SECRET_ACCESS_KEY: "test-secret",
    },
  });
  let stdout = "";
  let stderr = "";
  run.stdout.on("data", (chunk) => (stdout += chunk));
  run.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => run.on("close", resolve));
  try {
    const pathsFile = path.join(dir, "paths");
    for (let i = 0; i < 500 && !fs.existsSync(pathsFile); i++) await sleep(20);
    const paths = JSON.parse(fs.readFileSync(pathsFile, "utf8")) as { kubeconfig: string; psk: string };
    // A process that is not the script's descendant reads them; no file holds either.
    expect(fs.readFileSync(paths.kubeconfig, "utf8")).toContain(TOKEN);
    expect(fs.readFileSync(paths.psk, "utf8")).toBe(PSK);
    expect(filesHolding(tmp, TOKEN)).toEqual([]);
    // Only the named_secret_file, by design.
    const [workDir] = fs.readdirSync(tmp);
    expect(filesHolding(tmp, PSK)).toEqual([path.join(workDir, "psk-named")]);
  } finally {
    fs.writeFileSync(path.join(dir, "go"), "");
  }
  const status = await exited;
  server.close();
  expect(status).toBe(0);
  const got = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
  expect(stderr).not.toContain(TOKEN);
  expect(got).toMatchObject({ jq: PSK, kubectl: "ok", removed: "yes", named: PSK });
  expect(got.child).toContain(TOKEN);
  // kubectl reached the server the kubeconfig names (client-go sends a token over TLS only).
  expect(requests.map((r) => r.path)).toContain("/probe");
  expect(requests.some((r) => r.body.includes(`GroupDescription=${PSK}`))).toBe(true);
  // The same name gets the same link; a removed link is made again.
  expect(got.same).toMatch(/\/psk$/);
  expect(got.again).toBe(got.same);
  // A tool that resolves the path to a file name finds none: such a tool takes named_secret_file.
  expect(got.resolved).toMatch(/ \(deleted\)$/);
  // Nothing is left once the script has ended.
  for (let i = 0; i < 100 && fs.readdirSync(tmp).length > 0; i++) await sleep(20);
  expect(fs.readdirSync(tmp)).toEqual([]);
});

it("refuses a fifth secret, naming it", () => {
  const script = ["SCRIPT_NAME=slots", `. ${JSON.stringify(COMMON)}`, "for name in a b c d e; do secret_file PRE_SHARED_KEY $name >/dev/null; done"].join("\n");
  fs.writeFileSync(path.join(dir, "slots.sh"), script);
  const run = spawnSync("bash", [path.join(dir, "slots.sh")], { encoding: "utf8", env: { ...process.env, PRE_SHARED_KEY: PSK } });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain("[slots] ERROR: secret_file e: all 4 secret slots hold a secret already");
});
