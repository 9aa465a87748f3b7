import * as pulumi from "@pulumi/pulumi";

export interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
}

/** One alias a resource declared, as the engine receives it: a whole URN or a partial spec. */
export interface AliasRecord {
  readonly urn?: string;
  readonly name?: string;
  readonly type?: string;
  readonly parentUrn?: string;
  readonly noParent?: boolean;
}

/** A registration as the engine sees it: the URN the resource gets, its parent and its aliases. */
export interface Registration {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parentUrn?: string;
  readonly aliases: readonly AliasRecord[];
  /** URNs the resource waits for (`dependsOn`, components expanded to their children). */
  readonly dependencies?: readonly string[];
  /** The provider reference (`<urn>::<id>`) a custom resource uses; "" when the default. */
  readonly provider?: string;
  /** The `customTimeouts` option, as the engine receives it ("" where not set). */
  readonly customTimeouts?: { readonly create: string; readonly update: string; readonly delete: string };
  /** The `replaceOnChanges` option: property paths whose change replaces the resource. */
  readonly replaceOnChanges?: readonly string[];
}

/** One invoke (data source call) the program made. */
export interface RecordedInvoke {
  readonly token: string;
  readonly inputs: Record<string, any>;
  /** The provider reference (`<urn>::<id>`) it was made with; "" when the default. */
  readonly provider: string;
  /** How many resources had been registered when it was made: it ran after those. */
  readonly afterResources: number;
}

/** Outputs a cloud would return for a resource, by type (and script, for command resources). */
export type FakeState = (r: Recorded) => Record<string, unknown>;

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True when a mock input (or any value inside it) arrived as a secret. */
export function isSecretValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)["4dabf18193072939515e22adb298388d"] === SECRET_SIG;
}

/** Unwraps secret envelopes recursively. */
export function plain(value: any): any {
  if (isSecretValue(value)) return plain(value.value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/**
 * Installs mocks that record every resource and fail on a duplicate `type::name` (the mock
 * engine would accept one, a real engine would not). Must run before the program is imported.
 */
export async function recordResources(project: string, stack: string, fake: FakeState, calls: Record<string, Record<string, unknown>> = {}) {
  const recorded: Recorded[] = [];
  const registrations: Registration[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const invokes: RecordedInvoke[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const key = `${args.type}::${args.name}`;
        if (seen.has(key)) duplicates.push(key);
        seen.add(key);
        const entry = { type: args.type, name: args.name, inputs: args.inputs };
        recorded.push(entry);
        // A fake may choose the cloud's id with `__id`; otherwise the id is `<name>-id`.
        const { __id, ...state } = fake({ ...entry, inputs: plain(args.inputs) });
        return { id: typeof __id === "string" ? __id : `${args.name}-id`, state: { ...args.inputs, ...state } };
      },
      call(args) {
        invokes.push({ token: args.token, inputs: args.inputs, provider: args.provider ?? "", afterResources: recorded.length });
        return calls[args.token] ?? args.inputs;
      },
    },
    project,
    stack,
    false,
  );
  captureRegistrations(registrations);
  return { recorded, duplicates, registrations, invokes };
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Waits until no new resource has been registered for a moment. */
export async function settle(recorded: readonly unknown[]): Promise<void> {
  let last = -1;
  while (recorded.length !== last) {
    last = recorded.length;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The mock monitor keeps parent and aliases to itself; a wrapper reads them off each request.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor: () => any };

function captureRegistrations(into: Registration[]): void {
  const monitor = settings.getMonitor();
  for (const method of ["registerResource", "readResource"] as const) {
    const original = monitor[method].bind(monitor);
    monitor[method] = (req: any, callback: (err: unknown, res: any) => void) =>
      original(req, (err: unknown, res: any) => {
        if (!err && res) {
          const registered = method === "registerResource";
          const aliases = registered ? (req.getAliasesList() as any[]).map(aliasRecord) : [];
          const dependencies: string[] = registered ? req.getDependenciesList() : [];
          const provider: string = req.getProvider() || "";
          const timeouts = registered ? req.getCustomtimeouts() : undefined;
          const customTimeouts = timeouts ? { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() } : undefined;
          const replaceOnChanges: string[] = registered ? req.getReplaceonchangesList() : [];
          into.push({
            urn: res.getUrn(),
            type: req.getType(),
            name: req.getName(),
            parentUrn: req.getParent() || undefined,
            aliases,
            dependencies,
            provider,
            customTimeouts,
            replaceOnChanges,
          });
        }
        callback(err, res);
      });
  }
}

function aliasRecord(alias: any): AliasRecord {
  if (alias.getUrn()) return { urn: alias.getUrn() };
  const spec = alias.getSpec();
  return {
    name: spec.getName() || undefined,
    type: spec.getType() || undefined,
    parentUrn: spec.getParenturn() || undefined,
    noParent: spec.getNoparent() || undefined,
  };
}
