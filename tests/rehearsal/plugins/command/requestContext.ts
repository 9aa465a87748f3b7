import { AsyncLocalStorage } from "async_hooks";
import * as grpc from "@grpc/grpc-js";
import type * as provider from "@pulumi/pulumi/provider";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { CommandProvider } from "./provider";

/**
 * What the Node SDK's plug-in server (@pulumi/pulumi provider/server.js) leaves out, added around its
 * gRPC implementation:
 * - the request's `timeout` (customTimeouts) reaches create, update and delete (server.js:220-300
 *   passes only the URN and properties; the real plug-in runs under it, cancellation.ts);
 * - diff answers its changed keys (`diffs`, the engine's ChangedKeys; server.js:189-219 sends none);
 * - a failed delete answers its message without the stack trace server.js:296-298 prints on the
 *   plug-in's stderr, which the engine shows.
 */
interface RequestScope {
  readonly timeout: number;
  changedKeys?: string[];
}

const scope = new AsyncLocalStorage<RequestScope>();

interface Call {
  readonly request: {
    getTimeout(): number;
    getId(): string;
    getUrn(): string;
    getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
  };
}
type Callback = (error: unknown, value?: unknown) => void;
type Handler = (call: Call, callback: Callback) => unknown;
type Implementation = Record<string, unknown>;

/** The provider as main() serves it: the request's timeout and changed keys through the scope. */
export function servedProvider(command: CommandProvider): provider.Provider {
  const timeout = () => scope.getStore()?.timeout ?? 0;
  return {
    version: command.version,
    check: (urn, olds, news) => command.check(urn, olds, news),
    diff: async (id, urn, olds, news) => {
      const result = await command.diff(id, urn, olds, news);
      const current = scope.getStore();
      if (current) current.changedKeys = result.diffs;
      return result;
    },
    create: (urn, inputs) => command.create(urn, inputs, timeout()),
    read: (id, urn, props) => command.read(id, urn, props),
    update: (id, urn, olds, news) => command.update(id, urn, olds, news, timeout()),
    delete: (id, urn, props) => command.delete(id, urn, props, timeout()),
    cancel: () => command.cancel(),
  };
}

/** Wraps the plug-in server's gRPC implementation (the object server.js gives addService). */
export function withRequestContext(implementation: Implementation, command: CommandProvider): Implementation {
  const original = (name: string) => (implementation[name] as Handler).bind(implementation);
  const timed =
    (name: string): Handler =>
    (call, callback) =>
      scope.run({ timeout: call.request.getTimeout() }, () => original(name)(call, callback));
  const wrapped: Implementation = {
    create: timed("create"),
    update: timed("update"),
    diff: (call: Call, callback: Callback) => {
      const current: RequestScope = { timeout: 0 };
      return scope.run(current, () =>
        original("diff")(call, (error, response) => {
          if (response && current.changedKeys) (response as { setDiffsList(keys: string[]): void }).setDiffsList(current.changedKeys);
          callback(error, response);
        }),
      );
    },
    delete: (call: Call, callback: Callback) => {
      const { request } = call;
      command.delete(request.getId(), request.getUrn(), request.getProperties()?.toJavaScript() ?? {}, request.getTimeout()).then(
        () => callback(null, new Empty()),
        (e: Error) => callback({ code: grpc.status.UNKNOWN, details: e.message }),
      );
    },
  };
  return new Proxy(implementation, {
    get: (target, name: string) => wrapped[name] ?? (typeof target[name] === "function" ? (target[name] as Handler).bind(target) : target[name]),
  });
}

/** Makes every gRPC server of this process serve the plug-in through withRequestContext. */
export function installRequestContext(command: CommandProvider): void {
  const addService = Reflect.get<grpc.Server, "addService">(grpc.Server.prototype, "addService");
  grpc.Server.prototype.addService = function (this: grpc.Server, service, implementation) {
    addService.call(this, service, withRequestContext(implementation as Implementation, command) as grpc.UntypedServiceImplementation);
  };
}
