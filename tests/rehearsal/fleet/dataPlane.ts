/**
 * What `curl` prints and returns inside a pod of a local cluster, where no container runs: the
 * decisions the cluster's DNS, kube-proxy, the network between clusters and the provider app
 * would make. Pure; answer.ts gathers what they read.
 *
 * curl's own texts and exit codes (curl 7.88.1 run here, and curl lib/multi.c for the timeout):
 * 6 "Could not resolve host: <host>", 7 "Failed to connect to <host> port <port> after <n> ms:
 * Couldn't connect to server", 28 "Connection timed out after <n> milliseconds".
 */
import type { KubeObject } from "./kube";

export interface CurlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export interface CurlRequest {
  readonly url: URL;
  /** -s without -S: errors are not printed. */
  readonly silent: boolean;
  /** --max-time or --connect-timeout, in milliseconds; curl's default connect timeout otherwise (lib/connect.h DEFAULT_CONNECT_TIMEOUT). */
  readonly timeoutMs: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 300_000;
const WITH_VALUE = new Set([
  "-m",
  "--max-time",
  "--connect-timeout",
  "-H",
  "--header",
  "-o",
  "--output",
  "-X",
  "--request",
  "-d",
  "--data",
  "-u",
  "--user",
  "-A",
  "--user-agent",
]);

/** The curl command line (argv[0] is `curl`), or curl's own complaint about it. */
export function parseCurl(argv: readonly string[]): CurlRequest | CurlResult {
  if (argv[0] !== "curl")
    return { stdout: "", stderr: `OCI runtime exec failed: exec: "${argv[0] ?? ""}": executable file not found in $PATH: unknown\n`, code: 126 };
  let silent = false;
  let showErrors = false;
  let maxTime: number | undefined;
  let connectTimeout: number | undefined;
  let url: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--max-time" || a === "-m") maxTime = Number(argv[++i]);
    else if (a === "--connect-timeout") connectTimeout = Number(argv[++i]);
    else if (a === "--silent") silent = true;
    else if (a === "--show-error") showErrors = true;
    else if (WITH_VALUE.has(a)) i++;
    else if (/^-[A-Za-z]+$/.test(a)) {
      if (a.includes("s")) silent = true;
      if (a.includes("S")) showErrors = true;
    } else if (!a.startsWith("-") && url === undefined) url = a;
  }
  if (url === undefined) return { stdout: "", stderr: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", code: 2 };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return { stdout: "", stderr: "curl: (3) URL using bad/illegal format or missing URL\n", code: 3 };
  }
  if (parsed.protocol !== "http:")
    return { stdout: "", stderr: `curl: (1) Protocol "${parsed.protocol.replace(/:$/, "")}" not supported or disabled in libcurl\n`, code: 1 };
  const limits = [maxTime, connectTimeout].filter((t): t is number => t !== undefined && Number.isFinite(t) && t > 0).map((t) => Math.round(t * 1000));
  return { url: parsed, silent: silent && !showErrors, timeoutMs: limits.length ? Math.min(...limits) : DEFAULT_CONNECT_TIMEOUT_MS };
}

export function isResult(r: CurlRequest | CurlResult): r is CurlResult {
  return (r as CurlResult).code !== undefined;
}

export function urlPort(url: URL): number {
  return url.port ? Number(url.port) : 80;
}

function failure(req: CurlRequest, code: number, message: string): CurlResult {
  return { stdout: "", stderr: req.silent ? "" : `curl: (${code}) ${message}\n`, code };
}

export const resolveFailure = (req: CurlRequest): CurlResult => failure(req, 6, `Could not resolve host: ${req.url.hostname}`);
export const refused = (req: CurlRequest): CurlResult =>
  failure(req, 7, `Failed to connect to ${req.url.hostname} port ${urlPort(req.url)} after 0 ms: Couldn't connect to server`);
export const timedOut = (req: CurlRequest): CurlResult => failure(req, 28, `Connection timed out after ${req.timeoutMs + 1} milliseconds`);

/**
 * The Service a host name means to a pod of `namespace`: the names a pod's resolv.conf search path
 * completes (`<svc>`, `<svc>.<ns>`, `<svc>.<ns>.svc`, `<svc>.<ns>.svc.cluster.local`). Anything
 * else (another domain, `clusterset.local` without CoreDNS's multicluster plugin) does not resolve.
 */
