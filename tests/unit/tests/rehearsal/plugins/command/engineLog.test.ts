/** Where the plug-in finds the engine to send status lines to. */
import { engineAddress } from "../../../../../rehearsal/plugins/command/engineLog";

it("takes the first argument that is no logging or tracing flag, as the engine starts plug-ins (@pulumi/pulumi provider/internals.js parseArgs)", () => {
  expect(engineAddress(["--logtostderr", "-v=9", "--tracing", "tcp://trace", "127.0.0.1:4567"])).toBe("127.0.0.1:4567");
  expect(engineAddress([])).toBeUndefined();
});
