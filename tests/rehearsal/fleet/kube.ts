import * as https from "https";

/** How to reach one local API server (world.json `clusters.<role>`). */
export interface ClusterAccess {
  readonly server: string;
  /** Base64 PEM of the cluster's CA. */
  readonly caData: string;
  /** Bearer token (never logged). */
  readonly token: string;
}

export type KubeObject = Record<string, any>;

/** An API error with the server's status code and message (a Status object's `message` when there is one). */
export class KubeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** Where an API kind lives on one server, from discovery. */
export interface ResourceInfo {
  readonly apiVersion: string;
  readonly kind: string;
  /** The plural resource name of the URL. */
  readonly resource: string;
  readonly singular: string;
  readonly namespaced: boolean;
}

const TIMEOUT_MS = 10_000;

/**
 * A small asynchronous Kubernetes REST client: the fleet talks to three API servers on every
 * tick, so it keeps one keep-alive agent per server and never spawns kubectl.
 */
export class Kube {
  private readonly agent: https.Agent;
  private resources: ResourceInfo[] | undefined;

  constructor(readonly access: ClusterAccess) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 4, ca: Buffer.from(access.caData, "base64") });
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * A raw request; the parsed JSON body, or a KubeError for any status >= 400. A read that meets
   * 429 or 503 (a new CRD's storage still initialising) is tried again for up to two seconds.
   */
  async request(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<KubeObject> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(method, path, body, contentType);
      } catch (e) {
        // client-go retries both when the server says when to come back (rest/request.go checkWait).
        if (method !== "GET" || attempt >= 10 || !(e instanceof KubeError) || (e.status !== 503 && e.status !== 429)) throw e;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private once(method: string, path: string, body: unknown, contentType: string): Promise<KubeObject> {
    const url = new URL(path, this.access.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          timeout: TIMEOUT_MS,
          headers: {
            Authorization: `Bearer ${this.access.token}`,
            Accept: "application/json",
            ...(payload === undefined ? {} : { "Content-Type": contentType, "Content-Length": Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: KubeObject = {};
            try {
              parsed = text ? (JSON.parse(text) as KubeObject) : {};
            } catch {
              parsed = { message: text };
            }
            const status = res.statusCode ?? 0;
            if (status >= 400) reject(new KubeError(status, String(parsed.message ?? text ?? `HTTP ${status}`), parsed.reason as string | undefined));
            else resolve(parsed);
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${url.pathname} timed out after ${TIMEOUT_MS} ms`)));
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Every served kind of the server (preferred and other versions), cached until `forget()`. */
  async discover(): Promise<ResourceInfo[]> {
    if (this.resources) return this.resources;
    const found: ResourceInfo[] = [];
    const add = (groupVersion: string, list: KubeObject) => {
      for (const r of (list.resources ?? []) as KubeObject[]) {
        if (String(r.name).includes("/")) continue; // subresources
        found.push({
          apiVersion: groupVersion,
          kind: r.kind,
          resource: r.name,
          singular: r.singularName || String(r.kind).toLowerCase(),
          namespaced: Boolean(r.namespaced),
        });
      }
    };
    add("v1", await this.request("GET", "/api/v1"));
    const groups = (await this.request("GET", "/apis")).groups as KubeObject[];
    await Promise.all(
      groups.flatMap((g) =>
        (g.versions as KubeObject[]).map(async (v) => {
          try {
            add(v.groupVersion as string, await this.request("GET", `/apis/${v.groupVersion as string}`));
          } catch (e) {
            if (!(e instanceof KubeError) || e.status !== 404) throw e; // a group removed between the two calls
          }
        }),
      ),
    );
    this.resources = found;
    return found;
  }

  /** Drops the discovery cache (a CRD was added or removed). */
  forget(): void {
    this.resources = undefined;
  }

  /** The resource of apiVersion/kind, refreshing discovery once on a miss. */
  async resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const find = (all: ResourceInfo[]) => all.find((r) => r.apiVersion === apiVersion && r.kind === kind);
    const hit = find(await this.discover());
    if (hit) return hit;
    this.forget();
    return find(await this.discover());
  }

  /** The URL path of a collection (namespace given) or of one object (name given). */
  static path(info: ResourceInfo, namespace?: string, name?: string): string {
    const base = info.apiVersion.includes("/") ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
    const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
    return `${base}${ns}/${info.resource}${name ? `/${encodeURIComponent(name)}` : ""}`;
  }

  /** Lists objects of apiVersion/kind (every namespace unless one is given); [] when the kind is not served. */
  async list(apiVersion: string, kind: string, namespace?: string, labelSelector?: string, fieldSelector?: string): Promise<KubeObject[]> {
    const info = await this.resourceFor(apiVersion, kind);
    if (!info) return [];
    const query = new URLSearchParams();
    if (labelSelector) query.set("labelSelector", labelSelector);
    if (fieldSelector) query.set("fieldSelector", fieldSelector);
    const q = query.toString();
    const list = await this.request("GET", `${Kube.path(info, namespace)}${q ? `?${q}` : ""}`);
    return ((list.items ?? []) as KubeObject[]).map((item) => ({ apiVersion, kind, ...item }));
  }

  /** One object, or undefined when it (or its kind) does not exist. */
  async get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const info = await this.resourceFor(apiVersion, kind);
    if (!info) return undefined;
    try {
      return { apiVersion, kind, ...(await this.request("GET", Kube.path(info, namespace, name))) };
    } catch (e) {
      if (e instanceof KubeError && e.status === 404) return undefined;
      throw e;
    }
  }

  private async infoOf(obj: KubeObject): Promise<ResourceInfo> {
    const info = await this.resourceFor(obj.apiVersion as string, obj.kind as string);
    if (!info) throw new KubeError(404, `the server does not serve ${obj.kind as string} in ${obj.apiVersion as string}`, "NotFound");
    return info;
  }

  async create(obj: KubeObject): Promise<KubeObject> {
    return this.request("POST", Kube.path(await this.infoOf(obj), obj.metadata?.namespace as string | undefined), obj);
  }

  async replace(obj: KubeObject): Promise<KubeObject> {
    return this.request("PUT", Kube.path(await this.infoOf(obj), obj.metadata?.namespace as string | undefined, obj.metadata.name as string), obj);
  }

  /** Deletes with background propagation; false when it was already gone. */
  async delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): Promise<boolean> {
    const info = await this.resourceFor(apiVersion, kind);
    if (!info) return false;
    try {
      await this.request("DELETE", Kube.path(info, namespace, name), { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" });
      return true;
    } catch (e) {
      if (e instanceof KubeError && e.status === 404) return false;
      throw e;
    }
  }
}
