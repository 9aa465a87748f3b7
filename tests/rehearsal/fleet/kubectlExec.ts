/**
 * `kubectl [--kubeconfig K] -n NS exec deploy/NAME [-c C] -- curl ...` in a rehearsal whose world
 * has an ACK One hub: as kubectl, it needs a Running, Ready pod of the Deployment (else kubectl's
 * own error), then the call is answered by the fleet's data plane (answer.ts).
 *
 *   node -r tests/rehearsal/lib/register.js tests/rehearsal/fleet/kubectlExec.ts KUBECTL_ARGS...
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { asKubectlExec } from "./dataPlane";
import { answerCurl } from "./answer";
import { kubeconfigServer, readWorld } from "./world";

/** The value of a kubectl flag given as `--flag value` or `--flag=value` (or its short form). */
function flag(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      if (args[i] === name) return args[i + 1];
      if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
    }
  }
  return undefined;
}

/** The world role whose API server the kubeconfig names. */
function roleOfKubeconfig(home: string, kubeconfig: string): string {
  const server = kubeconfigServer(fs.readFileSync(kubeconfig, "utf8"));
  const world = readWorld(home);
  const role = Object.keys(world).find((r) => world[r].server.replace(/\/$/, "") === server.replace(/\/$/, ""));
  if (!role) throw new Error(`the API server ${server} is no cluster of this rehearsal ($REHEARSAL_HOME/world.json)`);
  return role;
}

async function main(args: string[]): Promise<number> {
  const home = process.env.REHEARSAL_HOME;
  if (!home) throw new Error("REHEARSAL_HOME is not set");
  const split = args.indexOf("--");
  const own = args.slice(0, split);
  const command = args.slice(split + 1);
  const kubeconfig = flag(own, "--kubeconfig") ?? process.env.KUBECONFIG ?? "";
  const namespace = flag(own, "-n", "--namespace") ?? "default";
  const target = own[own.indexOf("exec") + 1] ?? "";
  const deployment = target.startsWith("deploy/") ? target.slice("deploy/".length) : target.replace(/^deployment\//, "");
  // What kubectl itself does first: a pod of the Deployment to run in (kubectl exec resolves deploy/X to one of its pods).
  const pods = JSON.parse(
    execFileSync(process.env.MESH_REAL_KUBECTL ?? "kubectl", ["--kubeconfig", kubeconfig, "-n", namespace, "get", "pods", "-o", "json"], { encoding: "utf8" }),
  ) as { items: Record<string, any>[] };
  const ready = pods.items.find(
    (p) =>
      String(p.metadata?.name ?? "").startsWith(`${deployment}-`) &&
      p.status?.phase === "Running" &&
      (p.status?.conditions ?? []).some((c: Record<string, string>) => c.type === "Ready" && c.status === "True"),
  );
  if (!ready) {
    process.stderr.write(`error: unable to upgrade connection: container not found ("${flag(own, "-c", "--container") ?? deployment}")\n`);
    return 1;
  }
  const result = asKubectlExec(await answerCurl(home, roleOfKubeconfig(home, kubeconfig), namespace, command));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