export function serviceOfHost(host: string, namespace: string): { namespace: string; name: string } | undefined {
  const parts = host.toLowerCase().replace(/\.$/, "").split(".");
  if (parts.length === 1) return { namespace, name: parts[0] };
  if (parts.length === 2) return { namespace: parts[1], name: parts[0] };
  if (parts.length === 3 && parts[2] === "svc") return { namespace: parts[1], name: parts[0] };
  if (parts.length === 5 && parts.slice(2).join(".") === "svc.cluster.local") return { namespace: parts[1], name: parts[0] };
  return undefined;
}

export interface Endpoint {
  readonly address: string;
  readonly port: number;
  /** The member cluster id the slice came from (endpointslice.karmada.io/provision-cluster), when another cluster's. */
  readonly provisionCluster?: string;
}

/**
 * The endpoints kube-proxy balances a Service port over: ready endpoints of every slice of the
 * Service whose port has the Service port's name (an unset `ready` counts as ready:
 * discovery.k8s.io/v1 EndpointConditions). Sorted, so a turn number picks one deterministically.
 */
export function readyEndpoints(servicePort: KubeObject, slices: readonly KubeObject[], provisionAnnotation: string): Endpoint[] {
  const portName = String(servicePort.name ?? "");
  const out: Endpoint[] = [];
  for (const slice of slices) {
    const port = ((slice.ports ?? []) as KubeObject[]).find(
      (p) => String(p.name ?? "") === portName && (p.protocol ?? "TCP") === (servicePort.protocol ?? "TCP"),
    );
    if (!port || port.port === undefined) continue;
    const provisionCluster = slice.metadata?.annotations?.[provisionAnnotation] as string | undefined;
    for (const ep of (slice.endpoints ?? []) as KubeObject[]) {
      if (ep.conditions?.ready === false) continue;
      for (const address of (ep.addresses ?? []) as string[]) out.push({ address, port: Number(port.port), ...(provisionCluster ? { provisionCluster } : {}) });
    }
  }
  return out.sort((a, b) => `${a.provisionCluster ?? ""}/${a.address}:${a.port}`.localeCompare(`${b.provisionCluster ?? ""}/${b.address}:${b.port}`));
}

/** The Service port a URL port reaches, if the Service has one. */
export function servicePortFor(service: KubeObject, port: number): KubeObject | undefined {
  return ((service.spec?.ports ?? []) as KubeObject[]).find((p) => Number(p.port) === port && (p.protocol ?? "TCP") === "TCP");
}

/** The env the provider app answers with (config/types.ts McsAppSpec.providerEnvName: "ENV_NAME the provider answers with"). */
export const ANSWER_ENV = "ENV_NAME";

/**
 * What the pod behind an endpoint answers: nothing listens on a pod that is not Ready or on a port
 * no container declares (connection refused); the provider app answers with its ENV_NAME.
 */
export function podAnswer(req: CurlRequest, pod: KubeObject, port: number, role: string): CurlResult {
  const ready = ((pod.status?.conditions ?? []) as KubeObject[]).some((c) => c.type === "Ready" && c.status === "True");
  const container = ((pod.spec?.containers ?? []) as KubeObject[]).find((c) =>
    ((c.ports ?? []) as KubeObject[]).some((p) => Number(p.containerPort) === port && (p.protocol ?? "TCP") === "TCP"),
  );
  if (!ready || !container) return refused(req);
  const env = ((container.env ?? []) as KubeObject[]).find((e) => e.name === ANSWER_ENV);
  if (env?.value !== undefined) return { stdout: `${String(env.value)}\n`, stderr: "", code: 0 };
  return { stdout: `(no ${ANSWER_ENV}: answered by ${role} pod ${String(pod.metadata?.namespace)}/${String(pod.metadata?.name)})\n`, stderr: "", code: 0 };
}

/** How `kubectl exec` passes a failed command on: its own line on stderr and the command's code (client-go tools/remotecommand errorDecoderV4, kubectl cmdutil.CheckErr). */
export function asKubectlExec(r: CurlResult): CurlResult {
  return r.code === 0 ? r : { ...r, stderr: `${r.stderr}command terminated with exit code ${r.code}\n` };
}
