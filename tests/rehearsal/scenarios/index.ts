import { Scenario } from "../scenario";

/** The stacks the rehearsal runs, in order. */
export const SCENARIOS: readonly Scenario[] = [];
