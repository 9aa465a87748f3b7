import { hasValue, isSecret, reveal, UNKNOWN } from "./values";

/**
 * The inputs of `command:local:Command`, pulumi-command v1.2.1 provider/pkg/provider/local/command.go:45-48
 * (common/inputs.go:6-15 and local/base.go:24-33). Go types as the mapper names them in its messages.
 */
const FIELDS = {
  triggers: "[]interface {}",
  create: "string",
  update: "string",
  delete: "string",
  stdin: "string",
  logging: "local.Logging",
  interpreter: "[]string",
  dir: "string",
  environment: "map[string]string",
  assetPaths: "[]string",
  archivePaths: "[]string",
  addPreviousOutputInEnv: "bool",
} as const;

export type InputKey = keyof typeof FIELDS;
export const INPUT_KEYS = Object.keys(FIELDS) as InputKey[];
const STRUCT = "local.CommandInputs";

/** The inputs with secrets unwrapped, as the command runs them. */
export interface CommandInputs {
  readonly triggers?: unknown[];
  readonly create?: string;
  readonly update?: string;
  readonly delete?: string;
  readonly stdin?: string;
  readonly logging?: string;
  readonly interpreter?: string[];
  readonly dir?: string;
  readonly environment?: Record<string, string>;
  readonly assetPaths?: string[];
  readonly archivePaths?: string[];
  readonly addPreviousOutputInEnv?: boolean;
}

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** The Go type name of a decoded property value (resource.PropertyMap.Mappable()). */
function goType(value: unknown): string {
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "number") return "float64";
  if (typeof value === "object") return "map[string]interface {}";
  return typeof value;
}

function fits(type: string, value: unknown): boolean {
  if (value === UNKNOWN) return true; // unknowns are set aside before decoding (go-provider v1.3.0 infer/internal/ende/ende.go:82)
  switch (type) {
    case "[]interface {}":
      return Array.isArray(value);
    case "[]string":
      return Array.isArray(value) && value.every((item) => fits("string", reveal(item)));
    case "map[string]string":
      return goType(value) === "map[string]interface {}" && Object.values(value as object).every((item) => fits("string", reveal(item)));
    case "bool":
      return typeof value === "boolean";
    default:
      // `logging` is a string kind: the mapper takes any string, the enum is not checked
      // (go-provider v1.3.0 infer/resource.go:1027-1046 decodes and applies annotated defaults only).
      return typeof value === "string";
  }
}

/**
 * pulumi-command's Check is go-provider's default (local/commandController.go:27-31 implements no
 * CustomCheck): decode the inputs into CommandInputs, failing on unrecognized fields and wrong types
 * (go-provider v1.3.0 infer/resource.go:1027-1038, infer/internal/ende/ende.go:83-86 IgnoreUnrecognized
 * false; pulumi sdk v3.224.0 util/mapper/mapper_decode.go:62-70, :126, errors.go:131-165). No field has a
 * default (local/base.go:37-129 only describes them), so the inputs come back unchanged.
 */
export function checkInputs(news: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, wire] of Object.entries(news)) {
    const type = (FIELDS as Record<string, string>)[key];
    if (type === undefined) {
      failures.push({ property: key, reason: `Unrecognized field '${key}' on '${STRUCT}'` });
      continue;
    }
    const value = isSecret(wire) ? reveal(wire) : wire;
    if (hasValue(value) && !fits(type, value)) {
      failures.push({ property: key, reason: `Field '${key}' on '${STRUCT}' must be a '${type}'; got '${goType(value)}' instead` });
    }
  }
  return failures;
}

/** The inputs of a checked property bag (or of a state, which mirrors them), secrets unwrapped. */
export function decodeInputs(props: Record<string, unknown>): CommandInputs {
  const inputs: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) {
    const value = reveal(props[key]);
    if (hasValue(value)) inputs[key] = value;
  }
  return inputs;
}

/** The input fields of a property bag as they arrived (secrets still wrapped), nulls left out. */
export function inputFields(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(INPUT_KEYS.filter((key) => hasValue(props[key])).map((key) => [key, props[key]]));
}
