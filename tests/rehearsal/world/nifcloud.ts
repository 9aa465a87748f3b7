import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { canonicalJson } from "../checks/inventory";
import { ROOT } from "../engine";

/** The NIFCLOUD API stand-in of one run (tests/fakes/nifcloud_api.py), driven by the real `nifcloud` CLI. */
export interface NifcloudApi {
  readonly url: string;
  /** The CA of the stand-in's certificate, for the CLI (`AWS_CA_BUNDLE`, which botocore reads). */
  readonly caBundle: string;
  /** Every object the stand-in holds, as its describes show them (GET /_state). */
  state(): Promise<Record<string, unknown>>;
  stop(): void;
}

/** The project's test tools (the real `nifcloud` CLI and the Python that imports its SDK). */
function testToolsBin(): string {
  return execFileSync("bash", [path.join(ROOT, "devtools/toolchain/test-tools.sh")], { encoding: "utf8" }).trim();
}

/**
 * Starts the stand-in with the run's operation log and durations, accepting only `accessKeyId`,
 * and seeds it with what a user already has (`seed`: the POST /_seed body).
 */
export async function startNifcloud(home: string, accessKeyId: string, seed: unknown): Promise<NifcloudApi> {
  const dir = path.join(home, "clouds", "nifcloud");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "keys"), `${accessKeyId}\n`);
  const portFile = path.join(dir, "port");
  fs.rmSync(portFile, { force: true });
  const python = path.join(testToolsBin(), "python3");
  const tls = certificate(dir);
  const child: ChildProcess = spawn(python, [path.join(ROOT, "tests/fakes/nifcloud_api.py"), portFile, path.join(dir, "requests.jsonl")], {
    env: { ...process.env, REHEARSAL_HOME: home, FAKE_NIFCLOUD_TLS_CERT: tls.cert, FAKE_NIFCLOUD_TLS_KEY: tls.key },
    stdio: ["ignore", "ignore", fs.openSync(path.join(dir, "stderr.log"), "a")],
  });
  for (let i = 0; i < 200 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  if (!fs.existsSync(portFile)) throw new Error(`the NIFCLOUD stand-in did not start; see ${dir}/stderr.log`);
  const url = `https://127.0.0.1:${fs.readFileSync(portFile, "utf8").trim()}`;
  const call = (method: string, route: string, body?: string) =>
    execFileSync("curl", ["-sS", "--fail-with-body", "--cacert", tls.ca, "-X", method, ...(body ? ["--data-binary", "@-"] : []), `${url}${route}`], {
      encoding: "utf8",
      input: body,
    });
  call("POST", "/_seed", JSON.stringify(seed));
  return {
    url,
    caBundle: tls.ca,
    state: () => Promise.resolve(JSON.parse(call("GET", "/_state")) as Record<string, unknown>),
    stop: () => void child.kill(),
  };
}

/** A CA and a certificate for 127.0.0.1 signed by it, fresh per run. */
function certificate(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=rehearsal-nifcloud-ca",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.crt"),
  ]);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", file("tls.key"), "-out", file("tls.csr")]);
  fs.writeFileSync(file("san.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl([
    "x509",
    "-req",
    "-in",
    file("tls.csr"),
    "-CA",
    file("ca.crt"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    file("san.ext"),
    "-out",
    file("tls.crt"),
  ]);
  return { ca: file("ca.crt"), cert: file("tls.crt"), key: file("tls.key") };
}

/** The field that names an object of each kind, in the order they are tried. */
const NAME_FIELDS = ["GroupName", "NetworkId", "VpnGatewayId", "CustomerGatewayId", "VpnConnectionId", "InstanceId", "_key"];

/** The stand-in's state as comparable objects: one per object, keyed by kind and name or id. */
export function nifcloudObjects(state: Record<string, unknown>): { key: string; content: string }[] {
  const objects: { key: string; content: string }[] = [];
  for (const [kind, value] of Object.entries(state)) {
    const items = Array.isArray(value) ? value : value && typeof value === "object" ? Object.values(value) : [];
    for (const item of items as Record<string, unknown>[]) {
      const name = NAME_FIELDS.map((f) => item[f]).find((v): v is string => typeof v === "string") ?? canonicalJson(item).slice(0, 40);
      objects.push({ key: `${kind} ${name}`, content: canonicalJson(item) });
    }
  }
  return objects;
}
