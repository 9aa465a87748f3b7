import type { ProgramRun } from "./programRun";

/**
 * Runs a stack's program in a module registry of its own (a fresh Pulumi runtime and mocks),
 * so one test file can compare the program before and after a configuration change.
 */
export async function isolatedRun(stack: string, edit?: (v: Record<string, any>) => void): Promise<ProgramRun> {
  let run: ProgramRun | undefined;
  await jest.isolateModulesAsync(async () => {
    const { ProgramRun: Run } = await import("./programRun");
    run = new Run(stack, edit);
    await run.start();
  });
  if (!run) throw new Error(`the ${stack} program did not run`);
  return run;
}
