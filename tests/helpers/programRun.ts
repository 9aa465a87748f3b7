import { FAKE_CALLS, fakeCloudState, scriptOf } from "./fakeClouds";
import { Recorded, RecordedInvoke, Registration, plain, promiseOf, recordResources, settle } from "./mocks";
import { StackEdit, setStackConfig } from "./runtimeConfig";

/**
 * One committed stack's whole program under mocks, with the queries its tests share. `start`
 * must run in `beforeAll`, before anything reads the results.
 */
export class ProgramRun {
  recorded: Recorded[] = [];
  duplicates: string[] = [];
  registrations: Registration[] = [];
  invokes: RecordedInvoke[] = [];
  program: Record<string, any> = {};

  /** `edit` makes a variant of the committed stack file (the URN fixture stays the stack's). */
  constructor(
    readonly stack: string,
    readonly edit?: StackEdit,
  ) {}

  async start(): Promise<void> {
    // The SDK keeps a stack trace of every promise it makes (for its leak report), and Jest
    // source-maps each one frame by frame: half of a whole-program run. The run keeps none, so
    // an error the program throws carries its message only (MESH_TEST_TRACES=true keeps them);
    // the assertions that follow get their traces back.
    const traceLimit = Error.stackTraceLimit;
    if (process.env.MESH_TEST_TRACES !== "true") Error.stackTraceLimit = 0;
    try {
      setStackConfig(this.stack, this.edit);
      ({
        recorded: this.recorded,
        duplicates: this.duplicates,
        registrations: this.registrations,
        invokes: this.invokes,
      } = await recordResources("multicloud-mesh", this.stack, fakeCloudState, FAKE_CALLS));
      this.program = (await import("../../index")) as Record<string, any>;
      await promiseOf(this.program.verification);
      await settle(this.recorded);
    } finally {
      Error.stackTraceLimit = traceLimit;
    }
  }

  ofType = (type: string): Recorded[] => this.recorded.filter((r) => r.type === type);

  /** The one resource of that type and name (fails the test when there is none or several). */
  one = (type: string, name: string): Recorded => {
    const found = this.recorded.filter((r) => r.type === type && r.name === name);
    expect(found.map((r) => r.name)).toEqual([name]);
    return found[0];
  };

  /** The commands that run `script` (relative to scripts/, `"mesh/probe.sh"`). */
  commandFor = (script: string): Recorded[] => this.ofType("command:local:Command").filter((r) => scriptOf(r) === script);

  env = (r: Recorded): Record<string, string> => plain(r.inputs.environment) as Record<string, string>;
}
