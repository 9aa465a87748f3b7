/**
 * The request contexts of the real plug-in: go-provider v1.3.0 middleware/cancel/cancel.go, which
 * infer.Provider wraps every provider in (infer/provider.go:177).
 * - Create, Update and Delete run under the request's timeout (customTimeouts, in seconds), else
 *   until cancelled (cancel.go:44-54, :82-91).
 * - The Cancel RPC cancels every request in flight and, the pool being closed, every later request
 *   at once (cancel.go:56-57; internal/evict/pool.go:87-94).
 * The reasons are Go's context errors, which the command's error message then shows.
 */
export const CANCELED = "context canceled";
export const DEADLINE_EXCEEDED = "context deadline exceeded";

export interface OperationContext {
  readonly signal: AbortSignal;
  /** The request is over: its timer stops (cancel.go:52-53, the handle's Evict). */
  end(): void;
}

export class OperationContexts {
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  begin(timeoutSeconds = 0): OperationContext {
    const controller = new AbortController();
    this.inFlight.add(controller);
    let timer: NodeJS.Timeout | undefined;
    if (this.closed) {
      controller.abort(CANCELED);
    } else if (timeoutSeconds !== 0) {
      // time.Second*time.Duration(timeout) (cancel.go:49): the float is truncated to whole seconds,
      // so a timeout under one second has already expired.
      const millis = Math.trunc(timeoutSeconds) * 1000;
      if (millis <= 0) controller.abort(DEADLINE_EXCEEDED);
      else timer = setTimeout(() => controller.abort(DEADLINE_EXCEEDED), millis);
    }
    return {
      signal: controller.signal,
      end: () => {
        clearTimeout(timer);
        this.inFlight.delete(controller);
      },
    };
  }

  cancelAll(): void {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort(CANCELED);
  }
}
