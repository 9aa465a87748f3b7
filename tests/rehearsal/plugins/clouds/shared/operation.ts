import { Operation, recordOperation } from "../../../lib/operations";

/** A refusal as the cloud words it: the error code the vendor documents and its message. */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The cloud rule a refusal's code says the operation broke (tests/rehearsal/README.md, "The operation
 * log"): an object still used (Compute Engine `resourceInUseByAnotherResource`; Alibaba
 * `DependencyViolation.*`, `VpnDependencyViolation.*`, `ErrorClusterInUse`), a name or id that
 * exists (`alreadyExists`, `ErrorClusterNameAlreadyExist`), an ACK One hub that is still changing
 * (`IncorrectClusterState`). Any other failure breaks no rule.
 */
export function ruleOf(code: string): "in-use" | "exists" | "busy" | undefined {
  if (code === "resourceInUseByAnotherResource" || /^(Vpn)?DependencyViolation(\.|$)/.test(code) || code === "ErrorClusterInUse") return "in-use";
  if (code === "alreadyExists" || code === "ErrorClusterNameAlreadyExist") return "exists";
  if (code === "IncorrectClusterState") return "busy";
  return undefined;
}

export interface OperationMeta {
  readonly cloud: Operation["cloud"];
  readonly by: string;
  readonly op: string;
  readonly type: string;
  readonly id?: string;
  readonly name?: string;
  refs?: string[];
}

/**
 * Runs one cloud operation and appends it to the operation log when it ends, refused or not
 * (tests/rehearsal/README.md, "The operation log"). The log holds ids and names only, never a
 * property value, so no secret can reach it; an error message names objects, never values.
 */
export async function operation<T>(meta: OperationMeta, run: () => Promise<T> | T, idOf?: (result: T) => string | undefined): Promise<T> {
  const start = Date.now();
  try {
    const result = await run();
    recordOperation({ ...meta, id: idOf?.(result) ?? meta.id, start, end: Date.now(), ok: true, error: null });
    return result;
  } catch (e) {
    const error = e instanceof CloudError && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : (e as Error).message;
    const refused = e instanceof CloudError ? ruleOf(e.code) : undefined;
    recordOperation({ ...meta, start, end: Date.now(), ok: false, error, ...(refused ? { refused } : {}) });
    throw e;
  }
}
