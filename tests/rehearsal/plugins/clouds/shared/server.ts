import * as path from "path";
import * as provider from "@pulumi/pulumi/provider";
import { Decision } from "./diff";
import { Props, reveal } from "./values";

/** A stand-in plug-in: the SDK's provider interface plus what the SDK's server does not pass on. */
export interface StandIn extends provider.Provider {
  /** The provider's configuration: its inputs (`project`, `region`, ...) and the stack's `<pkg>:config:*` variables. */
  configure(args: Props, variables: Record<string, string>): void;
  /** The full diff, with the old inputs the engine sends (the SDK's server passes only olds and news). */
  decide(urn: string, olds: Props, news: Props, oldInputs: Props | undefined): Decision;
}

/* eslint-disable @typescript-eslint/no-require-imports */
// The SDK's own gRPC and protobuf modules: the service it registers is patched on the way in.
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] }));
const proto = require("@pulumi/pulumi/proto/provider_pb");

type Call = { request: any };
type Callback = (err: unknown, value?: unknown) => void;

const KIND: Record<string, number> = {
  add: proto.PropertyDiff.Kind.ADD,
  "add-replace": proto.PropertyDiff.Kind.ADD_REPLACE,
  delete: proto.PropertyDiff.Kind.DELETE,
  "delete-replace": proto.PropertyDiff.Kind.DELETE_REPLACE,
  update: proto.PropertyDiff.Kind.UPDATE,
  "update-replace": proto.PropertyDiff.Kind.UPDATE_REPLACE,
};

/** The engine's DiffResponse for a decision, with a detailed diff (as the bridge returns it). */
export function diffResponse(d: Decision): any {
  const resp = new proto.DiffResponse();
  resp.setChanges(d.changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE);
  resp.setReplacesList(d.replaces);
  resp.setDeletebeforereplace(d.deleteBeforeReplace);
  resp.setDiffsList(Object.keys(d.detailed).sort());
  const detailed = resp.getDetaileddiffMap();
  for (const [key, kind] of Object.entries(d.detailed)) {
    const diff = new proto.PropertyDiff();
    diff.setKind(KIND[d.replaces.includes(key) ? `${kind}-replace` : kind]);
    diff.setInputdiff(true);
    detailed.set(key, diff);
  }
  resp.setHasdetaileddiff(true);
  return resp;
}

/**
 * Serves a stand-in with the SDK's plug-in server (`@pulumi/pulumi/provider` main), replacing two
 * of its handlers: Configure, which the SDK answers without passing the configuration on, and
 * Diff, which the SDK answers without old inputs or a detailed diff. Everything else (Check,
 * Create, Read, Update, Delete, Invoke) is the SDK's.
 */
export function serve(standIn: StandIn, args: string[]): Promise<void> {
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service: unknown, impl: any) {
    const configure = impl.configure.bind(impl);
    impl.configure = (call: Call, callback: Callback) => {
      try {
        const variables: Record<string, string> = {};
        call.request.getVariablesMap().forEach((v: string, k: string) => (variables[k] = v));
        standIn.configure((reveal(call.request.getArgs()?.toJavaScript() ?? {}) as Props) ?? {}, variables);
        configure(call, callback);
      } catch (e) {
        callback(e);
      }
    };
    impl.diff = (call: Call, callback: Callback) => {
      try {
        const req = call.request;
        const oldInputs = req.hasOldInputs() ? (req.getOldInputs().toJavaScript() as Props) : undefined;
        callback(null, diffResponse(standIn.decide(req.getUrn(), req.getOlds()?.toJavaScript() ?? {}, req.getNews()?.toJavaScript() ?? {}, oldInputs)));
      } catch (e) {
        callback(e);
      }
    };
    return addService.call(this, service, impl);
  };
  return provider.main(standIn, args);
}
