/**
 * `ack-dev` with `ackOne.hubPrivateEndpoint: false`: the hub's public API endpoint (an EIP) is an
 * explicit choice, accepted with a warning at `up` that names the key.
 */
import * as pulumi from "@pulumi/pulumi";
import { ProgramRun } from "../helpers/programRun";

const run = new ProgramRun("ack-dev", (v) => {
  v.ackOne.hubPrivateEndpoint = false;
});
let warnings: string[] = [];

beforeAll(async () => {
  const warn = jest.spyOn(pulumi.log, "warn");
  await run.start();
  warnings = warn.mock.calls.map(([message]) => String(message));
  warn.mockRestore();
});

it("turns on the hub's public endpoint only because the stack file says so", () => {
  const [cmd] = run.commandFor("ackone/hub-kubeconfig.sh");
  expect(run.env(cmd).HUB_PRIVATE).toBe("false");
});

it("warns at up, naming the key, what it opens and how to keep it private", () => {
  const public_ = warnings.filter((w) => w.includes("ackOne.hubPrivateEndpoint"));
  expect(public_).toHaveLength(1);
  expect(public_[0]).toMatch(/multicloud-mesh:ackOne\.hubPrivateEndpoint = false: .*public.*internet/);
});
