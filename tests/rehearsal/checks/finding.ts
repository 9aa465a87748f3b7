/** Something a check found wrong after a step; any finding fails the rehearsal. */
export interface Finding {
  /** The check that found it, e.g. `secrets`, `rules`, `proxies`, `leftovers`, `foreign`. */
  readonly check: string;
  readonly message: string;
}
