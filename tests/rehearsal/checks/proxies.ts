import { Finding } from "./finding";

/** The revision of the proxy a pod runs, as Istio records it: sidecar.istio.io/status's "revision", else the istio.io/rev annotation or label. */
export function proxyRevision(pod: Record<string, any>): string | undefined {
  const annotations = (pod.metadata?.annotations ?? {}) as Record<string, string>;
  const status = annotations["sidecar.istio.io/status"];
  if (status) {
    try {
      const revision = (JSON.parse(status) as { revision?: string }).revision;
      if (revision) return revision;
    } catch {
      // an unreadable status: fall back to the annotation
    }
  }
  return annotations["istio.io/rev"] ?? (pod.metadata?.labels as Record<string, string> | undefined)?.["istio.io/rev"];
}

/**
 * A pod never runs a proxy whose control plane is gone: every pod with a proxy of revision R
 * needs `istiod-R` in istio-system. `pods` and `istiods` are `kubectl get -A -o json` lists.
 */
export function orphanedProxies(cluster: string, pods: readonly Record<string, any>[], istiods: readonly Record<string, any>[]): Finding[] {
  const running = new Set(istiods.map((d) => String(d.metadata?.labels?.["istio.io/rev"] ?? String(d.metadata?.name ?? "").replace(/^istiod-/, ""))));
  return pods.flatMap((pod) => {
    const revision = proxyRevision(pod);
    if (!revision || running.has(revision)) return [];
    return [
      {
        check: "proxies",
        message: `${cluster}: pod ${pod.metadata.namespace}/${pod.metadata.name} runs a proxy of revision ${revision}, whose istiod is gone`,
      },
    ];
  });
}
