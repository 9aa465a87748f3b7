/**
 * The ACK One fleet between the rehearsal's local clusters: a level-triggered loop that reads the
 * Alibaba state (which hub lives, which members are attached), the hub's API server (templates,
 * policies, MultiClusterServices, Applications) and the members, and makes every member hold what
 * the fleet would put there. Each change to a member happens asynchronously after its scaled real
 * duration and is logged to the operation log (cloud `alibaba`, by `fleet`).
 */
import * as fs from "fs";
import * as path from "path";
import { scaledMillis } from "../lib/durations";
import { recordOperation } from "../lib/operations";
import { hubAdmissionPolicies, hubCrds, KUBEVELA_API, MCS_API, MCS_NETWORKING_API, mcsApiCrds, POLICY_API } from "./crds";
import { Kube, KubeError, KubeObject } from "./kube";
import { resourceNamed, applicationPlan } from "./kubevela";
import { Binding, Desired, Problem, refKey, refOf } from "./model";
import { namespaceIgnored } from "./namespaces";
import { AppDispatch, desiredByMember, MemberPlan } from "./plan";
import { MultiClusterServiceView, PolicyView, reconcileBindings, selectedKinds } from "./policies";
import { MemberServices } from "./services";
import { decideApply, decideDelete, released } from "./workload";
import { HUB_ROLE, Member, attachedMembers, liveHubs, readAlibaba, readWorld } from "./world";

export interface FleetOptions {
  /** Karmada's namespace sync (every hub namespace to every member). @default true */
  readonly namespaceSync?: boolean;
  /** Milliseconds between two reads of the world. @default 500 */
  readonly pollMillis?: number;
}

interface MemberRecord {
  readonly role: string;
  joined: boolean;
}

/** What the fleet keeps between ticks (and across a restart): `$REHEARSAL_HOME/fleet/state.json`. */
interface FleetState {
  hubPrepared: boolean;
  /** Per local cluster role, the CRDs the fleet created there (and removes when the hub or the member goes). */
  crdsOwned: Record<string, string[]>;
  hubCordoned: string[];
  members: Record<string, MemberRecord>;
  bindings: Record<string, Binding>;
  apps: Record<string, AppDispatch>;
  /** Per member, the objects the fleet put there: key -> whether to leave it (released) when no longer wanted. */
  applied: Record<string, Record<string, { preserve: boolean; source: string; object: KubeObject }>>;
}

const BY = "fleet";
const DRIFT_CHECK_EVERY = 6;

