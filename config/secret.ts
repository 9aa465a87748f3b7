/**
 * A secret config value out of validation: typed, and never shown by accident (printing or
 * serialising it gives a placeholder). Stacks turn it into a Pulumi secret with `secretOutput`.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself, for the one place that hands it to Pulumi as a secret. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return "(secret)";
  }

  toJSON(): string {
    return "(secret)";
  }
}
