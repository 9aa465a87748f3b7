import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

/**
 * The engine address among the plug-in's arguments: the first that is not a logging or tracing flag
 * (as @pulumi/pulumi provider/internals.js parseArgs reads them).
 */
export function engineAddress(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i++;
    else if (args[i] !== "--logtostderr" && !args[i].startsWith("-v=")) return args[i];
  }
  return undefined;
}

/**
 * Status lines as go-provider v1.3.0 Logger.InfoStatus sends them (logging.go:56, :106-115):
 * severity info, the resource's URN, ephemeral (shown while it is the latest message, not kept in
 * the update's diagnostics; pulumi pkg/resource/provider/host.go LogStatus). Each call resolves
 * when the engine has answered.
 */
export function engineStatusLog(address: string | undefined): (urn: string, line: string) => Promise<void> {
  if (address === undefined) return () => Promise.resolve();
  const client = new EngineClient(address, grpc.credentials.createInsecure());
  return (urn, line) =>
    new Promise((resolve) => {
      const request = new LogRequest();
      request.setSeverity(LogSeverity.INFO);
      request.setMessage(line);
      request.setUrn(urn);
      request.setEphemeral(true);
      client.log(request, () => resolve());
    });
}