function emptyState(): FleetState {
  return { hubPrepared: false, crdsOwned: {}, hubCordoned: [], members: {}, bindings: {}, apps: {}, applied: {} };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FleetController {
  private readonly stateFile: string;
  private state: FleetState;
  private readonly clients = new Map<string, Kube>();
  private readonly reported = new Map<string, string>();
  private readonly inFlight = new Set<string>();
  /** The latest plan, read by actions when they fire. */
  private latest = new Map<string, MemberPlan>();
  private memberById = new Map<string, Member>();
  /** Each member's Services, slices and MCS objects as last read: a failed read reuses them rather than withdrawing what they feed. */
  private readonly lastMemberServices = new Map<string, MemberServices>();
  private hubIds: string[] = [];
  private ticks = 0;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly home: string,
    private readonly options: FleetOptions = {},
  ) {
    this.stateFile = path.join(home, "fleet", "state.json");
    fs.mkdirSync(path.dirname(this.stateFile), { recursive: true });
    this.state = fs.existsSync(this.stateFile) ? { ...emptyState(), ...(JSON.parse(fs.readFileSync(this.stateFile, "utf8")) as FleetState) } : emptyState();
  }

  /** Runs ticks until stop(); `onFirstTick` fires once the first tick has ended. */
  start(onFirstTick?: () => void): void {
    this.loop = (async () => {
      while (!this.stopped) {
        try {
          await this.tick();
          this.reported.delete("tick");
        } catch (e) {
          this.report({ key: "tick", op: "reconcile", type: "ackone:fleet:Controller", message: `the fleet could not read the world: ${errorText(e)}` });
        }
        this.save();
        if (this.ticks++ === 0) onFirstTick?.();
        await sleep(this.options.pollMillis ?? 500);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    this.save();
    for (const c of this.clients.values()) c.close();
  }

  private save(): void {
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 1));
    fs.renameSync(tmp, this.stateFile);
  }

  private client(role: string): Kube | undefined {
    const access = readWorld(this.home)[role];
    if (!access) return undefined;
    const known = this.clients.get(role);
    if (known && known.access.server === access.server && known.access.token === access.token) return known;
    known?.close();
    const fresh = new Kube(access);
    this.clients.set(role, fresh);
    return fresh;
  }

  /** Logs a problem once per distinct message (the fleet refuses nothing silently, and repeats nothing). */
  private report(p: Problem, refused?: string): void {
    if (this.reported.get(p.key) === p.message) return;
    this.reported.set(p.key, p.message);
    const now = Date.now();
    recordOperation({
      start: now,
      end: now,
      cloud: "alibaba",
      op: p.op,
      type: p.type,
      id: p.key,
      ok: false,
      error: p.message,
      refs: this.hubIds,
      by: BY,
      ...(refused ? { refused } : {}),
    });
  }

  private log(start: number, op: string, type: string, id: string, name: string, refs: string[], error?: string, refused?: string): void {
    recordOperation({
      start,
      end: Date.now(),
      cloud: "alibaba",
      op,
      type,
      id,
      name,
      refs: [...this.hubIds, ...refs],
      ok: !error,
      error: error ?? null,
      by: BY,
      ...(refused ? { refused } : {}),
    });
  }

  /** Runs `work` once after the scaled duration of `durationKey`, unless an action for `key` is already waiting or running. */
  private schedule(key: string, durationKey: string, work: (start: number) => Promise<void>): void {
    if (this.inFlight.has(key)) return;
    this.inFlight.add(key);
    const start = Date.now();
    void (async () => {
      try {
        await sleep(scaledMillis(durationKey));
        if (!this.stopped) await work(start);
      } catch (e) {
        this.report({ key: `action/${key}`, op: "reconcile", type: "ackone:fleet:Controller", message: `${key}: ${errorText(e)}` });
      } finally {
        this.inFlight.delete(key);
        this.save();
      }
    })();
  }

  async tick(): Promise<void> {
    const alibaba = readAlibaba(this.home);
    this.hubIds = liveHubs(alibaba);
    if (this.hubIds.length === 0) {
      if (this.state.hubPrepared || Object.keys(this.state.members).length > 0 || Object.keys(this.state.crdsOwned).length > 0) await this.teardown();
      return;
    }
    const hub = this.client(HUB_ROLE);
    if (!hub) {
      this.report({
        key: "hub/local",
        op: "prepare",
        type: "ackone:fleet:Hub",
        message: `no local cluster plays the hub (world.json has no "${HUB_ROLE}" role)`,
      });
      return;
    }
    if (!this.state.hubPrepared) await this.prepareHub(hub);

    const attached = attachedMembers(alibaba);
    this.memberById = new Map(attached.map((m) => [m.id, m]));
    for (const m of attached) {
      if (!m.role || !this.client(m.role))
        this.report({
          key: `member/${m.id}/role`,
          op: "join",
          type: "ackone:fleet:Member",
          message: `member ${m.id} is attached but no local cluster plays it (role ${m.role ?? "unknown"})`,
        });
      else if (!this.state.members[m.id]) this.join(m);
    }
    for (const id of Object.keys(this.state.members)) if (!this.memberById.has(id)) this.leave(id);

    // Karmada schedules to a member as soon as its Cluster exists; the fleet writes to it once it has joined.
    const known = Object.keys(this.state.members)
      .filter((id) => this.memberById.has(id))
      .sort();
    const joined = known.filter((id) => this.state.members[id].joined);
    const plan = await this.plan(hub, known, joined);
    this.latest = plan;
    const checkDrift = this.ticks % DRIFT_CHECK_EVERY === 0;
    for (const id of joined) this.converge(id, plan.get(id) ?? new Map(), checkDrift);
  }

  // --- the hub ------------------------------------------------------------------------------------

  private async prepareHub(hub: Kube): Promise<void> {
    const start = Date.now();
    await this.installCrds(hub, HUB_ROLE, hubCrds());
    for (const obj of hubAdmissionPolicies()) if (!(await hub.get(obj.apiVersion, obj.kind, undefined, obj.metadata.name as string))) await hub.create(obj);
    await this.established(hub, hubCrds());
    // The hub runs no workloads: its templates' pods stay Pending, as on a hub without nodes.
    const cordoned: string[] = [];
    for (const node of await hub.list("v1", "Node")) {
      if (node.spec?.unschedulable) continue;
      await hub.request("PATCH", `/api/v1/nodes/${node.metadata.name as string}`, { spec: { unschedulable: true } }, "application/merge-patch+json");
      cordoned.push(node.metadata.name as string);
    }
    hub.forget();
    this.state.hubPrepared = true;
    this.state.hubCordoned = cordoned;
    this.log(start, "install", "ackone:fleet:HubApis", this.hubIds.join(","), "hub", this.state.crdsOwned[HUB_ROLE] ?? []);
  }

  /** Creates the CRDs a cluster lacks, recording each at once so that a failure later never leaves one unowned. */
  private async installCrds(kube: Kube, role: string, crds: readonly KubeObject[]): Promise<void> {
    for (const crd of crds) {
      const name = crd.metadata.name as string;
      if (await kube.get("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, name)) continue;
      await kube.create(crd);
      const owned = (this.state.crdsOwned[role] ??= []);
      if (!owned.includes(name)) owned.push(name);
      this.save();
    }
    await this.established(kube, crds);
  }

  /** Deletes the CRDs the fleet created on a cluster; the errors, if any. */
  private async uninstallCrds(kube: Kube, role: string): Promise<string[]> {
    const errors: string[] = [];
    for (const name of [...(this.state.crdsOwned[role] ?? [])]) {
      try {
        await kube.delete("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, name);
        this.state.crdsOwned[role] = (this.state.crdsOwned[role] ?? []).filter((n) => n !== name);
      } catch (e) {
        errors.push(`${name}: ${errorText(e)}`);
      }
    }
    if ((this.state.crdsOwned[role] ?? []).length === 0) delete this.state.crdsOwned[role];
    kube.forget();
    return errors;
  }

  /** Waits until each CRD is Established and its objects can be listed (a new CRD's storage answers 503 for a moment). */
  private async established(kube: Kube, crds: readonly KubeObject[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    kube.forget();
    for (const crd of crds) {
      const version = (crd.spec.versions as KubeObject[])[0].name as string;
      for (;;) {
        const got = await kube.get("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, crd.metadata.name as string);
        const ready = ((got?.status?.conditions ?? []) as KubeObject[]).some((c) => c.type === "Established" && c.status === "True");
        if (ready) {
          try {
            await kube.list(`${crd.spec.group as string}/${version}`, crd.spec.names.kind as string);
            break;
          } catch (e) {
            if (!(e instanceof KubeError) || (e.status !== 503 && e.status !== 429)) throw e;
          }
        }
        if (Date.now() > deadline) throw new Error(`CRD ${crd.metadata.name as string} not established after 30 s`);
        await sleep(100);
        kube.forget();
      }
    }
  }

  /** The last hub is gone: members leave, and the hub's API server loses what the fleet gave it. */
  private async teardown(): Promise<void> {
    for (const id of Object.keys(this.state.members)) this.leave(id);
    while (this.inFlight.size > 0) await sleep(50);
    const hub = this.client(HUB_ROLE);
    // CRDs of a member whose join failed midway.
    for (const role of Object.keys(this.state.crdsOwned).filter((r) => r !== HUB_ROLE)) {
      const kube = this.client(role);
      if (kube)
        for (const e of await this.uninstallCrds(kube, role))
          this.report({ key: `crds/${role}/${e}`, op: "uninstall", type: "ackone:fleet:Member", message: e });
    }
    if (hub && (this.state.hubPrepared || this.state.crdsOwned[HUB_ROLE])) {
      const start = Date.now();
      const removed = [...(this.state.crdsOwned[HUB_ROLE] ?? [])];
      for (const obj of hubAdmissionPolicies().reverse()) await hub.delete(obj.apiVersion, obj.kind, undefined, obj.metadata.name as string);
      const errors = await this.uninstallCrds(hub, HUB_ROLE);
      for (const node of this.state.hubCordoned)
        await hub
          .request("PATCH", `/api/v1/nodes/${node}`, { spec: { unschedulable: false } }, "application/merge-patch+json")
          .catch((e: unknown) => this.report({ key: `hub/uncordon/${node}`, op: "uninstall", type: "ackone:fleet:HubApis", message: errorText(e) }));
      this.log(start, "uninstall", "ackone:fleet:HubApis", "hub", "hub", removed, errors.length ? errors.join("; ") : undefined);
    }
    this.state = { ...emptyState(), crdsOwned: this.state.crdsOwned };
  }

  // --- members ------------------------------------------------------------------------------------

  /** A new member: ready for propagation after Karmada's cluster status interval; the MCS API installed on it. */
  private join(m: Member): void {
    this.state.members[m.id] = { role: m.role!, joined: false };
    this.schedule(`member/${m.id}`, "ackone:fleet.join", async (start) => {
      const record = this.state.members[m.id];
      const kube = this.client(m.role!);
      if (!record || !kube) return;
      try {
        await this.installCrds(kube, m.role!, mcsApiCrds());
        record.joined = true;
        this.log(start, "join", "ackone:fleet:Member", m.id, m.role!, this.state.crdsOwned[m.role!] ?? []);
      } catch (e) {
        delete this.state.members[m.id];
        this.log(start, "join", "ackone:fleet:Member", m.id, m.role!, [], errorText(e));
      }
    });
  }

  /**
   * A member detached: what the fleet put there goes (Karmada's cluster controller removes the
   * member's execution space, and the execution controller deletes each Work's objects from a
   * ready cluster: pkg/controllers/cluster/cluster_controller.go removeCluster,
   * pkg/controllers/execution/execution_controller.go handleWorkDelete), released objects stay.
   */
  private leave(id: string): void {
    const record = this.state.members[id];
    if (!record) return;
    this.schedule(`member/${id}`, "ackone:fleet.leave", async (start) => {
      const kube = this.client(record.role);
      const errors: string[] = [];
      if (kube) {
        for (const [key, entry] of Object.entries(this.state.applied[id] ?? {})) {
          try {
            await this.remove(kube, id, key, entry, start);
          } catch (e) {
            errors.push(`${key}: ${errorText(e)}`);
          }
        }
      } else errors.push(`no local cluster plays ${record.role}: objects left in place`);
      delete this.state.members[id];
      delete this.state.applied[id];
      this.lastMemberServices.delete(id);
      // The MCS API goes with the last member the cluster plays.
      const removed = [...(this.state.crdsOwned[record.role] ?? [])];
      if (kube && !Object.values(this.state.members).some((r) => r.role === record.role)) errors.push(...(await this.uninstallCrds(kube, record.role)));
      this.log(start, "leave", "ackone:fleet:Member", id, record.role, removed, errors.length ? errors.join("; ") : undefined);
    });
  }

  // --- planning -----------------------------------------------------------------------------------

  private async plan(hub: Kube, known: string[], joined: string[]): Promise<Map<string, MemberPlan>> {
    const deleting = (o: KubeObject) => Boolean(o.metadata?.deletionTimestamp);
    const policies: PolicyView[] = [
      ...(await hub.list(POLICY_API, "PropagationPolicy")).map((p) => ({
        kind: "PropagationPolicy" as const,
        namespace: p.metadata.namespace as string,
        name: p.metadata.name as string,
        spec: (p.spec ?? {}) as KubeObject,
        deleting: deleting(p),
      })),
      ...(await hub.list(POLICY_API, "ClusterPropagationPolicy")).map((p) => ({
        kind: "ClusterPropagationPolicy" as const,
        namespace: "",
        name: p.metadata.name as string,
        spec: (p.spec ?? {}) as KubeObject,
        deleting: deleting(p),
      })),
    ];
    const services: MultiClusterServiceView[] = (await hub.list(MCS_NETWORKING_API, "MultiClusterService")).map((s) => ({
      namespace: s.metadata.namespace as string,
      name: s.metadata.name as string,
      spec: (s.spec ?? {}) as KubeObject,
      deleting: deleting(s),
    }));
    const namespaces = await hub.list("v1", "Namespace");
    const templates = await this.templates(hub, policies, services);
    const { bindings, problems } = reconcileBindings(this.state.bindings, templates, policies, services, known);
    for (const p of problems) this.report(p);
    this.state.bindings = bindings;
    this.state.apps = await this.applications(hub, known);
    const memberServices = new Map<string, MemberServices>();
    for (const id of joined) {
      const kube = this.client(this.state.members[id].role);
      if (!kube) continue;
      try {
        this.lastMemberServices.set(id, {
          exports: await kube.list(MCS_API, "ServiceExport"),
          imports: await kube.list(MCS_API, "ServiceImport"),
          services: await kube.list("v1", "Service"),
          slices: await kube.list("discovery.k8s.io/v1", "EndpointSlice"),
        });
        this.reported.delete(`member/${id}/read`);
      } catch (e) {
        this.report({
          key: `member/${id}/read`,
          op: "read",
          type: "ackone:fleet:Member",
          message: `member ${id} (${this.state.members[id].role}) cannot be read: ${errorText(e)}`,
        });
      }
      const last = this.lastMemberServices.get(id);
      if (last) memberServices.set(id, last);
    }
    return desiredByMember({
      members: joined,
      bindings,
      namespaces,
      namespaceSync: this.options.namespaceSync ?? true,
      services,
      memberServices,
      apps: this.state.apps,
    });
  }

  /** Every hub object a selector could match, outside the namespaces Karmada never propagates from, and every bound template still there. */
  private async templates(hub: Kube, policies: PolicyView[], services: MultiClusterServiceView[]): Promise<KubeObject[]> {
    const kinds = selectedKinds(policies, services);
    for (const b of Object.values(this.state.bindings)) kinds.push({ ...b.template, name: "" });
    const seen = new Map<string, KubeObject>();
    const listed = new Set<string>();
    for (const k of kinds) {
      const id = `${k.apiVersion}/${k.kind}/${k.namespace}`;
      if (listed.has(id)) continue;
      listed.add(id);
      const info = await hub.resourceFor(k.apiVersion, k.kind);
      if (!info) {
        this.report({
          key: `kind/${k.apiVersion}/${k.kind}`,
          op: "read",
          type: "ackone:fleet:Template",
          message: `the hub does not serve ${k.kind} in ${k.apiVersion}`,
        });
        continue;
      }
      for (const obj of await hub.list(k.apiVersion, k.kind, info.namespaced ? k.namespace || undefined : undefined))
        if (!namespaceIgnored(String(obj.metadata?.namespace ?? ""))) seen.set(refKey(refOf(obj)), obj);
    }
    return [...seen.values()];
  }

  /** KubeVela: an Application's objects as its last workflow run read them from the hub. */
  private async applications(hub: Kube, members: string[]): Promise<Record<string, AppDispatch>> {
    const out: Record<string, AppDispatch> = {};
    for (const app of await hub.list(KUBEVELA_API, "Application")) {
      if (app.metadata?.deletionTimestamp) continue;
      const key = `${app.metadata.namespace as string}/${app.metadata.name as string}`;
      const plan = applicationPlan(app, members);
      for (const p of plan.problems) this.report(p);
      const before = this.state.apps[key];
      if (before && before.version === plan.version) {
        out[key] = { ...before, clusters: plan.clusters };
        continue;
      }
      const objects: KubeObject[] = [];
      let complete = true;
      for (const ref of plan.refs) {
        const info = (await hub.discover()).find((r) => resourceNamed(ref, r));
        const obj = info ? await hub.get(info.apiVersion, info.kind, info.namespaced ? ref.namespace : undefined, ref.name) : undefined;
        if (!obj) {
          complete = false;
          this.report({
            key: `app/${key}/${ref.resource}/${ref.name}`,
            op: "dispatch",
            type: "ackone:fleet:Application",
            message: `Application ${key}: failed to load ref object ${ref.resource} ${ref.namespace}/${ref.name}`,
          });
          continue;
        }
        objects.push(obj);
      }
      // A workflow that failed to read its objects runs again on the next tick; what it dispatched before stays.
      out[key] = complete ? { version: plan.version, clusters: plan.clusters, objects } : (before ?? { version: "", clusters: [], objects: [] });
    }
    return out;
  }

  // --- converging a member ------------------------------------------------------------------------

  private converge(id: string, plan: MemberPlan, checkDrift: boolean): void {
    const applied = (this.state.applied[id] ??= {});
    for (const [key, desired] of plan) {
      const last = applied[key];
      const changed = !last || JSON.stringify(last.object) !== JSON.stringify(desired.object);
      if (!changed && !checkDrift) continue;
      const timing = desired.timing === "endpointSlices" ? "ackone:fleet.endpointSlices" : "ackone:fleet.propagate";
      this.schedule(`${id}/${key}`, changed ? timing : "ackone:fleet.resync", (start) => this.fire(id, key, start));
    }
    for (const key of Object.keys(applied)) if (!plan.has(key)) this.schedule(`${id}/${key}`, "ackone:fleet.remove", (start) => this.fire(id, key, start));
  }

  /** One member object made as the latest plan wants it: applied, or removed when no longer wanted. */
  private async fire(id: string, key: string, start: number): Promise<void> {
    const record = this.state.members[id];
    if (!record) return;
    const kube = this.client(record.role);
    if (!kube) return;
    const desired = this.latest.get(id)?.get(key);
    if (desired) await this.apply(kube, id, key, desired, start);
    else {
      const entry = this.state.applied[id]?.[key];
      if (entry) await this.remove(kube, id, key, entry, start);
    }
  }

  private async apply(kube: Kube, id: string, key: string, desired: Desired, start: number): Promise<void> {
    const obj = desired.object;
    const ref = refOf(obj);
    const type = `ackone:fleet:${ref.kind}`;
    const name = `${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
    const refs = [id, desired.source];
    let observed: KubeObject | undefined;
    try {
      observed = await kube.get(ref.apiVersion, ref.kind, ref.namespace || undefined, ref.name);
    } catch (e) {
      this.reportOnce(`${id}/${key}`, start, "read", type, name, refs, errorText(e));
      return;
    }
    const decision = decideApply(obj, observed, desired.overwrite, `${id} (${this.state.members[id].role})`);
    if (decision.action === "none") {
      (this.state.applied[id] ??= {})[key] = { preserve: desired.preserveOnDeletion, source: desired.source, object: obj };
      return;
    }
    if (decision.action === "conflict") {
      this.reportOnce(`${id}/${key}`, start, "create", type, name, refs, decision.message, "exists");
      return;
    }
    try {
      if (decision.action === "create") await kube.create(decision.object);
      else await kube.replace(decision.object);
    } catch (e) {
      this.reportOnce(`${id}/${key}`, start, decision.action, type, name, refs, e instanceof KubeError ? e.message : errorText(e));
      return;
    }
    this.reported.delete(`${id}/${key}`);
    (this.state.applied[id] ??= {})[key] = { preserve: desired.preserveOnDeletion, source: desired.source, object: obj };
    this.log(start, decision.action, type, `${id}/${name}`, name, refs);
  }

  /** Deletes (or releases) what the fleet put on a member; an object the fleet does not manage stays. */
  private async remove(kube: Kube, id: string, key: string, entry: { preserve: boolean; source: string; object: KubeObject }, start: number): Promise<void> {
    const ref = refOf(entry.object);
    const type = `ackone:fleet:${ref.kind}`;
    const name = `${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
    const refs = [id, entry.source];
    const observed = await kube.get(ref.apiVersion, ref.kind, ref.namespace || undefined, ref.name);
    const decision = decideDelete(observed);
    if (decision === "delete" && entry.preserve) {
      await kube.replace(released(observed!));
      this.log(start, "release", type, `${id}/${name}`, name, refs);
    } else if (decision === "delete") {
      await kube.delete(ref.apiVersion, ref.kind, ref.namespace || undefined, ref.name);
      this.log(start, "delete", type, `${id}/${name}`, name, refs);
    } else if (decision === "unmanaged") {
      this.log(start, "delete", type, `${id}/${name}`, name, refs, `${ref.kind} ${name} in ${id} is not managed by the fleet: left in place`);
    }
    delete this.state.applied[id]?.[key];
  }

  /** An action's failure, logged when it differs from the last one for the same object. */
  private reportOnce(key: string, start: number, op: string, type: string, name: string, refs: string[], error: string, refused?: string): void {
    if (this.reported.get(key) === error) return;
    this.reported.set(key, error);
    this.log(start, op, type, `${refs[0]}/${name}`, name, refs, error, refused);
  }
}
