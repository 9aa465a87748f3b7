import { FAKE_CALLS, fakeCloudState, scriptOf } from "./fakeClouds";
import { Recorded, Registration, plain, promiseOf, recordResources, settle } from "./mocks";
import { setStackConfig } from "./stackConfig";

/**
 * One committed stack's whole program under mocks, with the queries its tests share. `start`
 * must run in `beforeAll`, before anything reads the results.
 */
export class ProgramRun {
  recorded: Recorded[] = [];
  duplicates: string[] = [];
  registrations: Registration[] = [];
  program: Record<string, any> = {};

  /** `edit` changes the committed stack's values (secrets included) before the program reads them. */
  constructor(
    readonly stack: string,
    readonly edit?: (v: Record<string, any>) => void,
  ) {}

  async start(): Promise<void> {
    setStackConfig(this.stack, this.edit);
    ({
      recorded: this.recorded,
      duplicates: this.duplicates,
      registrations: this.registrations,
    } = await recordResources("multicloud-mesh", this.stack, fakeCloudState, FAKE_CALLS));
    this.program = (await import("../../index")) as Record<string, any>;
    await promiseOf(this.program.verification);
    await settle(this.recorded);
  }

  ofType = (type: string): Recorded[] => this.recorded.filter((r) => r.type === type);

  /** The one resource of that type and name (fails the test when there is none or several). */
  one = (type: string, name: string): Recorded => {
    const found = this.recorded.filter((r) => r.type === type && r.name === name);
    expect(found.map((r) => r.name)).toEqual([name]);
    return found[0];
  };

  commandFor = (script: string): Recorded[] => this.ofType("command:local:Command").filter((r) => scriptOf(r) === `scripts/${script}`);

  env = (r: Recorded): Record<string, string> => plain(r.inputs.environment) as Record<string, string>;
}
