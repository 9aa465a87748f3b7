import { Scenario } from "../scenario";
import { ackDev } from "./ackDev";
import { dev } from "./dev";

/** The stacks the rehearsal runs, in order. */
export const SCENARIOS: readonly Scenario[] = [dev, ackDev];
