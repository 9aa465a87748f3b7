/**
 * pulumi-resource-command for the rehearsal: `command:local:Command` as @pulumi/command 1.2.1's own
 * plug-in runs it (provider.ts), served by the Node SDK's plug-in server. The engine finds it on PATH
 * (tests/rehearsal/plugins/bin/pulumi-resource-command).
 */
import * as path from "path";
import { main } from "@pulumi/pulumi/provider";
import { engineAddress, engineStatusLog } from "./engineLog";
import { CommandProvider } from "./provider";
import { installRequestContext, servedProvider } from "./requestContext";

// requestContext.ts wraps the gRPC server class the plug-in server uses: it must be this very module.
const serverGrpc = require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] });
if (serverGrpc !== require.resolve("@grpc/grpc-js")) throw new Error(`@pulumi/pulumi uses its own @grpc/grpc-js (${serverGrpc})`);

const args = process.argv.slice(2);
const command = new CommandProvider({ log: engineStatusLog(engineAddress(args)) });
installRequestContext(command);
void main(servedProvider(command), args);
