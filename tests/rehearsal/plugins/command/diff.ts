import { INPUT_KEYS, InputKey } from "./inputs";
import { differs } from "./values";

/**
 * Inputs whose change replaces the resource: only `triggers`, tagged `provider:"replaceOnChanges"`
 * (pulumi-command v1.2.1 provider/pkg/provider/common/inputs.go:10). Command implements Update
 * (local/commandController.go:29), so every other change is an update
 * (go-provider v1.3.0 infer/resource.go:1132-1152, :1228-1231).
 */
const REPLACE_ON_CHANGES: readonly InputKey[] = ["triggers"];

export interface CommandDiff {
  readonly changes: boolean;
  readonly replaces: string[];
  /** The top-level inputs that changed (the engine's ChangedKeys). */
  readonly diffs: string[];
  /** Never set: go-provider leaves DeleteBeforeReplace unset (infer/resource.go:1247-1249). */
  readonly deleteBeforeReplace: false;
}

/**
 * go-provider v1.3.0 infer/resource.go:1155-1253: the old inputs (taken from the state, which mirrors
 * them, :1202-1212) against the new ones without `version` and `__`-prefixed keys (:1166-1172).
 *
 * The real plug-in also returns a detailed diff with nested paths. For a change inside `triggers`
 * (`triggers[0]`) its own replace list stays empty and the engine replaces the resource because the
 * SDK registers `replaceOnChanges: ["triggers[*]"]` (node_modules/@pulumi/command/local/command.js:154).
 * The Node SDK's plug-in server sends no detailed diff, so this diff names `triggers` itself: the
 * engine takes the same step.
 */
export function diffCommand(olds: Record<string, unknown>, news: Record<string, unknown>): CommandDiff {
  const newKeys = Object.keys(news).filter((key) => key !== "version" && !key.startsWith("__"));
  const keys = new Set<string>([...INPUT_KEYS, ...newKeys]);
  const oldInput = (key: string) => ((INPUT_KEYS as string[]).includes(key) ? olds[key] : undefined);
  const changed = [...keys].filter((key) => differs(oldInput(key), newKeys.includes(key) ? news[key] : undefined));
  return {
    changes: changed.length > 0,
    replaces: changed.filter((key) => (REPLACE_ON_CHANGES as readonly string[]).includes(key)),
    diffs: changed,
    deleteBeforeReplace: false,
  };
}
