/**
 * The glue around the Node SDK's plug-in server (@pulumi/pulumi provider/server.js): what it leaves
 * out of the provider interface reaches the provider, and the engine gets the diff's changed keys.
 */
import * as grpc from "@grpc/grpc-js";
import { DiffResponse } from "@pulumi/pulumi/proto/provider_pb";
import { servedProvider, withRequestContext } from "../../../../../rehearsal/plugins/command/requestContext";
import { recordingProvider, URN } from "./fixtures";

type Handler = (call: unknown, callback: (error: unknown, value?: unknown) => void) => unknown;

/** A stand-in for server.js's implementation, calling the served provider as server.js does. */
function fakeServer(served: ReturnType<typeof servedProvider>) {
  return {
    create: (call: { request: { props: Record<string, unknown> } }, callback: (e: unknown, v?: unknown) => void) =>
      void served.create!(URN, call.request.props).then((r) => callback(null, r), callback),
    diff: (_call: unknown, callback: (e: unknown, v?: unknown) => void) =>
      void served.diff!("id", URN, { create: "a" }, { create: "b" }).then(() => callback(undefined, new DiffResponse()), callback),
    delete: () => {
      throw new Error("server.js's delete must not be used");
    },
  };
}

function call(props: Record<string, unknown>, timeout: number) {
  return {
    request: { props, getTimeout: () => timeout, getId: () => "probe-run1", getUrn: () => URN, getProperties: () => ({ toJavaScript: () => props }) },
  };
}

function invoke(handler: unknown, request: unknown): Promise<{ error: unknown; value: unknown }> {
  return new Promise((resolve) => (handler as Handler)(request, (error, value) => resolve({ error, value })));
}

it("passes the request's timeout (customTimeouts) to create, which server.js drops", async () => {
  const { provider } = recordingProvider();
  const create = jest.spyOn(provider, "create");
  const implementation = withRequestContext(fakeServer(servedProvider(provider)), provider);
  // Half a second has expired before the start (cancellation.ts); without the timeout `true` would succeed.
  const { error } = await invoke(implementation.create, call({ create: "true" }, 0.5));
  expect((error as Error).message).toBe('context deadline exceeded: running "true":\n');
  expect(create).toHaveBeenCalledWith(URN, { create: "true" }, 0.5);
});

it("answers the diff's changed keys, which server.js does not send", async () => {
  const { provider } = recordingProvider();
  const implementation = withRequestContext(fakeServer(servedProvider(provider)), provider);
  const { value } = await invoke(implementation.diff, call({}, 0));
  expect((value as DiffResponse).getDiffsList()).toEqual(["create"]);
});

it("answers a failed delete with its message, without the stack trace server.js prints to the engine", async () => {
  const { provider } = recordingProvider();
  const printed = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const implementation = withRequestContext(fakeServer(servedProvider(provider)), provider);
  const { error } = await invoke(implementation.delete, call({ delete: "echo gone >&2; exit 2", stdout: "", stderr: "" }, 0));
  expect(error).toEqual({ code: grpc.status.UNKNOWN, details: 'exit status 2: running "echo gone >&2; exit 2":\ngone\n' });
  expect(printed).not.toHaveBeenCalled();
  printed.mockRestore();
});
