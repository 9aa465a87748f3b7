import { StackContext } from "./engine";
import { Finding } from "./checks/finding";
import { LocalCluster } from "./world/clusters";

/** A change of the stack's configuration, applied between two `up`s. */
export interface Change {
  /** What the change is, as the report names it, e.g. `mesh revision upgrade (canary)`. */
  readonly name: string;
  /** Edits the stack's config (`setConfig`/`removeConfig`); nothing for a change made by flags alone. */
  apply(ctx: StackContext): void;
  /** Flags of the change's `up` beyond `--yes --skip-preview`, e.g. `--replace <urn>` for a key rotation. @default none */
  readonly upFlags?: readonly string[];
  /**
   * `succeed`: `up` must succeed and converge; `refused`: `up` must fail before it changes
   * anything, with output matching `refusal`, and the change is then reverted.
   */
  readonly expect: "succeed" | "refused";
  /** For `refused`: what the failure must say. */
  readonly refusal?: RegExp;
  /** For `refused`: puts the config back. */
  revert?(ctx: StackContext): void;
  /**
   * Kill the change's `up` when this says so (given each engine event), then run `up` again:
   * the rerun must converge.
   */
  killWhen?(event: Record<string, any>): boolean;
  /** Extra checks after the change's `up` (e.g. the canary moved every pod). */
  verify?(world: World): Finding[];
}

/** The clouds and clusters a scenario runs against, started before the stack and stopped after it. */
export interface World {
  readonly home: string;
  readonly clusters: Readonly<Record<string, LocalCluster>>;
  /** Extra environment for every engine run (stand-in endpoints, tool paths, poll intervals). */
  readonly env: NodeJS.ProcessEnv;
  /** Directories of the clouds' CLI stand-ins, put on PATH after the plug-ins and mesh tools. */
  readonly bins?: readonly string[];
  /** Config edits by path and secrets, set as a user sets them. */
  readonly edits: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  /** What every cloud holds now, per place, in comparable form (see checks/inventory). */
  snapshot(): Promise<Snapshot>;
  /** Checks that run after every step (e.g. no proxy whose control plane is gone). */
  afterStep(): Promise<Finding[]>;
  stop(): Promise<void>;
}

/** Per place (a cloud, a cluster the stack did not create), its objects by key and content. */
export type Snapshot = Readonly<Record<string, readonly { key: string; content: string }[]>>;

/** One stack's rehearsal: its world and the changes it goes through. */
export interface Scenario {
  readonly stack: string;
  /** Loopback index per cluster role. */
  readonly roles: Readonly<Record<string, number>>;
  start(home: string, clusters: Readonly<Record<string, LocalCluster>>): Promise<World>;
  readonly changes: readonly Change[];
  /** Keys that belong to the place itself, not to the run (skipped by the after-destroy comparison). */
  ignore(place: string, key: string): boolean;
}
