/**
 * The data plane's answer to a `curl` run in a pod of a local cluster (scripts/ackone/mcs-probe.sh
 * runs `kubectl exec ... -- curl -sS --max-time 5 URL` in the consumer).
 *
 *   node -r tests/rehearsal/lib/register.js tests/rehearsal/fleet/answer.ts \
 *     --home $REHEARSAL_HOME --from gke --namespace provider-ns [--kubectl-exec] -- curl -sS --max-time 5 URL
 *
 * prints what curl prints (stdout, stderr) and exits with curl's code; with --kubectl-exec, as
 * `kubectl exec` passes a failed command on. The call answers only when the host names a Service
 * of the calling cluster with a ready endpoint on the port, the network path to the endpoint's
 * cluster is up (network.json) and a Ready pod there listens on the port; it takes as long as the
 * real call would, scaled (REHEARSAL_TIME_SCALE).
 */
import * as fs from "fs";
import * as path from "path";
import { refreshNetwork } from "../dataplane/dataplane";
import { timeScale } from "../lib/durations";
import { changeState } from "../lib/stateLock";
import {
  CurlResult,
  asKubectlExec,
  isResult,
  parseCurl,
  podAnswer,
  readyEndpoints,
  refused,
  resolveFailure,
  serviceOfHost,
  servicePortFor,
  timedOut,
  urlPort,
} from "./dataPlane";
import { Kube } from "./kube";
import { PROVISION_CLUSTER_ANNOTATION, SERVICE_NAME_LABEL } from "./services";
import { pathUp, readAlibaba, readWorld, roleOf } from "./world";

/** Which endpoint this call reaches: kube-proxy picks at random; the rehearsal takes turns, so repeated calls cover every endpoint. */
function nextTurn(home: string, key: string): number {
  fs.mkdirSync(path.join(home, "fleet"), { recursive: true });
  let turn = 0;
  changeState<Record<string, number>>(
    path.join(home, "fleet", "answers.json"),
    () => ({}),
    (s) => {
      turn = s[key] ?? 0;
      return { ...s, [key]: turn + 1 };
    },
  );
  return turn;
}

export async function answerCurl(home: string, from: string, namespace: string, argv: readonly string[]): Promise<CurlResult> {
  const req = parseCurl(argv);
  if (isResult(req)) return req;
  // The VPN's verdict, recomputed from the clouds as they are now.
  refreshNetwork(home);
  const world = readWorld(home);
  const access = world[from];
  if (!access) throw new Error(`no local cluster plays ${from} (world.json)`);
  const kubes: Kube[] = [];
  const kube = (role: string) => {
    const k = new Kube(world[role]);
    kubes.push(k);
    return k;
  };
  try {
    const caller = kube(from);
    const target = serviceOfHost(req.url.hostname, namespace);
    const service = target && (await caller.get("v1", "Service", target.namespace, target.name));
    if (!target || !service) return resolveFailure(req);
    const port = servicePortFor(service, urlPort(req.url));
    // No rule for that port: the packets to the Service address go nowhere.
    if (!port) return timedOut(req);
    const slices = await caller.list("discovery.k8s.io/v1", "EndpointSlice", target.namespace, `${SERVICE_NAME_LABEL}=${target.name}`);
    const endpoints = readyEndpoints(port, slices, PROVISION_CLUSTER_ANNOTATION);
    // kube-proxy rejects calls to a Service without endpoints (kubernetes pkg/proxy/iptables/proxier.go "has no endpoints": REJECT).
    if (endpoints.length === 0) return refused(req);
    const endpoint = endpoints[nextTurn(home, `${from}/${target.namespace}/${target.name}`) % endpoints.length];
    const role = endpoint.provisionCluster ? roleOf(readAlibaba(home), endpoint.provisionCluster) : from;
    if (!role || !world[role] || !pathUp(home, from, role)) return timedOut(req);
    const pods = await kube(role).list("v1", "Pod", undefined, undefined, `status.podIP=${endpoint.address}`);
    if (pods.length === 0) return timedOut(req);
    return podAnswer(req, pods[0], endpoint.port, role);
  } finally {
    for (const k of kubes) k.close();
  }
}

/** How long the call takes, scaled: a timeout waits its limit; an answer or a refusal comes at once. */
function delayOf(result: CurlResult, argv: readonly string[]): number {
  if (result.code !== 28) return 0;
  const req = parseCurl(argv);
  return isResult(req) ? 0 : Math.round(req.timeoutMs / timeScale());
}

async function main(args: string[]): Promise<number> {
  const split = args.indexOf("--");
  const own = split < 0 ? args : args.slice(0, split);
  const argv = split < 0 ? [] : args.slice(split + 1);
  const value = (flag: string) => {
    const i = own.indexOf(flag);
    return i >= 0 ? own[i + 1] : undefined;
  };
  const home = value("--home") ?? process.env.REHEARSAL_HOME;
  const from = value("--from");
  const namespace = value("--namespace") ?? "default";
  if (!home || !from || argv.length === 0) {
    process.stderr.write("usage: answer.ts --home DIR --from ROLE [--namespace NS] [--kubectl-exec] -- curl ARGS...\n");
    return 2;
  }
  let result = await answerCurl(home, from, namespace, argv);
  await new Promise((resolve) => setTimeout(resolve, delayOf(result, argv)));
  if (own.includes("--kubectl-exec")) result = asKubectlExec(result);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`answer: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
